# SPDX-License-Identifier: Apache-2.0
"""POST /v3/{project_id}/volumes/{volume_id}/action: extend, reset the
status, set bootable, set read-only (the legacy connection actions are a
400 naming the attachments API)."""

from nova_like.volume import errors
from nova_like.volume.handlers import volumes as volumes_handler
from nova_like.volume.policies import volumes as policy
from nova_like.volume import quota
from nova_like.volume import schemas
from nova_like.volume import util
from nova_like.volume import volumes


def _extend(req, ctx, session, row, data):
    data = schemas.validate(schemas.EXTEND, data)
    ctx.can(policy.EXTEND, volumes_handler.target(row))
    new_size = int(data['new_size'])
    if row.status != 'available':
        raise errors.InvalidVolume(
            reason='Volume %s status must be available to extend, but '
            'current status is: %s.' % (row.id, row.status))
    if new_size <= row.size:
        raise errors.InvalidVolume(
            reason='New size for extend must be greater than current size. '
            '(current: %d, extended: %d).' % (row.size, new_size))
    quota.check_extend(session, ctx.conf, row.project_id, row.size,
                       new_size)
    if not volumes.transition(session, row.id, ['available'], 'extending',
                              new_size=new_size):
        raise errors.InvalidVolume(
            reason='Volume %s changed status meanwhile; try again.' % row.id)
    return lambda: volumes_handler.cast(
        req, ctx, 'extend_volume', row.host, row.id, status='extending',
        new_size=new_size)


def _reset_status(req, ctx, session, row, data):
    data = schemas.validate(schemas.RESET_STATUS, data)
    ctx.can(policy.RESET_STATUS, volumes_handler.target(row))
    values = {}
    status = data.get('status')
    if status is not None:
        if status not in volumes.RESET_STATUSES:
            raise errors.InvalidVolume(
                reason='Invalid status %s: one of %s.'
                % (status, ', '.join(volumes.RESET_STATUSES)))
        values['status'] = status
    attach_status = data.get('attach_status')
    if attach_status is not None:
        if attach_status not in volumes.RESET_ATTACH_STATUSES:
            raise errors.InvalidVolume(
                reason='Invalid attach status %s: attached or detached.'
                % attach_status)
        row.attach_status = attach_status
    if 'status' in values:
        volumes.transition(session, row.id, [row.status], status,
                           new_size=None)


def _set_bootable(req, ctx, session, row, data):
    data = schemas.validate(schemas.SET_BOOTABLE, data)
    ctx.can(policy.UPDATE, volumes_handler.target(row))
    row.bootable = schemas.to_bool(data['bootable'])
    return 200


def _update_readonly(req, ctx, session, row, data):
    data = schemas.validate(schemas.UPDATE_READONLY, data)
    ctx.can(policy.UPDATE_READONLY, volumes_handler.target(row))
    if row.status not in ('available', 'in-use'):
        raise errors.InvalidVolume(
            reason='Volume %s status must be available or in-use to update '
            'its read-only flag, but it is %s.' % (row.id, row.status))
    row.read_only = schemas.to_bool(data['readonly'])


# The connection actions before the attachments API (Cinder < 3.27, and
# what old clients send); this service has only the attachments API.
LEGACY = ('os-reserve', 'os-unreserve', 'os-begin_detaching',
          'os-roll_detaching', 'os-attach', 'os-detach',
          'os-initialize_connection', 'os-terminate_connection')

ACTIONS = {
    'os-extend': _extend,
    'os-reset_status': _reset_status,
    'os-set_bootable': _set_bootable,
    'os-update_readonly_flag': _update_readonly,
}


def volume_action(req):
    ctx = util.context(req)
    body = util.body(req)
    if len(body) != 1:
        raise errors.bad_request('The body must name exactly one action, '
                                 'got %d.' % len(body))
    [(name, data)] = body.items()
    if name in LEGACY:
        raise errors.bad_request(
            'The volume action %s is not supported by nova-like-volume: '
            'attach with the attachments API (microversion 3.27+: POST '
            '/v3/{project_id}/attachments, PUT /attachments/{id} with the '
            'connector, 3.44 POST /attachments/{id}/action os-complete, '
            'DELETE /attachments/{id}).' % name)
    action = ACTIONS.get(name)
    if action is None:
        raise errors.bad_request('There is no such action: %s' % name)
    if not isinstance(data, dict):
        raise errors.bad_request('The value of %s must be an object.'
                                 % name)
    with ctx.db.writer() as session:
        row = volumes_handler.find(ctx, session, req.urlvars['volume_id'])
        after = action(req, ctx, session, row, data)
    if callable(after):
        after()
    if after == 200:
        return util.response()
    return util.accepted()
