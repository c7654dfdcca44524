# SPDX-License-Identifier: Apache-2.0
"""Initial network schema: networks, subnets, ports, groups, quotas."""

from alembic import op
import sqlalchemy as sa

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('default_security_groups',
        sa.Column('project_id', sa.String(255), nullable=False),
        sa.Column('security_group_id', sa.String(36), nullable=False),
        sa.PrimaryKeyConstraint('project_id')
    )
    op.create_table('hosts',
        sa.Column('host', sa.String(255), nullable=False),
        sa.Column('local_ip', sa.String(64), nullable=False),
        sa.Column('updated_at', sa.DateTime, nullable=True),
        sa.PrimaryKeyConstraint('host')
    )
    op.create_table('ip_allocations',
        sa.Column('id', sa.Integer, nullable=False),
        sa.Column('network_id', sa.String(36), nullable=False),
        sa.Column('subnet_id', sa.String(36), nullable=False),
        sa.Column('port_id', sa.String(36), nullable=False),
        sa.Column('ip_address', sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('network_id', 'ip_address',
        name='uniq_ip_allocations0network_id0ip_address')
    )
    op.create_index('ip_allocations_port_id_idx',
                    'ip_allocations', ['port_id'])
    op.create_index('ip_allocations_subnet_id_idx',
                    'ip_allocations', ['subnet_id'])
    op.create_table('networks',
        sa.Column('id', sa.String(36), nullable=False),
        sa.Column('project_id', sa.String(255), nullable=False),
        sa.Column('name', sa.String(255), nullable=False),
        sa.Column('description', sa.String(255), nullable=False),
        sa.Column('admin_state_up', sa.Boolean, nullable=False),
        sa.Column('shared', sa.Boolean, nullable=False),
        sa.Column('external', sa.Boolean, nullable=False),
        sa.Column('mtu', sa.Integer, nullable=False),
        sa.Column('network_type', sa.String(16), nullable=False),
        sa.Column('physical_network', sa.String(64), nullable=True),
        sa.Column('segmentation_id', sa.Integer, nullable=True),
        sa.Column('revision_number', sa.Integer, nullable=False),
        sa.Column('created_at', sa.DateTime, nullable=True),
        sa.Column('updated_at', sa.DateTime, nullable=True),
        sa.PrimaryKeyConstraint('id')
    )
    op.create_index('networks_project_id_idx',
                    'networks', ['project_id'])
    op.create_table('port_security_groups',
        sa.Column('port_id', sa.String(36), nullable=False),
        sa.Column('security_group_id', sa.String(36), nullable=False),
        sa.PrimaryKeyConstraint('port_id', 'security_group_id')
    )
    op.create_index('port_security_groups_security_group_id_idx',
                    'port_security_groups', ['security_group_id'])
    op.create_table('ports',
        sa.Column('id', sa.String(36), nullable=False),
        sa.Column('network_id', sa.String(36), nullable=False),
        sa.Column('project_id', sa.String(255), nullable=False),
        sa.Column('name', sa.String(255), nullable=False),
        sa.Column('description', sa.String(255), nullable=False),
        sa.Column('mac_address', sa.String(32), nullable=False),
        sa.Column('admin_state_up', sa.Boolean, nullable=False),
        sa.Column('status', sa.String(16), nullable=False),
        sa.Column('device_id', sa.String(255), nullable=False),
        sa.Column('device_owner', sa.String(255), nullable=False),
        sa.Column('host_id', sa.String(255), nullable=False),
        sa.Column('port_security_enabled', sa.Boolean, nullable=False),
        sa.Column('preserve_on_delete', sa.Boolean, nullable=False),
        sa.Column('tag', sa.String(255), nullable=True),
        sa.Column('revision_number', sa.Integer, nullable=False),
        sa.Column('created_at', sa.DateTime, nullable=True),
        sa.Column('updated_at', sa.DateTime, nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('network_id', 'mac_address',
        name='uniq_ports0network_id0mac_address')
    )
    op.create_index('ports_device_id_idx',
                    'ports', ['device_id'])
    op.create_index('ports_project_id_idx',
                    'ports', ['project_id'])
    op.create_table('quotas',
        sa.Column('id', sa.Integer, nullable=False),
        sa.Column('project_id', sa.String(255), nullable=False),
        sa.Column('resource', sa.String(255), nullable=False),
        sa.Column('limit', sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('project_id', 'resource',
        name='uniq_quotas0project_id0resource')
    )
    op.create_table('security_group_rules',
        sa.Column('id', sa.String(36), nullable=False),
        sa.Column('security_group_id', sa.String(36), nullable=False),
        sa.Column('project_id', sa.String(255), nullable=False),
        sa.Column('description', sa.String(255), nullable=False),
        sa.Column('direction', sa.String(16), nullable=False),
        sa.Column('ethertype', sa.String(8), nullable=False),
        sa.Column('protocol', sa.String(40), nullable=True),
        sa.Column('port_range_min', sa.Integer, nullable=True),
        sa.Column('port_range_max', sa.Integer, nullable=True),
        sa.Column('remote_ip_prefix', sa.String(64), nullable=True),
        sa.Column('remote_group_id', sa.String(36), nullable=True),
        sa.Column('revision_number', sa.Integer, nullable=False),
        sa.Column('created_at', sa.DateTime, nullable=True),
        sa.Column('updated_at', sa.DateTime, nullable=True),
        sa.PrimaryKeyConstraint('id')
    )
    op.create_index('security_group_rules_security_group_id_idx',
                    'security_group_rules', ['security_group_id'])
    op.create_table('security_groups',
        sa.Column('id', sa.String(36), nullable=False),
        sa.Column('project_id', sa.String(255), nullable=False),
        sa.Column('name', sa.String(255), nullable=False),
        sa.Column('description', sa.String(255), nullable=False),
        sa.Column('stateful', sa.Boolean, nullable=False),
        sa.Column('revision_number', sa.Integer, nullable=False),
        sa.Column('created_at', sa.DateTime, nullable=True),
        sa.Column('updated_at', sa.DateTime, nullable=True),
        sa.PrimaryKeyConstraint('id')
    )
    op.create_index('security_groups_project_id_idx',
                    'security_groups', ['project_id'])
    op.create_table('segment_allocations',
        sa.Column('id', sa.Integer, nullable=False),
        sa.Column('network_type', sa.String(16), nullable=False),
        sa.Column('physical_network', sa.String(64), nullable=False),
        sa.Column('segmentation_id', sa.Integer, nullable=False),
        sa.Column('network_id', sa.String(36), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('network_type', 'physical_network',
                            'segmentation_id',
        name='uniq_segment_allocations0type0physnet0id')
    )
    op.create_table('subnets',
        sa.Column('id', sa.String(36), nullable=False),
        sa.Column('network_id', sa.String(36), nullable=False),
        sa.Column('project_id', sa.String(255), nullable=False),
        sa.Column('name', sa.String(255), nullable=False),
        sa.Column('description', sa.String(255), nullable=False),
        sa.Column('ip_version', sa.Integer, nullable=False),
        sa.Column('cidr', sa.String(64), nullable=False),
        sa.Column('gateway_ip', sa.String(64), nullable=True),
        sa.Column('enable_dhcp', sa.Boolean, nullable=False),
        sa.Column('allocation_pools', sa.JSON, nullable=False),
        sa.Column('dns_nameservers', sa.JSON, nullable=False),
        sa.Column('host_routes', sa.JSON, nullable=False),
        sa.Column('revision_number', sa.Integer, nullable=False),
        sa.Column('created_at', sa.DateTime, nullable=True),
        sa.Column('updated_at', sa.DateTime, nullable=True),
        sa.PrimaryKeyConstraint('id')
    )
    op.create_index('subnets_network_id_idx',
                    'subnets', ['network_id'])
