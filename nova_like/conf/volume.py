# SPDX-License-Identifier: Apache-2.0
"""[volume], [volume_database] and [volume_api] options."""

from oslo_config import cfg

from nova_like.conf import database

volume_group = cfg.OptGroup(
    'volume', title='Volumes',
    help='The volumes of nova-like-volume: where they are kept, how much '
         'room they may take, how long a transition may last.')

volume_opts = [
    cfg.StrOpt('backend', default='file', choices=['file', 'lvm'],
               help='Where volumes are kept: file (a file per volume in '
                    'volumes_dir) or lvm (a logical volume per volume).'),
    cfg.StrOpt('volumes_dir', default='/var/lib/nova_like/volumes',
               help='Directory of the file backend\'s volume files.'),
    cfg.StrOpt('file_format', default='raw', choices=['raw', 'qcow2'],
               help='Format of the file backend\'s volume files: raw '
                    '(sparse) or qcow2 (needs qemu-img).'),
    cfg.StrOpt('image_conversion_dir',
               help='Where an image is downloaded and converted to raw '
                    'before it is copied into a new volume; '
                    '<volumes_dir>/conversion when unset.'),
    cfg.IntOpt('reserved_percentage', default=0, min=0, max=100,
               help='Percentage of the backend\'s total capacity kept '
                    'free: a create or extend that would eat into it is '
                    'refused (the volume goes to error, or the extend is '
                    'undone, with a message saying so).'),
    cfg.StrOpt('default_volume_type', default='__DEFAULT__',
               help='Volume type of a volume created without one; made on '
                    'first use.'),
    cfg.StrOpt('storage_availability_zone', default='nova',
               help='Availability zone of this volume host.'),
    cfg.IntOpt('transition_timeout', default=600, min=1,
               help='Seconds a volume may stay in creating, extending or '
                    'deleting before the periodic check ends the '
                    'transition: creating becomes error, extending '
                    'error_extending, deleting error_deleting, each with a '
                    'user message saying it timed out (docs/volumes.md).'),
    cfg.IntOpt('quota_volumes', default=10, min=-1,
               help='Volumes a project may have (-1: no limit), unless '
                    'its quota set says otherwise.'),
    cfg.IntOpt('quota_snapshots', default=10, min=-1,
               help='Snapshots a project may have (-1: no limit).'),
    cfg.IntOpt('quota_gigabytes', default=1000, min=-1,
               help='GiB of volumes and snapshots a project may have '
                    '(-1: no limit).'),
    cfg.IntOpt('quota_per_volume_gigabytes', default=-1, min=-1,
               help='Largest size of one volume, in GiB (-1: no limit).'),
    cfg.IntOpt('attachment_timeout', default=600, min=1,
               help='Seconds an attachment may stay attaching (updated '
                    'with a connector, not completed) or detaching before '
                    'the periodic check ends it: attaching becomes '
                    'error_attaching (its export removed, the volume '
                    'available again unless other attachments hold it), '
                    'detaching is finished (export removed, attachment '
                    'deleted).'),
    cfg.IntOpt('reserved_attachment_timeout', default=3600, min=0,
               help='Seconds an attachment may stay reserved (made without '
                    'a connector and never updated) before the periodic '
                    'check deletes it and the volume is available again. '
                    '0 keeps reserved attachments forever, as Cinder '
                    'does.'),
    cfg.StrOpt('iscsi_portal', default='127.0.0.1:3260',
               help='host:port of this host\'s tgtd, given to compute hosts '
                    'on other hosts in iSCSI connection info (tools/ensure-'
                    'storage.sh starts tgtd on NOVA_LIKE_ISCSI_PORTAL).'),
    cfg.StrOpt('iscsi_target_prefix', default='iqn.2010-10.org.openstack:',
               help='Prefix of the iSCSI target names of attachments '
                    '(<prefix>volume-<volume id>:<attachment id>).'),
    cfg.IntOpt('periodic_interval', default=30, min=1,
               help='Seconds between runs of the volume manager\'s '
                    'periodic check of stuck transitions.'),
]

volume_database_group = cfg.OptGroup(
    'volume_database', title='Volume database',
    help='The database of nova-like-volume: volumes, types, snapshots '
         'and volume quotas.')

volume_database_opts = [
    cfg.StrOpt('connection', secret=True,
               help='SQLAlchemy URL of the volume database.'),
] + database.pool_opts()

volume_api_group = cfg.OptGroup('volume_api', title='Volume API server')

volume_api_opts = [
    cfg.StrOpt('auth_strategy', default='keystone',
               choices=[('keystone', 'keystonemiddleware auth_token'),
                        ('noauth2', ('trust the X-Auth-Token "admin"; '
                                     'tests only'))],
               help='How Block Storage API requests are authenticated.'),
    cfg.HostAddressOpt('listen', default='0.0.0.0',
                       help='Address nova-like-volume listens on.'),
    cfg.PortOpt('port', default=8776,
                help='TCP port nova-like-volume listens on.'),
    cfg.IntOpt('workers', default=1, min=1,
               help='Worker processes of the Block Storage API.'),
    cfg.IntOpt('threads', default=8, min=1,
               help='Threads per worker process.'),
]


def register_opts(conf):
    conf.register_group(volume_group)
    conf.register_opts(volume_opts, group=volume_group)
    conf.register_group(volume_database_group)
    conf.register_opts(volume_database_opts, group=volume_database_group)
    conf.register_group(volume_api_group)
    conf.register_opts(volume_api_opts, group=volume_api_group)


def list_opts():
    return {volume_group.name: volume_opts,
            volume_database_group.name: volume_database_opts,
            volume_api_group.name: volume_api_opts}
