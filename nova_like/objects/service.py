# SPDX-License-Identifier: Apache-2.0
"""Service: one daemon on one host, with its heartbeat."""

import datetime

from oslo_versionedobjects import fields

from nova_like.db.main import services as db
from nova_like.objects import base

# The code version of services; bump when a service's behaviour changes in
# a way others must know about (see nova_like/versions.py).
SERVICE_VERSION = 1
# The binary every compute host's service row names.
COMPUTE_BINARY = 'nova-like-compute'


@base.NovaLikeObjectRegistry.register
class Service(base.NovaLikeObject, base.NovaLikePersistentObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = dict(base.NovaLikePersistentObject.fields, **{
        'id': fields.IntegerField(read_only=True),
        'uuid': fields.UUIDField(),
        'host': fields.StringField(),
        'binary': fields.StringField(),
        'topic': fields.StringField(nullable=True),
        'report_count': fields.IntegerField(default=0),
        'disabled': fields.BooleanField(default=False),
        'disabled_reason': fields.StringField(nullable=True),
        'forced_down': fields.BooleanField(default=False),
        'last_seen_up': fields.DateTimeField(nullable=True),
        'version': fields.IntegerField(default=SERVICE_VERSION),
    })

    @staticmethod
    def _from_db_object(context, service, db_service):
        return base.from_db(context, service, db_service)

    @classmethod
    @base.remotable
    def get_by_id(cls, context, service_id):
        return cls._from_db_object(context, cls(),
                                   db.service_get(context, service_id))

    @classmethod
    @base.remotable
    def get_by_host_and_binary(cls, context, host, binary):
        """:raises: HostBinaryNotFound."""
        return cls._from_db_object(
            context, cls(),
            db.service_get_by_host_and_binary(context, host, binary))

    @base.remotable
    def create(self):
        base.ensure_new(self)
        if not self.obj_attr_is_set('version'):
            self.version = SERVICE_VERSION
        values = base.db_changes(self)
        self._from_db_object(self._context, self,
                             db.service_create(self._context, values))

    @base.remotable
    def save(self):
        values = base.db_changes(self)
        if values:
            self._from_db_object(
                self._context, self,
                db.service_update(self._context, self.id, values))

    @base.remotable
    def heartbeat(self):
        """Record that this service is alive, in one atomic UPDATE."""
        self._from_db_object(self._context, self,
                             db.service_heartbeat(self._context, self.id))

    @base.remotable
    def destroy(self):
        db.service_destroy(self._context, self.id)

    def is_up(self, service_down_time, now=None):
        """True when the last heartbeat is recent and not forced down."""
        if self.forced_down or self.last_seen_up is None:
            return False
        now = now or datetime.datetime.now(datetime.timezone.utc)
        last = self.last_seen_up
        if last.tzinfo is None:
            last = last.replace(tzinfo=datetime.timezone.utc)
        return abs((now - last).total_seconds()) <= service_down_time


@base.NovaLikeObjectRegistry.register
class ServiceList(base.ObjectListBase, base.NovaLikeObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {'objects': fields.ListOfObjectsField('Service')}

    @classmethod
    @base.remotable
    def get_all(cls, context, binary=None, host=None):
        return base.list_from_db(context, cls,
                                 db.service_get_all(context, binary, host))
