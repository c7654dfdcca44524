# SPDX-License-Identifier: Apache-2.0
"""InstanceAction and InstanceActionEvent.

What was asked of a server, and each step a service took.
"""

import traceback as tb_module

from oslo_versionedobjects import fields

from nova_like.db import base as db_base
from nova_like.db.main import instance_actions as db
from nova_like import exception
from nova_like.objects import base


@base.NovaLikeObjectRegistry.register
class InstanceAction(base.NovaLikeObject, base.NovaLikePersistentObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = dict(base.NovaLikePersistentObject.fields, **{
        'id': fields.IntegerField(read_only=True),
        'action': fields.StringField(nullable=True),
        'instance_uuid': fields.UUIDField(nullable=True),
        'request_id': fields.StringField(nullable=True),
        'user_id': fields.StringField(nullable=True),
        'project_id': fields.StringField(nullable=True),
        'start_time': fields.DateTimeField(nullable=True),
        'finish_time': fields.DateTimeField(nullable=True),
        'message': fields.StringField(nullable=True),
    })

    @staticmethod
    def _from_db_object(context, action, db_action):
        return base.from_db(context, action, db_action)

    @classmethod
    @base.remotable
    def action_start(cls, context, instance_uuid, action):
        """Record that context's request started action on the instance."""
        values = {'action': action, 'instance_uuid': instance_uuid,
                  'request_id': context.request_id,
                  'user_id': context.user_id,
                  'project_id': context.project_id}
        return cls._from_db_object(context, cls(),
                                   db.action_start(context, values))

    @classmethod
    @base.remotable
    def action_finish(cls, context, instance_uuid, message=None):
        """Set the finish time of context's request's action."""
        values = {'finish_time': db_base.utcnow()}
        if message is not None:
            values['message'] = message
        return cls._from_db_object(context, cls(), db.action_finish(
            context, instance_uuid, context.request_id, values))

    @classmethod
    @base.remotable
    def get_by_request_id(cls, context, instance_uuid, request_id):
        """:raises: InstanceActionNotFound."""
        return cls._from_db_object(context, cls(), db.action_get_by_request_id(
            context, instance_uuid, request_id))


@base.NovaLikeObjectRegistry.register
class InstanceActionList(base.ObjectListBase, base.NovaLikeObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {'objects': fields.ListOfObjectsField('InstanceAction')}

    @classmethod
    @base.remotable
    def get_by_instance_uuid(cls, context, instance_uuid, limit=None,
                             marker=None, filters=None):
        """Newest first.

        :param marker: request_id of the last action of the previous page.
        :param filters: 'changes-since' / 'changes-before' datetimes.
        :raises: InstanceActionNotFound for an unknown marker.
        """
        filters = {key: base.to_db(value)
                   for key, value in (filters or {}).items()}
        return base.list_from_db(context, cls, db.actions_get(
            context, instance_uuid, limit, marker, filters))


@base.NovaLikeObjectRegistry.register
class InstanceActionEvent(base.NovaLikeObject,
                          base.NovaLikePersistentObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = dict(base.NovaLikePersistentObject.fields, **{
        'id': fields.IntegerField(read_only=True),
        'event': fields.StringField(nullable=True),
        'action_id': fields.IntegerField(nullable=True),
        'start_time': fields.DateTimeField(nullable=True),
        'finish_time': fields.DateTimeField(nullable=True),
        'result': fields.StringField(nullable=True),
        'traceback': fields.StringField(nullable=True),
        'host': fields.StringField(nullable=True),
        'details': fields.StringField(nullable=True),
    })

    @staticmethod
    def _from_db_object(context, event, db_event):
        return base.from_db(context, event, db_event)

    @classmethod
    @base.remotable
    def event_start(cls, context, instance_uuid, event_name, host=None):
        """Record that event_name of context's request began on host.

        :raises: InstanceActionNotFound when the request recorded no
            action on the instance.
        """
        values = {'event': event_name, 'start_time': db_base.utcnow(),
                  'host': host}
        return cls._from_db_object(context, cls(), db.action_event_start(
            context, instance_uuid, context.request_id, values))

    @classmethod
    @base.remotable
    def event_finish(cls, context, instance_uuid, event_name, result,
                     traceback=None, details=None):
        """Record how event_name ended: result 'Success' or 'Error'.

        :param traceback: the formatted traceback of a failure (admins only
            see it).
        :param details: the failure a user may read (the exception's
            message).
        """
        values = {'finish_time': db_base.utcnow(), 'result': result,
                  'traceback': traceback, 'details': details}
        return cls._from_db_object(context, cls(), db.action_event_finish(
            context, instance_uuid, context.request_id, event_name, values))

    @staticmethod
    def format_failure(exc):
        """(traceback text, user-facing details) of exc."""
        text = ''.join(tb_module.format_exception(type(exc), exc,
                                                  exc.__traceback__))
        return text, exception.reason_of(exc)


@base.NovaLikeObjectRegistry.register
class InstanceActionEventList(base.ObjectListBase, base.NovaLikeObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {'objects': fields.ListOfObjectsField('InstanceActionEvent')}

    @classmethod
    @base.remotable
    def get_by_action(cls, context, action_id):
        """Events of the action, newest first."""
        return base.list_from_db(context, cls,
                                 db.action_events_get(context, action_id))
