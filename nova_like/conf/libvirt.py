# SPDX-License-Identifier: Apache-2.0
"""[libvirt] options of the libvirt virt driver."""

from oslo_config import cfg

libvirt_group = cfg.OptGroup(
    'libvirt', title='libvirt virt driver',
    help='Used when [DEFAULT] compute_driver is libvirt.LibvirtDriver.')

libvirt_opts = [
    cfg.StrOpt('connection_uri', default='qemu:///system',
               help='libvirt URI of this host\'s hypervisor. '
                    'test:///default is libvirt\'s in-process mock.'),
    cfg.StrOpt('virt_type', default='qemu', choices=['qemu', 'kvm'],
               help='Domain type: qemu (software emulation, works '
                    'everywhere) or kvm (needs a usable /dev/kvm).'),
    cfg.StrOpt('instances_path', default='$state_path/instances',
               help='Where each guest keeps its files (root overlay, '
                    'ephemeral disk, config drive, console log), one '
                    'directory per instance.'),
    cfg.StrOpt('image_cache_subdirectory_name', default='_base',
               help='Directory under instances_path that caches images '
                    'downloaded from Glance, shared by every guest of the '
                    'host.'),
    cfg.BoolOpt('remove_unused_base_images', default=True,
                help='Whether the image cache cleaner removes base images '
                     'that no guest of this host uses.'),
    cfg.IntOpt('remove_unused_original_minimum_age_seconds', default=86400,
               min=0,
               help='Seconds a base image must have been unused before the '
                    'cleaner removes it.'),
    cfg.IntOpt('image_cache_manager_interval', default=2400, min=-1,
               help='Seconds between two runs of the image cache cleaner '
                    '(during the resource audit); -1 disables it.'),
    cfg.StrOpt('disk_bus', default='virtio',
               choices=['virtio', 'scsi', 'sata', 'ide'],
               help='Bus of guest disks unless the image property '
                    'hw_disk_bus says otherwise.'),
    cfg.StrOpt('vif_type', default='user', choices=['user', 'bridge', 'none'],
               help='Guest NIC: user (QEMU user-mode networking, no host '
                    'setup), bridge (a tap on [libvirt] bridge) or none.'),
    cfg.StrOpt('bridge', default='br100',
               help='Host bridge of guest NICs when vif_type is bridge.'),
    cfg.BoolOpt('force_config_drive', default=False,
                help='Give every guest a config drive, not only those that '
                     'ask for one.'),
    cfg.StrOpt('mkisofs_cmd', default='genisoimage',
               help='Program that writes config drive ISOs: genisoimage, '
                    'mkisofs or xorrisofs.'),
    cfg.IntOpt('soft_reboot_timeout', default=60, min=1,
               help='Seconds a soft reboot waits for the guest to shut down '
                    'through ACPI before it resets the guest.'),
    cfg.IntOpt('console_log_max_bytes', default=100 * 1024, min=1024,
               help='How much of the tail of a guest\'s serial console log '
                    'get_console_output returns.'),
]


def register_opts(conf):
    conf.register_group(libvirt_group)
    conf.register_opts(libvirt_opts, group=libvirt_group)


def list_opts():
    return {libvirt_group.name: libvirt_opts}
