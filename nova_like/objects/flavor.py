# SPDX-License-Identifier: Apache-2.0
"""Flavor: a size of server (vCPUs, RAM, disks) with its extra specs and access list."""

from oslo_versionedobjects import fields

from nova_like.db.api import flavors as db
from nova_like.objects import base


@base.NovaLikeObjectRegistry.register
class Flavor(base.NovaLikeObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(read_only=True),
        'flavorid': fields.StringField(),
        'name': fields.StringField(),
        'memory_mb': fields.IntegerField(),
        'vcpus': fields.IntegerField(),
        'root_gb': fields.IntegerField(default=0),
        'ephemeral_gb': fields.IntegerField(default=0),
        'swap': fields.IntegerField(default=0),
        'rxtx_factor': fields.FloatField(default=1.0),
        'vcpu_weight': fields.IntegerField(nullable=True),
        'disabled': fields.BooleanField(default=False),
        'is_public': fields.BooleanField(default=True),
        'description': fields.StringField(nullable=True),
        'extra_specs': fields.DictOfStringsField(default={}),
        'projects': fields.ListOfStringsField(default=[]),
        'created_at': fields.DateTimeField(nullable=True),
        'updated_at': fields.DateTimeField(nullable=True),
    }

    @staticmethod
    def _from_db_object(context, flavor, db_flavor):
        return base.from_db(context, flavor, db_flavor)

    @classmethod
    @base.remotable
    def get_by_flavor_id(cls, context, flavorid):
        """:raises: FlavorNotFound."""
        return cls._from_db_object(context, cls(),
                                   db.flavor_get_by(flavorid=flavorid))

    @classmethod
    @base.remotable
    def get_by_id(cls, context, flavor_id):
        return cls._from_db_object(context, cls(),
                                   db.flavor_get_by(id=flavor_id))

    @classmethod
    @base.remotable
    def get_by_name(cls, context, name):
        return cls._from_db_object(context, cls(),
                                   db.flavor_get_by(name=name))

    @base.remotable
    def create(self):
        base.ensure_new(self)
        values = base.db_changes(self, exclude=('extra_specs', 'projects'))
        extra_specs = self.extra_specs if self.obj_attr_is_set(
            'extra_specs') else {}
        projects = self.projects if self.obj_attr_is_set('projects') else []
        self._from_db_object(
            self._context, self,
            db.flavor_create(values, extra_specs, projects))

    @base.remotable
    def destroy(self):
        db.flavor_destroy(self.flavorid)


@base.NovaLikeObjectRegistry.register
class FlavorList(base.ObjectListBase, base.NovaLikeObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {'objects': fields.ListOfObjectsField('Flavor')}

    @classmethod
    @base.remotable
    def get_all(cls, context):
        return base.list_from_db(context, cls, db.flavor_get_all())
