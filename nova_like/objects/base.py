# SPDX-License-Identifier: Apache-2.0
"""Base classes, registry and serializer of nova_like's versioned objects.

Objects that cross RPC derive from NovaLikeObject. In nova-like-compute,
``NovaLikeObject.indirection_api`` is the conductor's RPC client, so every
``@remotable`` method runs in the conductor and compute never touches a
database.
"""

import datetime

from oslo_utils import uuidutils
from oslo_versionedobjects import base as ovo_base
from oslo_versionedobjects import fields

from nova_like import exception
from nova_like import objects

remotable = ovo_base.remotable
obj_make_list = ovo_base.obj_make_list


class NovaLikeObjectRegistry(ovo_base.VersionedObjectRegistry):
    def registration_hook(self, cls, index):
        # nova_like.objects.<Name> is always the newest registered version.
        version = tuple(int(x) for x in cls.VERSION.split('.'))
        current = getattr(objects, cls.obj_name(), None)
        if current is None or version >= tuple(
                int(x) for x in current.VERSION.split('.')):
            setattr(objects, cls.obj_name(), cls)


class NovaLikeObject(ovo_base.VersionedObject):
    OBJ_SERIAL_NAMESPACE = 'nova_like_object'
    OBJ_PROJECT_NAMESPACE = 'nova_like'

    def obj_load_attr(self, attrname):
        """An unset field with a default reads as that default.

        Set lazily rather than in __init__, because objects loaded from the
        database overwrite every field at once and lists build hundreds.
        """
        field = self.fields[attrname]
        if field.default is fields.UnspecifiedDefault:
            super().obj_load_attr(attrname)
        self.obj_set_defaults(attrname)
        # Reading a default is not a change to save.
        self._changed_fields.discard(attrname)

    def obj_what_changed(self):
        """As ovo's, but looking into the fields that can hold an object
        only, instead of reading all of them (Instance has about 70, and
        every save asks several times)."""
        changes = {f for f in self._changed_fields if f in self.fields}
        for name in _object_fields(type(self)):
            if self.obj_attr_is_set(name):
                value = getattr(self, name)
                if isinstance(value, ovo_base.VersionedObject) and \
                        value.obj_what_changed():
                    changes.add(name)
        return changes


_object_field_names = {}


def _object_fields(cls):
    """Names of cls's fields whose value can be a versioned object."""
    names = _object_field_names.get(cls)
    if names is None:
        names = _object_field_names[cls] = tuple(
            name for name, field in cls.fields.items()
            if isinstance(getattr(field, '_type', None), fields.Object))
    return names


class NovaLikePersistentObject:
    """Mixin: the timestamp and soft-delete fields of database rows."""
    fields = {
        'created_at': fields.DateTimeField(nullable=True),
        'updated_at': fields.DateTimeField(nullable=True),
        'deleted_at': fields.DateTimeField(nullable=True),
        'deleted': fields.BooleanField(default=False),
    }


class ObjectListBase(ovo_base.ObjectListBase):
    pass


class NovaLikeObjectSerializer(ovo_base.VersionedObjectSerializer):
    OBJ_BASE_CLASS = NovaLikeObject


def to_db(value):
    """A field value as the database stores it (naive UTC datetimes)."""
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return value


# The primary key and soft deletion (deleted = row id) are the database
# layer's business: never written from an object.
_DB_MANAGED = ('id', 'deleted', 'deleted_at')


def ensure_new(obj):
    """Before create(): refuse an object that has a row; give it a uuid.

    :raises: ObjectActionError when obj was created already.
    """
    if obj.obj_attr_is_set('id'):
        raise exception.ObjectActionError(action='create',
                                          reason='already created')
    if 'uuid' in obj.fields and not obj.obj_attr_is_set('uuid'):
        obj.uuid = uuidutils.generate_uuid()


def db_changes(obj, exclude=()):
    """The object's changed fields as column values."""
    return {k: to_db(v) for k, v in obj.obj_get_changes().items()
            if k not in exclude and k not in _DB_MANAGED}


# Field types whose coerce() returns a value of exactly this Python type
# unchanged (a UUID column holds the text it was validated as on write).
_IDENTITY_TYPES = ((fields.Integer, int), (fields.String, str),
                   (fields.UUID, str), (fields.Boolean, bool))
_plans = {}


def _load_plan(cls):
    """[(field name, attribute ovo stores it in, the Python type whose
    values need no coercion or None, nullable)] of cls, computed once."""
    plan = _plans.get(cls)
    if plan is None:
        plan = []
        for name, field in cls.fields.items():
            exact = None
            for field_type, python_type in _IDENTITY_TYPES:
                if type(field._type) is field_type:
                    exact = python_type
            plan.append((name, '_obj_' + name, exact, field.nullable))
        plan = _plans[cls] = plan
    return plan


def from_db(context, obj, db_row, skip=()):
    """Set obj's fields from a database row dict and reset its changes.

    A value that coercion would return unchanged (an int for an integer
    field, a str for a string, None for a nullable field) is stored
    directly in ovo's attribute, skipping the setter: a list of 200
    instances sets 12,000 fields. Anything else goes through setattr.
    """
    for name, attr, exact, nullable in _load_plan(type(obj)):
        if name in skip or name not in db_row:
            continue
        value = db_row[name]
        if name == 'deleted':
            value = bool(value)
        if (value is None and nullable) or (
                exact is not None and type(value) is exact):
            object.__setattr__(obj, attr, value)
        else:
            setattr(obj, name, value)
    obj._context = context
    obj.obj_reset_changes()
    return obj


def field_value(obj, name, default=None):
    """obj.name when set (and not None), else default: never lazy-loads.

    obj_attr_is_set() plus getattr() cost about ten times more, and views
    read every field of hundreds of objects.
    """
    value = getattr(obj, '_obj_' + name, None)
    return default if value is None else value


def list_from_db(context, list_cls, db_rows):
    """A list object of list_cls holding one item per database row."""
    return obj_make_list(context, list_cls(context), db_rows)
