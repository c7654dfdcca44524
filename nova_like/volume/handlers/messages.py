# SPDX-License-Identifier: Apache-2.0
"""/v3/{project_id}/messages (3.3): why a volume failed, for its owner."""

from nova_like.volume import errors
from nova_like.volume import messages
from nova_like.volume.policies import messages as policy
from nova_like.volume import util


def view(req, row):
    return {'id': row.id, 'event_id': row.event_id,
            'user_message': row.user_message,
            'message_level': row.message_level,
            'resource_type': row.resource_type,
            'resource_uuid': row.resource_uuid,
            'request_id': row.request_id,
            'created_at': util.isotime(row.created_at),
            'guaranteed_until': util.isotime(row.expires_at),
            'links': util.links(req, 'messages', row.id)}


def _find(ctx, session, message_id, action):
    row = messages.get(session, message_id)
    if row is None or not ctx.can(action, {'project_id': row.project_id},
                                  fatal=False):
        raise errors.NotFound('Message %s could not be found.' % message_id)
    return row


def list_messages(req):
    ctx = util.context(req)
    ctx.can(policy.GET_ALL)
    with ctx.db.reader() as session:
        return util.response({'messages': [
            view(req, r) for r in messages.list_for(session,
                                                    ctx.project_id)]})


def show_message(req):
    ctx = util.context(req)
    with ctx.db.reader() as session:
        row = _find(ctx, session, req.urlvars['message_id'], policy.GET)
        return util.response({'message': view(req, row)})


def delete_message(req):
    ctx = util.context(req)
    with ctx.db.writer() as session:
        row = _find(ctx, session, req.urlvars['message_id'], policy.DELETE)
        messages.delete(session, row.id)
    return util.response(status=204)
