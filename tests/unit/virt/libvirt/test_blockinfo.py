# SPDX-License-Identifier: Apache-2.0
"""Target names per bus, first free first; the config drive CD-ROM's bus."""

import pytest

from nova_like.virt.libvirt import blockinfo


def test_targets_are_named_by_bus():
    assert [blockinfo.next_target(bus, []) for bus in
            ('virtio', 'ide', 'sata', 'scsi', 'usb')] == \
        ['vda', 'hda', 'sda', 'sda', 'sda']


def test_the_first_free_name_across_every_bus():
    assert blockinfo.next_target('virtio', ['vda', 'hda']) == 'vdb'
    assert blockinfo.next_target('ide', ['vda', 'vdb']) == 'hda'
    assert blockinfo.next_target('ide', ['hda', 'hdc']) == 'hdb'
    # scsi and sata share sd*: a SATA CD-ROM next to SCSI disks
    assert blockinfo.next_target('sata', ['sda', 'sdb']) == 'sdc'


def test_full_and_unknown_buses_say_so():
    with pytest.raises(blockinfo.BlockInfoError,
                       match='no free hd\\* target on bus ide: the guest '
                             'already has hda, hdb, hdc, hdd'):
        blockinfo.next_target('ide', ['hda', 'hdb', 'hdc', 'hdd'])
    taken = ['vd' + chr(ord('a') + i) for i in range(26)]
    with pytest.raises(blockinfo.BlockInfoError, match='no free vd'):
        blockinfo.next_target('virtio', taken)
    with pytest.raises(blockinfo.BlockInfoError,
                       match='unknown disk bus xen; the libvirt driver '
                             'knows ide, sata, scsi, usb, virtio'):
        blockinfo.next_target('xen', [])


def test_cdrom_bus_ide_on_i440fx_sata_on_q35():
    assert blockinfo.cdrom_bus({}, None) == 'ide'
    assert blockinfo.cdrom_bus({}, 'pc') == 'ide'
    assert blockinfo.cdrom_bus({}, 'pc-i440fx-7.2') == 'ide'
    assert blockinfo.cdrom_bus({}, 'q35') == 'sata'
    assert blockinfo.cdrom_bus({}, 'pc-q35-7.2') == 'sata'


def test_cdrom_bus_from_the_image():
    assert blockinfo.cdrom_bus({'hw_cdrom_bus': 'scsi'}, 'q35') == 'scsi'
    assert blockinfo.cdrom_bus({'hw_cdrom_bus': 'sata'}, None) == 'sata'
    with pytest.raises(blockinfo.BlockInfoError,
                       match='hw_cdrom_bus=virtio cannot hold a CD-ROM'):
        blockinfo.cdrom_bus({'hw_cdrom_bus': 'virtio'}, None)
