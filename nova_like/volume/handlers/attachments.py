# SPDX-License-Identifier: Apache-2.0
"""/v3/{project_id}/attachments (3.27; os-complete 3.44): reserve a
volume for a server, export it for a connector, complete, delete.

The API writes the reservation and the detaching state itself; the
export and its removal are RPC calls to the manager of the volume's host
(only that host runs tgtadm and opens the file): exports.py.
"""

import logging

from nova_like import exception
from nova_like.volume import attachments
from nova_like.volume import errors
from nova_like.volume import exports
from nova_like.volume.handlers import volumes as volumes_handler
from nova_like.volume.policies import attachments as policy
from nova_like.volume.policies import volumes as volume_policy
from nova_like.volume import schemas
from nova_like.volume import util

LOG = logging.getLogger(__name__)
FILTERS = ('instance_id', 'volume_id', 'attach_status')
MODE = (3, 54)


def _time(value):
    return value.isoformat() if value is not None else ''


def flat(row, info):
    """Connection info as Cinder's attachments show it: the 'data' keys
    with driver_volume_type and attachment_id beside them (Nova puts the
    'data' key back)."""
    if not info:
        return {}
    return dict(info.get('data') or {},
                driver_volume_type=info.get('driver_volume_type'),
                attachment_id=row.id)


def view(row, detail=True, secret=False):
    """Cinder's attachment view; the CHAP password only when secret (the
    owner's show, create and update)."""
    body = {'id': row.id, 'status': row.attach_status,
            'instance': row.instance_uuid, 'volume_id': row.volume_id}
    if detail:
        info = exports.with_secret(row) if secret else \
            exports.public(row.connection_info)
        body.update({'attached_at': _time(row.attach_time),
                     'detached_at': '', 'attach_mode': row.attach_mode,
                     'connection_info': flat(row, info)})
    return body


def _target(row):
    return {'project_id': row.project_id, 'user_id': row.user_id}


def find(ctx, session, attachment_id):
    """The attachment's row; 404 when it is gone or ctx may not see its
    volume."""
    row = session.get(attachments.T, attachment_id)
    if row is None or not ctx.can(volume_policy.GET, _target(row),
                                  fatal=False):
        raise errors.AttachmentNotFound(attachment_id=attachment_id)
    return row


def _remote(exc):
    """The API error of a manager's exception."""
    if isinstance(exc, exception.NovaLikeException) and exc.code == 400:
        return errors.bad_request(exc.message)
    if isinstance(exc, exception.NovaLikeException) and exc.code == 404:
        return errors.NotFound()
    if isinstance(exc, exception.NovaLikeException):
        return exception.NovaLikeException(exc.message)
    return errors.VolumeHostUnavailable(
        reason='The volume service of the volume\'s host did not answer '
        '(%s); try again.' % exception.reason_of(exc))


def _connect(req, ctx, host, attachment_id, connector):
    try:
        return req.environ['volume.rpcapi']().attachment_update(
            ctx, host, attachment_id, connector)
    except Exception as exc:
        LOG.warning('Attachment %s: update on host %s failed: %s',
                    attachment_id, host, exception.reason_of(exc))
        raise _remote(exc)


def _detach(req, ctx, host, attachment_id):
    try:
        req.environ['volume.rpcapi']().attachment_delete(
            ctx, host, attachment_id)
    except Exception as exc:
        LOG.warning('Attachment %s: delete on host %s failed: %s',
                    attachment_id, host, exception.reason_of(exc))
        raise _remote(exc)


def create_attachment(req):
    ctx = util.context(req)
    data = schemas.validate(schemas.ATTACHMENT_CREATE,
                            util.body(req))['attachment']
    with ctx.db.writer() as session:
        volume = volumes_handler.find(ctx, session, data['volume_uuid'])
        ctx.can(policy.CREATE, volumes_handler.target(volume))
        if volume.multiattach and volume.bootable:
            ctx.can(policy.MULTIATTACH_BOOTABLE,
                    volumes_handler.target(volume))
        mode = 'ro' if volume.read_only else 'rw'
        if util.version(req) >= MODE and data.get('mode'):
            mode = data['mode']
        row = attachments.reserve(session, volume,
                                  data.get('instance_uuid'), ctx, mode)
        attachment_id, host = row.id, volume.host
    connector = data.get('connector')
    if connector:
        try:
            _connect(req, ctx, host, attachment_id, connector)
        except Exception:
            # As Cinder: a create whose export failed leaves nothing.
            try:
                _detach(req, ctx, host, attachment_id)
            except Exception:
                LOG.exception('Attachment %s: could not remove it after its '
                              'export failed', attachment_id)
            raise
    with ctx.db.reader() as session:
        return util.response({'attachment': view(
            find(ctx, session, attachment_id), secret=True)})


def _list(req, detail):
    ctx = util.context(req)
    ctx.can(volume_policy.GET_ALL, {'project_id': ctx.project_id})
    filters = {k: v for k, v in req.GET.items() if k in FILTERS}
    if 'status' in req.GET:
        filters['attach_status'] = req.GET['status']
    project_id = ctx.project_id
    all_tenants = req.GET.get('all_tenants')
    if ctx.admin and all_tenants is not None and (
            all_tenants == '' or all_tenants.lower() in
            ('1', 'true', 'yes', 'on', 't', 'y')):
        project_id = req.GET.get('project_id')
    with ctx.db.reader() as session:
        rows = attachments.list_rows(session, project_id, filters)
        items = [view(r, detail) for r in rows
                 if ctx.can(volume_policy.GET, _target(r), fatal=False)]
    return util.response({'attachments': items})


def list_attachments(req):
    return _list(req, detail=False)


def list_attachments_detail(req):
    return _list(req, detail=True)


def show_attachment(req):
    ctx = util.context(req)
    with ctx.db.reader() as session:
        row = find(ctx, session, req.urlvars['attachment_id'])
        return util.response({'attachment': view(row, secret=True)})


def update_attachment(req):
    ctx = util.context(req)
    data = schemas.validate(schemas.ATTACHMENT_UPDATE,
                            util.body(req))['attachment']
    attachment_id = req.urlvars['attachment_id']
    with ctx.db.reader() as session:
        row = find(ctx, session, attachment_id)
        ctx.can(policy.UPDATE, _target(row))
        if row.attach_status not in attachments.UPDATABLE:
            raise errors.InvalidAttachment(
                reason='Attachment %s is %s: only a reserved, attaching, '
                'attached or error_attaching attachment can be updated.'
                % (attachment_id, row.attach_status))
        host = row.volume_host
    _connect(req, ctx, host, attachment_id, data['connector'])
    with ctx.db.reader() as session:
        return util.response({'attachment': view(
            find(ctx, session, attachment_id), secret=True)})


def attachment_action(req):
    ctx = util.context(req)
    body = util.body(req)
    if list(body) != ['os-complete']:
        raise errors.bad_request(
            'The only attachment action is os-complete (3.44), not %s.'
            % (', '.join(sorted(body)) or 'nothing'))
    with ctx.db.writer() as session:
        row = find(ctx, session, req.urlvars['attachment_id'])
        ctx.can(policy.COMPLETE, _target(row))
        attachments.complete(session, row.id)
    return util.response(status=204)


def delete_attachment(req):
    ctx = util.context(req)
    attachment_id = req.urlvars['attachment_id']
    with ctx.db.writer() as session:
        row = find(ctx, session, attachment_id)
        ctx.can(policy.DELETE, _target(row))
        volume_id, host = row.volume_id, row.volume_host
        attachments.begin_detaching(session, attachment_id)
    _detach(req, ctx, host, attachment_id)
    with ctx.db.reader() as session:
        remaining = attachments.of_volume(session, volume_id)
        return util.response({'attachments': [
            view(r, detail=False) for r in remaining]})
