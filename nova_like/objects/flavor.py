# SPDX-License-Identifier: Apache-2.0
"""Flavor: a size of server, with its extra specs and access list.

The size is in vCPUs, RAM and disks.
"""

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

    # Not remotable: only the API changes a flavor, and it has the API
    # database.

    def save(self):
        """Write the changed fields (not extra_specs nor projects, which
        have methods of their own).

        :raises: FlavorNotFound.
        """
        values = base.db_changes(self, exclude=('extra_specs', 'projects'))
        if values:
            self._from_db_object(self._context, self,
                                 db.flavor_update(self.flavorid, values))

    def update_extra_specs(self, specs):
        """Set the extra specs given; the others stay.

        :param specs: {key: value}.
        :returns: every extra spec of the flavor, as a dict.
        :raises: FlavorNotFound.
        """
        all_specs = db.flavor_extra_specs_update_or_create(self.flavorid,
                                                           specs)
        self._set_stored('extra_specs', all_specs)
        return all_specs

    def delete_extra_spec(self, key):
        """:raises: FlavorNotFound, FlavorExtraSpecsNotFound."""
        db.flavor_extra_specs_delete(self.flavorid, key)
        if self.obj_attr_is_set('extra_specs'):
            self._set_stored('extra_specs', {
                k: v for k, v in self.extra_specs.items() if k != key})

    def add_access(self, project_id):
        """Let project_id use this private flavor.

        :returns: the projects that may use it.
        :raises: FlavorNotFound, FlavorAccessExists.
        """
        projects = db.flavor_access_add(self.flavorid, project_id)
        self._set_stored('projects', projects)
        return projects

    def remove_access(self, project_id):
        """:returns: the projects that may still use this flavor.
        :raises: FlavorNotFound, FlavorAccessNotFound.
        """
        projects = db.flavor_access_remove(self.flavorid, project_id)
        self._set_stored('projects', projects)
        return projects

    def _set_stored(self, name, value):
        """Set a field to what the database now holds: not a change."""
        setattr(self, name, value)
        self.obj_reset_changes([name])


@base.NovaLikeObjectRegistry.register
class FlavorList(base.ObjectListBase, base.NovaLikeObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {'objects': fields.ListOfObjectsField('Flavor')}

    @classmethod
    @base.remotable
    def get_all(cls, context):
        return base.list_from_db(context, cls, db.flavor_get_all())

    @classmethod
    def get_all_filtered(cls, context, filters=None, sort_key='flavorid',
                         sort_dir='asc', limit=None, marker=None):
        """The flavors matching filters, ordered, after the flavor whose
        flavorid is marker (for the API's lists; not remotable).

        :param filters: is_public (True, False or None for both),
            project_id (with is_public True: also the private flavors this
            project may use), min_memory_mb, min_root_gb, disabled.
        :raises: MarkerNotFound.
        """
        return base.list_from_db(context, cls, db.flavor_get_all_filtered(
            filters, sort_key, sort_dir, limit, marker))
