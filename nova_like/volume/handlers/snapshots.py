# SPDX-License-Identifier: Apache-2.0
"""/v3/{project_id}/snapshots: a copy of a volume, on its backend."""

import logging

from oslo_utils import uuidutils

from nova_like import exception
from nova_like.volume.db import models
from nova_like.volume import errors
from nova_like.volume.handlers import volumes as volumes_handler
from nova_like.volume import messages
from nova_like.volume.policies import snapshots as policy
from nova_like.volume import quota
from nova_like.volume import schemas
from nova_like.volume import snapshots
from nova_like.volume import util

LOG = logging.getLogger(__name__)


def _target(row):
    return {'project_id': row.project_id, 'user_id': row.user_id}


def _find(ctx, session, snapshot_id):
    row = session.get(models.Snapshot, snapshot_id)
    if row is None or not ctx.can(policy.GET, _target(row), fatal=False):
        raise errors.SnapshotNotFound(snapshot_id=snapshot_id)
    return row


def view(req, ctx, row):
    body = {'id': row.id, 'name': row.name,
            'description': row.description, 'volume_id': row.volume_id,
            'status': row.status, 'size': row.size,
            'metadata': dict(row.metadata_ or {}),
            'created_at': util.isotime(row.created_at),
            'updated_at': util.isotime(row.updated_at)}
    if ctx.can(policy.EXTEND_ATTRIBUTE, _target(row), fatal=False):
        body['os-extended-snapshot-attributes:project_id'] = row.project_id
        body['os-extended-snapshot-attributes:progress'] = \
            '100%' if row.status == 'available' else '0%'
    if util.version(req) >= (3, 14):
        body['group_snapshot_id'] = None
    if util.version(req) >= (3, 41):
        body['user_id'] = row.user_id
    return body


def _list(req):
    ctx = util.context(req)
    ctx.can(policy.GET_ALL, {'project_id': ctx.project_id})
    filters = {k: req.GET[k] for k in ('name', 'status', 'volume_id')
               if k in req.GET}
    project_id = ctx.project_id
    if ctx.admin and req.GET.get('all_tenants', 'false').lower() in (
            '', '1', 'true', 'yes', 'on', 't', 'y'):
        project_id = req.GET.get('project_id')
    with ctx.db.reader() as session:
        return util.response({'snapshots': [
            view(req, ctx, r)
            for r in snapshots.list_rows(session, project_id, filters)
            if ctx.can(policy.GET, _target(r), fatal=False)]})


def list_snapshots(req):
    return _list(req)


def list_snapshots_detail(req):
    return _list(req)


def show_snapshot(req):
    ctx = util.context(req)
    with ctx.db.reader() as session:
        return util.response({'snapshot': view(
            req, ctx, _find(ctx, session, req.urlvars['snapshot_id']))})


def create_snapshot(req):
    ctx = util.context(req)
    data = schemas.validate(schemas.SNAPSHOT_CREATE,
                            util.body(req))['snapshot']
    force = schemas.to_bool(data.get('force') or False)
    snapshot_id = uuidutils.generate_uuid()
    with ctx.db.writer() as session:
        volume = volumes_handler.find(ctx, session, data['volume_id'])
        ctx.can(policy.CREATE, volumes_handler.target(volume))
        if volume.status != 'available' and not (
                force and volume.status == 'in-use'):
            raise errors.InvalidVolume(
                reason="Volume %s status must be available, but current "
                "status is: %s." % (volume.id, volume.status))
        quota.check_snapshot(session, ctx.conf, volume.project_id,
                             volume.size)
        row = models.Snapshot(
            id=snapshot_id, project_id=volume.project_id,
            user_id=ctx.user_id, volume_id=volume.id,
            name=data.get('name', data.get('display_name')),
            description=data.get('description',
                                 data.get('display_description')),
            size=volume.size, status='creating', host=volume.host,
            metadata_=data.get('metadata') or {})
        session.add(row)
        session.flush()
        host = row.host
    _cast(req, ctx, 'create_snapshot', host, snapshot_id, 'creating')
    with ctx.db.reader() as session:
        return util.accepted({'snapshot': view(
            req, ctx, _find(ctx, session, snapshot_id))})


def _cast(req, ctx, method, host, snapshot_id, status):
    """Cast to host's manager; when the broker refuses it, the snapshot
    goes to its transition's error state with a user message."""
    try:
        getattr(req.environ['volume.rpcapi'](), method)(ctx, host,
                                                        snapshot_id)
    except Exception as exc:
        LOG.error('Could not cast %s for snapshot %s to %s: %s', method,
                  snapshot_id, host, exc)
        final = snapshots.TRANSITIONS[status]
        with ctx.db.writer() as session:
            if snapshots.transition(session, snapshot_id, [status], final):
                messages.record(
                    session, ctx.project_id, snapshot_id,
                    messages.SNAPSHOT_FAILED,
                    'The volume service of host %s could not be reached '
                    '(%s): the snapshot is %s.'
                    % (host, exception.reason_of(exc), final),
                    resource_type='SNAPSHOT')


def update_snapshot(req):
    ctx = util.context(req)
    data = schemas.validate(schemas.SNAPSHOT_UPDATE,
                            util.body(req))['snapshot']
    with ctx.db.writer() as session:
        row = _find(ctx, session, req.urlvars['snapshot_id'])
        ctx.can(policy.UPDATE, _target(row))
        for key, column in (('display_name', 'name'), ('name', 'name'),
                            ('display_description', 'description'),
                            ('description', 'description')):
            if key in data:
                setattr(row, column, data[key])
        row.updated_at = models.utcnow()
        session.flush()
        return util.response({'snapshot': view(req, ctx, row)})


def delete_snapshot(req):
    ctx = util.context(req)
    with ctx.db.writer() as session:
        row = _find(ctx, session, req.urlvars['snapshot_id'])
        ctx.can(policy.DELETE, _target(row))
        if row.status not in snapshots.DELETABLE or not \
                snapshots.transition(session, row.id, [row.status],
                                     'deleting'):
            raise errors.InvalidSnapshot(
                reason='Snapshot status must be available or error and '
                'must not be part of a group (snapshot %s is %s).'
                % (row.id, row.status))
        host = row.host
    _cast(req, ctx, 'delete_snapshot', host, req.urlvars['snapshot_id'],
          'deleting')
    return util.accepted()
