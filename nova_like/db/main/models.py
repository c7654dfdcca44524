# SPDX-License-Identifier: Apache-2.0
"""SQLAlchemy models of a cell database."""

import sqlalchemy as sa

from nova_like.db import base

Base = base.new_base()


class Service(Base, base.TimestampMixin, base.SoftDeleteMixin):
    __tablename__ = 'services'
    __table_args__ = (
        sa.UniqueConstraint('host', 'binary', 'deleted',
                            name='uniq_services0host0binary0deleted'),
        sa.UniqueConstraint('uuid', name='uniq_services0uuid'),
        base.MYSQL_KW)
    id = sa.Column(sa.Integer, primary_key=True)
    uuid = sa.Column(sa.String(36), nullable=False)
    host = sa.Column(sa.String(255), nullable=False)
    binary = sa.Column(sa.String(255), nullable=False)
    topic = sa.Column(sa.String(255))
    report_count = sa.Column(sa.Integer, nullable=False, default=0)
    disabled = sa.Column(sa.Boolean, nullable=False, default=False)
    disabled_reason = sa.Column(sa.String(255))
    forced_down = sa.Column(sa.Boolean, nullable=False, default=False)
    last_seen_up = sa.Column(sa.DateTime)
    version = sa.Column(sa.Integer, nullable=False, default=0)


class ComputeNode(Base, base.TimestampMixin, base.SoftDeleteMixin):
    __tablename__ = 'compute_nodes'
    __table_args__ = (
        sa.UniqueConstraint('host', 'hypervisor_hostname', 'deleted',
                            name='uniq_compute_nodes0host0hypervisor_hostname0deleted'),
        sa.UniqueConstraint('uuid', name='uniq_compute_nodes0uuid'),
        base.MYSQL_KW)
    id = sa.Column(sa.Integer, primary_key=True)
    uuid = sa.Column(sa.String(36), nullable=False)
    host = sa.Column(sa.String(255), nullable=False)
    hypervisor_hostname = sa.Column(sa.String(255), nullable=False)
    hypervisor_type = sa.Column(sa.String(255), nullable=False)
    hypervisor_version = sa.Column(sa.Integer, nullable=False, default=0)
    vcpus = sa.Column(sa.Integer, nullable=False)
    memory_mb = sa.Column(sa.Integer, nullable=False)
    local_gb = sa.Column(sa.Integer, nullable=False)
    vcpus_used = sa.Column(sa.Integer, nullable=False, default=0)
    memory_mb_used = sa.Column(sa.Integer, nullable=False, default=0)
    local_gb_used = sa.Column(sa.Integer, nullable=False, default=0)
    running_vms = sa.Column(sa.Integer, nullable=False, default=0)
    cpu_info = sa.Column(sa.Text, nullable=False, default='{}')
    host_ip = sa.Column(sa.String(64))
    cpu_allocation_ratio = sa.Column(sa.Float)
    ram_allocation_ratio = sa.Column(sa.Float)
    disk_allocation_ratio = sa.Column(sa.Float)
    mapped = sa.Column(sa.Integer, nullable=False, default=0)


class Instance(Base, base.TimestampMixin, base.SoftDeleteMixin):
    __tablename__ = 'instances'
    __table_args__ = (
        sa.UniqueConstraint('uuid', name='uniq_instances0uuid'),
        sa.Index('instances_project_id_deleted_idx', 'project_id', 'deleted'),
        sa.Index('instances_host_deleted_idx', 'host', 'deleted'),
        sa.Index('instances_updated_at_idx', 'updated_at'),
        base.MYSQL_KW)
    id = sa.Column(sa.Integer, primary_key=True)
    uuid = sa.Column(sa.String(36), nullable=False)
    user_id = sa.Column(sa.String(255), nullable=False)
    project_id = sa.Column(sa.String(255), nullable=False)
    display_name = sa.Column(sa.String(255))
    display_description = sa.Column(sa.Text)
    hostname = sa.Column(sa.String(255))
    image_ref = sa.Column(sa.String(255))
    flavor = sa.Column(sa.Text)
    vcpus = sa.Column(sa.Integer)
    memory_mb = sa.Column(sa.Integer)
    root_gb = sa.Column(sa.Integer)
    ephemeral_gb = sa.Column(sa.Integer)
    host = sa.Column(sa.String(255))
    node = sa.Column(sa.String(255))
    launched_on = sa.Column(sa.String(255))
    availability_zone = sa.Column(sa.String(255))
    vm_state = sa.Column(sa.String(255))
    task_state = sa.Column(sa.String(255))
    power_state = sa.Column(sa.Integer)
    key_name = sa.Column(sa.String(255))
    key_data = sa.Column(sa.Text)
    user_data = sa.Column(sa.Text)
    config_drive = sa.Column(sa.String(255))
    locked = sa.Column(sa.Boolean, nullable=False, default=False)
    locked_by = sa.Column(sa.String(255))
    reservation_id = sa.Column(sa.String(255))
    launch_index = sa.Column(sa.Integer)
    access_ip_v4 = sa.Column(sa.String(39))
    access_ip_v6 = sa.Column(sa.String(39))
    progress = sa.Column(sa.Integer)
    launched_at = sa.Column(sa.DateTime)
    terminated_at = sa.Column(sa.DateTime)
    metadata_json = sa.Column(sa.Text)
    system_metadata_json = sa.Column(sa.Text)
    tags_json = sa.Column(sa.Text)
    network_info_json = sa.Column(sa.Text)


class InstanceFault(Base, base.TimestampMixin):
    __tablename__ = 'instance_faults'
    __table_args__ = (
        sa.Index('instance_faults_instance_uuid_idx', 'instance_uuid'),
        base.MYSQL_KW)
    id = sa.Column(sa.Integer, primary_key=True)
    instance_uuid = sa.Column(sa.String(36), nullable=False)
    code = sa.Column(sa.Integer, nullable=False)
    message = sa.Column(sa.String(255))
    details = sa.Column(sa.Text)
    host = sa.Column(sa.String(255))


class InstanceAction(Base, base.TimestampMixin, base.SoftDeleteMixin):
    """One user request on a server (create, reboot, stop...)."""
    __tablename__ = 'instance_actions'
    __table_args__ = (
        sa.Index('instance_uuid_idx', 'instance_uuid'),
        sa.Index('request_id_idx', 'request_id'),
        sa.Index('instance_actions_instance_uuid_updated_at_idx',
                 'instance_uuid', 'updated_at'),
        base.MYSQL_KW)
    id = sa.Column(sa.Integer, primary_key=True)
    action = sa.Column(sa.String(255))
    instance_uuid = sa.Column(sa.String(36), nullable=False)
    request_id = sa.Column(sa.String(255))
    user_id = sa.Column(sa.String(255))
    project_id = sa.Column(sa.String(255))
    start_time = sa.Column(sa.DateTime)
    finish_time = sa.Column(sa.DateTime)
    message = sa.Column(sa.String(255))


class InstanceActionEvent(Base, base.TimestampMixin, base.SoftDeleteMixin):
    """One step of an action, as a service ran it (compute_stop_instance)."""
    __tablename__ = 'instance_actions_events'
    __table_args__ = (
        sa.Index('instance_actions_events_action_id_idx', 'action_id'),
        base.MYSQL_KW)
    id = sa.Column(sa.Integer, primary_key=True)
    event = sa.Column(sa.String(255))
    action_id = sa.Column(sa.Integer, sa.ForeignKey('instance_actions.id'),
                          nullable=False)
    start_time = sa.Column(sa.DateTime)
    finish_time = sa.Column(sa.DateTime)
    result = sa.Column(sa.String(255))
    traceback = sa.Column(sa.Text)
    host = sa.Column(sa.String(255))
    details = sa.Column(sa.Text)


class BlockDeviceMapping(Base, base.TimestampMixin, base.SoftDeleteMixin):
    """A disk of an instance: where it comes from (source_type) and what
    it becomes (destination_type), and for a volume its attachment."""
    __tablename__ = 'block_device_mapping'
    __table_args__ = (
        sa.UniqueConstraint('uuid', name='uniq_block_device_mapping0uuid'),
        sa.Index('block_device_mapping_instance_uuid_idx', 'instance_uuid'),
        sa.Index('block_device_mapping_instance_uuid_device_name_idx',
                 'instance_uuid', 'device_name'),
        sa.Index('block_device_mapping_instance_uuid_volume_id_idx',
                 'instance_uuid', 'volume_id'),
        sa.Index('snapshot_id_idx', 'snapshot_id'),
        sa.Index('volume_id_idx', 'volume_id'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    uuid = sa.Column(sa.String(36), nullable=False)
    instance_uuid = sa.Column(sa.String(36), nullable=False)
    source_type = sa.Column(sa.String(255))
    destination_type = sa.Column(sa.String(255))
    device_name = sa.Column(sa.String(255))
    device_type = sa.Column(sa.String(255))
    disk_bus = sa.Column(sa.String(255))
    boot_index = sa.Column(sa.Integer)
    delete_on_termination = sa.Column(sa.Boolean, nullable=False,
                                      default=False)
    volume_id = sa.Column(sa.String(36))
    volume_size = sa.Column(sa.Integer)
    snapshot_id = sa.Column(sa.String(36))
    image_id = sa.Column(sa.String(36))
    attachment_id = sa.Column(sa.String(36))
    connection_info = sa.Column(sa.Text)
    tag = sa.Column(sa.String(255))
    volume_type = sa.Column(sa.String(255))
