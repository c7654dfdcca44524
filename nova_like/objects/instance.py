# SPDX-License-Identifier: Apache-2.0
"""Instance: a server in a cell database, with states and embedded flavor."""

import functools

from oslo_serialization import jsonutils
from oslo_versionedobjects import fields

from nova_like.db.main import instances as db
from nova_like.objects import base
from nova_like.objects import flavor  # noqa: F401 (registers what instances embed)

# Fields stored as JSON text in columns named <field>_json, or (flavor) as
# the primitive of a Flavor object.
_JSON_FIELDS = ('metadata', 'system_metadata', 'tags', 'network_info')


@functools.lru_cache(maxsize=1024)
def _decoded(text):
    """JSON text decoded once: the servers of one boot share their flavor
    and system metadata text, and a list decodes four texts a server.
    Callers must not change what they get (copy it, or read it only)."""
    return jsonutils.loads(text)


def _flavor(text):
    """The embedded Flavor stored as text (its primitive)."""
    return base.from_primitive(None, _decoded(text))


@base.NovaLikeObjectRegistry.register
class Instance(base.NovaLikeObject, base.NovaLikePersistentObject):
    # Version 1.0: Initial version
    # Version 1.1: network_info, the VIFs of network/model.py
    VERSION = '1.1'

    fields = dict(base.NovaLikePersistentObject.fields, **{
        'id': fields.IntegerField(read_only=True),
        'uuid': fields.UUIDField(),
        'user_id': fields.StringField(),
        'project_id': fields.StringField(),
        'display_name': fields.StringField(nullable=True),
        'display_description': fields.StringField(nullable=True),
        'hostname': fields.StringField(nullable=True),
        'image_ref': fields.StringField(nullable=True),
        'flavor': fields.ObjectField('Flavor', nullable=True),
        'vcpus': fields.IntegerField(nullable=True),
        'memory_mb': fields.IntegerField(nullable=True),
        'root_gb': fields.IntegerField(nullable=True),
        'ephemeral_gb': fields.IntegerField(nullable=True),
        'host': fields.StringField(nullable=True),
        'node': fields.StringField(nullable=True),
        'launched_on': fields.StringField(nullable=True),
        'availability_zone': fields.StringField(nullable=True),
        'vm_state': fields.StringField(nullable=True),
        'task_state': fields.StringField(nullable=True),
        'power_state': fields.IntegerField(nullable=True),
        'key_name': fields.StringField(nullable=True),
        'key_data': fields.StringField(nullable=True),
        'user_data': fields.StringField(nullable=True),
        'config_drive': fields.StringField(nullable=True),
        'locked': fields.BooleanField(default=False),
        'locked_by': fields.StringField(nullable=True),
        'reservation_id': fields.StringField(nullable=True),
        'launch_index': fields.IntegerField(nullable=True),
        'access_ip_v4': fields.IPV4AddressField(nullable=True),
        'access_ip_v6': fields.IPV6AddressField(nullable=True),
        'progress': fields.IntegerField(nullable=True),
        'launched_at': fields.DateTimeField(nullable=True),
        'terminated_at': fields.DateTimeField(nullable=True),
        'metadata': fields.DictOfStringsField(default={}),
        'system_metadata': fields.DictOfNullableStringsField(default={}),
        'tags': fields.ListOfStringsField(default=[]),
        'network_info': base.JsonField(default=[]),
        # The latest fault, loaded on request; never written by save().
        'fault': fields.ObjectField('InstanceFault', nullable=True),
    })

    def obj_make_compatible(self, primitive, target_version):
        super().obj_make_compatible(primitive, target_version)
        if tuple(int(x) for x in target_version.split('.')) < (1, 1):
            primitive.pop('network_info', None)

    def obj_reset_changes(self, fields=None, recursive=False):
        super().obj_reset_changes(fields, recursive=recursive)
        # Remember the JSON fields so that changes made in place
        # (instance.metadata['k'] = 'v') are seen by obj_what_changed. Their
        # values are strings, so a shallow plain copy is enough (and a deep
        # copy of ovo's CoercedDict would copy the whole owning object).
        for name in _JSON_FIELDS:
            if (fields is None or name in fields) and \
                    self.obj_attr_is_set(name):
                value = getattr(self, name)
                setattr(self, '_orig_' + name,
                        dict(value) if isinstance(value, dict)
                        else list(value))

    def obj_what_changed(self):
        changes = super().obj_what_changed()
        for name in _JSON_FIELDS:
            orig = getattr(self, '_orig_' + name, None)
            if (orig is not None and self.obj_attr_is_set(name)
                    and getattr(self, name) != orig):
                changes.add(name)
        return changes

    @staticmethod
    def _from_db_object(context, instance, db_inst):
        row = dict(db_inst)
        for name in _JSON_FIELDS:
            raw = row.pop(name + '_json', None)
            # A copy: the decoded value is shared with other instances.
            row[name] = _decoded(raw).copy() if raw else (
                {} if name in ('metadata', 'system_metadata') else [])
        raw_flavor = row.get('flavor')
        row['flavor'] = _flavor(raw_flavor) if raw_flavor else None
        for name in ('access_ip_v4', 'access_ip_v6'):
            row[name] = row.get(name) or None
        return base.from_db(context, instance, row)

    def _db_values(self):
        values = base.db_changes(
            self, exclude=_JSON_FIELDS + ('flavor', 'fault'))
        changed = self.obj_what_changed()
        for name in _JSON_FIELDS:
            if name in changed:
                values[name + '_json'] = jsonutils.dumps(getattr(self, name))
        if 'flavor' in changed:
            values['flavor'] = (jsonutils.dumps(self.flavor.obj_to_primitive())
                                if self.flavor else None)
        for name in ('access_ip_v4', 'access_ip_v6'):
            if values.get(name) is not None:
                values[name] = str(values[name])
        return values

    @classmethod
    @base.remotable
    def get_by_uuid(cls, context, uuid):
        """:raises: InstanceNotFound."""
        return cls._from_db_object(context, cls(),
                                   db.instance_get_by_uuid(context, uuid))

    @base.remotable
    def create(self):
        base.ensure_new(self)
        self._from_db_object(self._context, self,
                             db.instance_create(self._context,
                                                self._db_values()))

    @base.remotable
    def save(self, expected_task_state=None, expected_vm_state=None):
        """Write changed fields; with expectations, as a compare-and-swap.

        :param expected_task_state: task_state (or list of) the row must
            still have, else UnexpectedTaskStateError.
        :param expected_vm_state: likewise for vm_state.
        """
        values = self._db_values()
        if not values:
            return
        expected = {}
        if expected_task_state is not None:
            expected['task_state'] = expected_task_state
        if expected_vm_state is not None:
            expected['vm_state'] = expected_vm_state
        self._from_db_object(
            self._context, self,
            db.instance_update(self._context, self.uuid, values, expected))

    @base.remotable
    def destroy(self):
        """Soft-delete, writing the changed fields (vm_state DELETED, say)
        in the same statement: a save and a destroy in one round trip.

        :raises: InstanceNotFound.
        """
        self._from_db_object(self._context, self, db.instance_destroy(
            self._context, self.uuid, self._db_values()))
