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

    def obj_to_primitive(self, target_version=None, version_manifest=None):
        """As ovo's; at our own version, without its per-field calls for
        values that are their own primitive (every RPC argument and answer
        is dumped this way)."""
        if version_manifest or target_version not in (None, self.VERSION):
            return super().obj_to_primitive(target_version, version_manifest)
        data = {}
        for name, attr, kind, field in _dump_plan(type(self)):
            value = getattr(self, attr, _UNSET)
            if value is _UNSET:
                continue
            if value is None or kind == 'plain':
                data[name] = value
            elif kind == 'dict':
                data[name] = dict(value)
            elif kind == 'list':
                data[name] = list(value)
            else:
                data[name] = field.to_primitive(self, name, value)
        key = self._obj_primitive_key
        primitive = {key('name'): self.obj_name(),
                     key('namespace'): self.OBJ_PROJECT_NAMESPACE,
                     key('version'): self.VERSION,
                     key('data'): data}
        changes = [name for name in self.obj_what_changed() if name in data]
        if changes:
            primitive[key('changes')] = changes
        return primitive


_UNSET = object()


class Json(fields.FieldType):
    """A JSON-safe value (dicts, lists, strings, numbers, booleans, None):
    its own primitive. For data a service outside the objects owns the
    shape of, such as an instance's network_info."""

    @staticmethod
    def coerce(obj, attr, value):
        if not isinstance(value, (dict, list)):
            raise ValueError('%s must be a JSON list or object, not %s'
                             % (attr, type(value).__name__))
        return value


class JsonField(fields.AutoTypedField):
    AUTO_TYPE = Json()


# Field types whose primitive is the value itself.
_SELF_PRIMITIVES = (Json, fields.Integer, fields.String, fields.UUID,
                    fields.Boolean, fields.Float)
_dump_plans = {}


def _strings_collection(field_type):
    """fields.Dict or fields.List when field_type is a dict or list of
    strings (nullable or not), else None."""
    element = getattr(field_type, '_element_type', None)
    if element is not None and type(element._type) is fields.String and \
            type(field_type) in (fields.Dict, fields.List):
        return type(field_type)
    return None


def _dump_plan(cls):
    """[(field name, ovo's attribute, kind, field)] of cls: kind 'plain'
    for types whose primitive is the value itself, 'dict'/'list' for
    dicts/lists of strings, else None (the field's to_primitive)."""
    plan = _dump_plans.get(cls)
    if plan is None:
        plan = []
        for name, field in cls.fields.items():
            kind = {fields.Dict: 'dict', fields.List: 'list'}.get(
                _strings_collection(field._type))
            if type(field._type) in _SELF_PRIMITIVES:
                kind = 'plain'
            plan.append((name, '_obj_' + name, kind, field))
        plan = _dump_plans[cls] = plan
    return plan


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

    def _process_object(self, context, objprim):
        obj = _load_primitive(context, objprim)
        if obj is None:  # another version: ovo's way, with backports
            obj = super()._process_object(context, objprim)
        return obj


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
_UTC = datetime.timezone.utc
_SLOW = object()  # a converter's answer: coerce through the field's setter
_plans = {}


def _utc_datetime(obj, name, value):
    """What DateTimeField.coerce makes of a database datetime, or of the
    UTC text ovo writes in primitives ('2026-12-07T08:30:00Z')."""
    if type(value) is str and value.endswith('Z'):
        try:
            parsed = datetime.datetime.fromisoformat(value[:-1])
        except ValueError:
            return _SLOW
        return _SLOW if parsed.tzinfo else parsed.replace(tzinfo=_UTC)
    if type(value) is not datetime.datetime:
        return _SLOW
    return value.replace(tzinfo=_UTC) if value.tzinfo is None else value


def _strings_converter(collection_type, element):
    """A converter for a dict or list of strings: the coerced collection
    ovo would build, without coercing each string again (ovo formats a
    name and calls the element's coerce per item). Later changes made in
    place are still coerced."""
    allowed = (str, type(None)) if element.nullable else (str,)

    def convert(obj, name, value):
        if collection_type is fields.CoercedDict:
            if type(value) is not dict or not all(
                    type(k) is str and isinstance(v, allowed)
                    for k, v in value.items()):
                return _SLOW
            coerced = fields.CoercedDict()
            dict.update(coerced, value)
        else:
            if type(value) is not list or not all(
                    isinstance(v, allowed) for v in value):
                return _SLOW
            coerced = fields.CoercedList()
            list.extend(coerced, value)
        coerced.enable_coercing(element, obj, name)
        return coerced
    return convert


def _converter(field_type):
    """A fast converter for field_type's database values, or None."""
    if type(field_type) is fields.DateTime and field_type.tzinfo_aware:
        return _utc_datetime
    collection = _strings_collection(field_type)
    if collection is fields.Dict:
        return _strings_converter(fields.CoercedDict,
                                  field_type._element_type)
    if collection is fields.List:
        return _strings_converter(fields.CoercedList,
                                  field_type._element_type)
    return None


def _load_plan(cls):
    """[(field name, attribute ovo stores it in, the Python type whose
    values need no coercion or None, a converter or None, nullable)] of cls,
    computed once."""
    plan = _plans.get(cls)
    if plan is None:
        plan = []
        for name, field in cls.fields.items():
            exact = None
            for field_type, python_type in _IDENTITY_TYPES:
                if type(field._type) is field_type:
                    exact = python_type
            plan.append((name, '_obj_' + name, exact,
                         _converter(field._type), field.nullable))
        plan = _plans[cls] = plan
    return plan


def from_db(context, obj, db_row, skip=()):
    """Set obj's fields from a database row dict and reset its changes.

    A value that coercion would return unchanged (an int for an integer
    field, a str for a string, None for a nullable field) is stored
    directly in ovo's attribute, skipping the setter: a list of 200
    instances sets 12,000 fields. Datetimes and dicts or lists of strings
    are converted as their field would, without the per-item coercion.
    Anything else goes through setattr.
    """
    for name, attr, exact, convert, nullable in _load_plan(type(obj)):
        if name in skip or name not in db_row:
            continue
        value = db_row[name]
        if name == 'deleted':
            value = bool(value)
        if (value is None and nullable) or (
                exact is not None and type(value) is exact):
            object.__setattr__(obj, attr, value)
            continue
        if convert is not None:
            converted = convert(obj, name, value)
            if converted is not _SLOW:
                object.__setattr__(obj, attr, converted)
                continue
        setattr(obj, name, value)
    obj._context = context
    obj.obj_reset_changes()
    return obj


# Field types whose primitive is a value their setter takes as it is (see
# _load_primitive); Object and List of Object fields are loaded nested.
_PLAIN_PRIMITIVES = _SELF_PRIMITIVES + (fields.DateTime, fields.IPV4Address,
                                         fields.IPV6Address)
_primitive_plans = {}


def _primitive_plan(cls):
    """{field name: 'object' | 'objects'} of cls's nested objects, or None
    when some field's primitive needs its own from_primitive (a set, a
    dict of lists): such classes load the ovo way."""
    if cls in _primitive_plans:
        return _primitive_plans[cls]
    plan = {}
    for name, field in cls.fields.items():
        kind = type(field._type)
        element = getattr(field._type, '_element_type', None)
        if kind in _PLAIN_PRIMITIVES or _strings_collection(field._type):
            continue
        if kind is fields.Object:
            plan[name] = 'object'
        elif kind is fields.List and type(element._type) is fields.Object:
            plan[name] = 'objects'
        else:
            plan = None
            break
    _primitive_plans[cls] = plan
    return plan


def _load_primitive(context, primitive):
    """The object obj_from_primitive would make of primitive, or None when
    it is of another version than ours (or a class with fields of other
    kinds). Loaded as from_db loads a row: every object crossing RPC went
    through ovo's per-field from_primitive and setter before, a third of
    the CPU the conductor spent on a compute host's instance.save()."""
    key = NovaLikeObject._obj_primitive_key
    classes = NovaLikeObjectRegistry.obj_classes().get(
        primitive.get(key('name')))
    if not classes:
        return None
    cls = classes[0]
    if (primitive.get(key('namespace')) != cls.OBJ_PROJECT_NAMESPACE or
            primitive.get(key('version')) != cls.VERSION):
        return None
    plan = _primitive_plan(cls)
    if plan is None:
        return None
    row = primitive[key('data')]
    if plan:
        row = dict(row)
        for name, kind in plan.items():
            value = row.get(name)
            if value is None:
                continue
            row[name] = (from_primitive(context, value) if kind == 'object'
                         else [from_primitive(context, v) for v in value])
    obj = from_db(context, cls(), row)
    changes = primitive.get(key('changes'))
    if changes:
        obj._changed_fields = {name for name in changes if name in cls.fields}
    return obj


def from_primitive(context, primitive):
    """NovaLikeObject.obj_from_primitive(primitive, context), faster when
    the primitive is of our version of its class."""
    obj = _load_primitive(context, primitive)
    if obj is None:
        obj = NovaLikeObject.obj_from_primitive(primitive, context=context)
    return obj


def seconds_since(stamp, now=None):
    """Seconds from stamp (naive ones are UTC) to now; 0 without stamp."""
    if stamp is None:
        return 0
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=datetime.timezone.utc)
    now = now or datetime.datetime.now(datetime.timezone.utc)
    return (now - stamp).total_seconds()


def idle_seconds(obj, now=None):
    """Seconds since obj (an Instance, ...) was last written."""
    return seconds_since(obj.updated_at or obj.created_at, now)


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
