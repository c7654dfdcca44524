# SPDX-License-Identifier: Apache-2.0
"""Which bus and target name each disk of a guest gets.

They are chosen as Nova's libvirt driver chooses them.

Targets are named by bus (vd* on virtio, hd* on ide, sd* on sata, scsi
and usb); each disk takes the first name that no other disk of the guest
has, whatever its bus: libvirt derives an IDE or SATA disk's drive
address from its name, so two disks on one controller must not share a
letter. The config drive is an ISO 9660 CD-ROM; a CD-ROM cannot sit on
virtio, and the q35 machine type has no IDE controller, so it goes on the
image's hw_cdrom_bus, else sata on q35 and ide on every other x86 machine
type (i440fx 'pc', libvirt's default).
"""

import string

_PREFIX = {'virtio': 'vd', 'ide': 'hd', 'sata': 'sd', 'scsi': 'sd',
           'usb': 'sd'}
CDROM_BUSES = ('ide', 'sata', 'scsi', 'usb')
_IDE_DEVICES = 4  # two channels, master and slave


class BlockInfoError(Exception):
    """A guest's disks cannot be laid out; the message says why."""


def _prefix(bus):
    """Target names' prefix on bus (vd, hd, sd).

    :raises BlockInfoError: for an unknown bus
    """
    prefix = _PREFIX.get(bus)
    if prefix is None:
        raise BlockInfoError('unknown disk bus %s; the libvirt driver knows '
                             '%s' % (bus, ', '.join(sorted(_PREFIX))))
    return prefix


def next_target(bus, taken):
    """The first target name on bus that no name in taken uses.

    :raises BlockInfoError: for an unknown bus, or when the bus is full
    """
    prefix = _prefix(bus)
    letters = string.ascii_lowercase
    if bus == 'ide':
        letters = letters[:_IDE_DEVICES]
    for letter in letters:
        if prefix + letter not in taken:
            return prefix + letter
    raise BlockInfoError('no free %s target on bus %s: the guest already '
                         'has %s' % (prefix + '*', bus,
                                     ', '.join(sorted(taken))))


def root_device(bus):
    """The root disk's name in a Linux guest booted from a kernel image:
    /dev/vda on virtio, else /dev/sda (libata names IDE disks sd* too).

    :raises BlockInfoError: for an unknown bus
    """
    return '/dev/vda' if _prefix(bus) == 'vd' else '/dev/sda'


def cdrom_bus(image_props, machine_type):
    """Bus of a CD-ROM of a guest of machine_type (None: libvirt's default).

    :raises BlockInfoError: when the image's hw_cdrom_bus cannot hold one
    """
    wanted = image_props.get('hw_cdrom_bus')
    if wanted:
        if wanted not in CDROM_BUSES:
            raise BlockInfoError('image property hw_cdrom_bus=%s cannot '
                                 'hold a CD-ROM; use one of %s'
                                 % (wanted, ', '.join(CDROM_BUSES)))
        return wanted
    if machine_type and 'q35' in machine_type:
        return 'sata'
    return 'ide'
