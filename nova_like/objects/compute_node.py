# SPDX-License-Identifier: Apache-2.0
"""ComputeNode: one hypervisor node's resources, as its host reports them."""

from oslo_versionedobjects import fields

from nova_like.db.main import compute_nodes as db
from nova_like.objects import base


@base.NovaLikeObjectRegistry.register
class ComputeNode(base.NovaLikeObject, base.NovaLikePersistentObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = dict(base.NovaLikePersistentObject.fields, **{
        'id': fields.IntegerField(read_only=True),
        'uuid': fields.UUIDField(),
        'host': fields.StringField(),
        'hypervisor_hostname': fields.StringField(),
        'hypervisor_type': fields.StringField(),
        'hypervisor_version': fields.IntegerField(default=0),
        'vcpus': fields.IntegerField(),
        'memory_mb': fields.IntegerField(),
        'local_gb': fields.IntegerField(),
        'vcpus_used': fields.IntegerField(default=0),
        'memory_mb_used': fields.IntegerField(default=0),
        'local_gb_used': fields.IntegerField(default=0),
        'running_vms': fields.IntegerField(default=0),
        'cpu_info': fields.StringField(default='{}'),
        'host_ip': fields.StringField(nullable=True),
        'cpu_allocation_ratio': fields.FloatField(nullable=True),
        'ram_allocation_ratio': fields.FloatField(nullable=True),
        'disk_allocation_ratio': fields.FloatField(nullable=True),
        'mapped': fields.IntegerField(default=0),
    })

    @staticmethod
    def _from_db_object(context, node, db_node):
        return base.from_db(context, node, db_node)

    @classmethod
    @base.remotable
    def get_by_host_and_nodename(cls, context, host, nodename):
        """:raises: ComputeNodeNotFound."""
        return cls._from_db_object(
            context, cls(),
            db.compute_node_get_by_host_and_nodename(context, host, nodename))

    @base.remotable
    def create(self):
        base.ensure_new(self)
        self._from_db_object(
            self._context, self,
            db.compute_node_create(self._context, base.db_changes(self)))

    @base.remotable
    def save(self):
        values = base.db_changes(self)
        if values:
            self._from_db_object(
                self._context, self,
                db.compute_node_update(self._context, self.id, values))


@base.NovaLikeObjectRegistry.register
class ComputeNodeList(base.ObjectListBase, base.NovaLikeObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {'objects': fields.ListOfObjectsField('ComputeNode')}

    @classmethod
    @base.remotable
    def get_all(cls, context):
        return base.list_from_db(context, cls,
                                 db.compute_node_get_all(context))

    @classmethod
    @base.remotable
    def get_all_by_host(cls, context, host):
        return base.list_from_db(context, cls,
                                 db.compute_node_get_all(context, host=host))

    @classmethod
    @base.remotable
    def get_unmapped(cls, context):
        return base.list_from_db(
            context, cls,
            db.compute_node_get_all(context, unmapped_only=True))

    @classmethod
    def destroy_by_host(cls, context, host):
        """Soft-delete the compute nodes of host (not remotable: the API
        does it when it deletes a compute service).

        :returns: the uuids of the nodes deleted.
        """
        return db.compute_nodes_destroy_by_host(context, host)
