# SPDX-License-Identifier: Apache-2.0
"""/v3/{project_id}/volumes: create, list, show, update, delete."""

import ast
import logging
from urllib.parse import urlencode

from oslo_utils import uuidutils

from nova_like import exception
from nova_like.volume import attachments
from nova_like.volume.db import models
from nova_like.volume import errors
from nova_like.volume import images
from nova_like.volume import messages
from nova_like.volume.policies import snapshots as snapshot_policy
from nova_like.volume.policies import volumes as policy
from nova_like.volume import quota
from nova_like.volume import schemas
from nova_like.volume import util
from nova_like.volume import volume_types
from nova_like.volume import volumes

LOG = logging.getLogger(__name__)
FILTERS = ('name', 'status', 'availability_zone', 'bootable', 'metadata',
           'volume_type')
PAGING = ('sort', 'sort_key', 'sort_dir', 'limit', 'marker', 'offset',
          'all_tenants', 'project_id', 'with_count')


def target(row):
    return {'project_id': row.project_id, 'user_id': row.user_id}


def find(ctx, session, volume_id):
    """The volume's row; 404 when it is gone or ctx may not see it."""
    row = session.get(models.Volume, volume_id)
    if row is None or not ctx.can(policy.GET, target(row), fatal=False):
        raise errors.VolumeNotFound(volume_id=volume_id)
    return row


def _attachment_views(rows):
    """Cinder's attachments of a volume view: the attached ones."""
    return [{'id': a.volume_id, 'attachment_id': a.id,
             'volume_id': a.volume_id, 'server_id': a.instance_uuid,
             'host_name': a.attached_host, 'device': a.mountpoint,
             'attached_at': util.isotime(a.attach_time)} for a in rows]


def attached(session, rows):
    """{volume id: [attached attachment rows]} of the volumes rows."""
    return attachments.of_volumes(
        session, [r.id for r in rows if r.attach_status != 'detached'])


def view(req, ctx, row, type_name, detail=True, attached_rows=()):
    """The volume as Block Storage shows it at the request's version;
    attached_rows: its attached attachments (attached())."""
    links = util.links(req, 'volumes', row.id)
    if not detail:
        return {'id': row.id, 'name': row.name, 'links': links}
    body = {
        'id': row.id, 'name': row.name, 'description': row.description,
        'size': row.size, 'status': row.status,
        'availability_zone': row.availability_zone,
        'bootable': 'true' if row.bootable else 'false',
        'encrypted': False, 'multiattach': row.multiattach,
        'attachments': _attachment_views(attached_rows),
        'metadata': dict(row.metadata_ or {}),
        'volume_type': type_name, 'snapshot_id': row.snapshot_id,
        'source_volid': row.source_volid, 'user_id': row.user_id,
        'consistencygroup_id': None, 'replication_status': None,
        'migration_status': None, 'links': links,
        'created_at': util.isotime(row.created_at),
        'updated_at': util.isotime(row.updated_at),
    }
    if row.read_only:
        body['metadata'].setdefault('readonly', 'True')
    if row.image_metadata:
        body['volume_image_metadata'] = {
            k: str(v) for k, v in row.image_metadata.items()
            if v is not None}
    tgt = target(row)
    if ctx.can(policy.TENANT_ATTRIBUTE, tgt, fatal=False):
        body['os-vol-tenant-attr:tenant_id'] = row.project_id
    if ctx.can(policy.HOST_ATTRIBUTE, tgt, fatal=False):
        body['os-vol-host-attr:host'] = row.host
    if ctx.can(policy.MIG_ATTRIBUTE, tgt, fatal=False):
        body['os-vol-mig-status-attr:migstat'] = None
        body['os-vol-mig-status-attr:name_id'] = None
    version = util.version(req)
    if version >= (3, 13):
        body['group_id'] = None
    if version >= (3, 21) and ctx.admin:
        body['provider_id'] = None
    return body


def _type_names(session):
    return volume_types.names(session)


def _params(req):
    """(filters, paging) of a list request; 400 naming a bad value."""
    filters, paging = {}, {}
    for key, value in req.GET.items():
        if key in FILTERS:
            filters[key] = value
        elif key in PAGING:
            paging[key] = value
        elif key in ('display_name',):
            filters['name'] = value
        # Cinder ignores filters it does not know (3.31 makes them 400).
    if 'bootable' in filters:
        filters['bootable'] = schemas.to_bool(schemas.validate(
            schemas.BOOLEAN, filters['bootable']))
    if 'metadata' in filters:
        try:
            filters['metadata'] = ast.literal_eval(filters['metadata'])
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            filters['metadata'] = None
        if not isinstance(filters['metadata'], dict):
            raise errors.bad_request("metadata filter %s is not a dict like "
                                     "{'key': 'value'}" % req.GET['metadata'])
    for key in ('limit', 'offset'):
        if key in paging:
            paging[key] = util.non_negative_int(key, paging[key])
    return filters, paging


def _list(req, detail):
    ctx = util.context(req)
    ctx.can(policy.GET_ALL, {'project_id': ctx.project_id})
    filters, paging = _params(req)
    project_id = ctx.project_id
    all_tenants = paging.get('all_tenants')
    if ctx.admin and all_tenants is not None and (
            all_tenants == '' or all_tenants.lower() in
            ('1', 'true', 'yes', 'on', 't', 'y')):
        project_id = paging.get('project_id')
    with ctx.db.reader() as session:
        names = _type_names(session)
        if 'volume_type' in filters:
            wanted = filters.pop('volume_type')
            filters['volume_type_id'] = next(
                (i for i, n in names.items() if wanted in (i, n)), wanted)
        rows, more = volumes.list_rows(session, project_id, filters, paging)
        held = attached(session, rows) if detail else {}
        items = [view(req, ctx, r, names.get(r.volume_type_id), detail,
                      held.get(r.id, ()))
                 for r in rows
                 if ctx.can(policy.GET, target(r), fatal=False)]
    body = {'volumes': items}
    if more and items:
        query = dict(req.GET)
        query['marker'] = items[-1]['id']
        body['volumes_links'] = [{
            'href': util.project_url(req, '/volumes%s?%s' % (
                '/detail' if detail else '', urlencode(query))),
            'rel': 'next'}]
    return util.response(body)


def list_volumes(req):
    return _list(req, detail=False)


def list_volumes_detail(req):
    return _list(req, detail=True)


def show_volume(req):
    ctx = util.context(req)
    with ctx.db.reader() as session:
        row = find(ctx, session, req.urlvars['volume_id'])
        return util.response({'volume': view(
            req, ctx, row, _type_names(session).get(row.volume_type_id),
            attached_rows=attached(session, [row]).get(row.id, ()))})


def _refuse_unserved(body):
    for key, what in (('backup_id', 'a backup (backup_id)'),
                      ('consistencygroup_id', 'a consistency group'),
                      ('group_id', 'a group (group_id)')):
        if body.get(key):
            raise errors.bad_request(
                'Creating a volume from %s is not supported by '
                'nova-like-volume yet; create an empty volume, clone one '
                'with source_volid, restore a snapshot with snapshot_id or '
                'copy an image with imageRef.' % what)


def _snapshot_source(ctx, session, snapshot_id):
    row = session.get(models.Snapshot, snapshot_id)
    if row is None or not ctx.can(
            snapshot_policy.GET, {'project_id': row.project_id},
            fatal=False):
        raise errors.SnapshotNotFound(snapshot_id=snapshot_id)
    if row.status != 'available':
        raise errors.InvalidSnapshot(
            reason='Originating snapshot status must be one of available '
            'values (it is %s).' % row.status)
    return row


def create_volume(req):
    ctx = util.context(req)
    data = schemas.validate(schemas.VOLUME_CREATE, util.body(req))['volume']
    ctx.can(policy.CREATE, {'project_id': ctx.project_id})
    _refuse_unserved(data)
    conf = ctx.conf
    zone = data.get('availability_zone') or \
        conf.volume.storage_availability_zone
    if zone != conf.volume.storage_availability_zone:
        raise errors.InvalidVolume(
            reason="Availability zone '%s' is invalid." % zone)
    default_type = volume_types.ensure_default(ctx.db, conf)
    size = data.get('size')
    size = int(size) if size is not None else None
    image_id = data.get('imageRef') or data.get('image_id')
    image_metadata = None
    if image_id:
        ctx.can(policy.CREATE_FROM_IMAGE, {'project_id': ctx.project_id})
        if data.get('source_volid') or data.get('snapshot_id'):
            raise errors.bad_request(
                'imageRef, source_volid and snapshot_id are exclusive: '
                'name one source.')
        image_metadata, size = images.check(req.environ['volume.glance'],
                                            ctx, image_id, size)
    volume_id = uuidutils.generate_uuid()
    with ctx.db.writer() as session:
        source = None
        if data.get('source_volid'):
            source = find(ctx, session, data['source_volid'])
            if source.status not in ('available', 'in-use'):
                raise errors.InvalidVolume(
                    reason='Unable to create a volume from an originating '
                    'source volume when its status is not available or '
                    'in-use (it is %s).' % source.status)
            if size is None:
                size = source.size
            elif size < source.size:
                raise errors.InvalidVolume(
                    reason='Volume size %dGiB cannot be smaller than the '
                    'source volume size %dGiB.' % (size, source.size))
        snapshot = None
        if data.get('snapshot_id'):
            snapshot = _snapshot_source(ctx, session, data['snapshot_id'])
            if size is None:
                size = snapshot.size
            elif size < snapshot.size:
                raise errors.InvalidVolume(
                    reason='Volume size %dGiB cannot be smaller than the '
                    'snapshot size %dGiB. They must be >= original '
                    'snapshot size.' % (size, snapshot.size))
        if size is None:
            raise errors.bad_request(
                "Missing required element 'size' in request body.")
        if data.get('volume_type'):
            type_id = volume_types.find(session, data['volume_type']).id
        elif source is not None:
            type_id = source.volume_type_id
        elif snapshot is not None:
            # A volume with snapshots cannot be deleted: it is there.
            type_id = volumes.get_row(session,
                                      snapshot.volume_id).volume_type_id
        else:
            type_id = default_type['id']
        # A copy is made where its source lives.
        host = source.host if source else \
            snapshot.host if snapshot else conf.host
        quota.check_volume(session, conf, ctx.project_id, size)
        row = models.Volume(
            id=volume_id, project_id=ctx.project_id, user_id=ctx.user_id,
            name=data.get('name', data.get('display_name')),
            description=data.get('description',
                                 data.get('display_description')),
            size=size, status='creating', availability_zone=zone,
            volume_type_id=type_id, host=host,
            bootable=bool(source and source.bootable or image_id),
            image_id=image_id or None, image_metadata=image_metadata,
            multiattach=schemas.to_bool(data.get('multiattach') or False),
            source_volid=source.id if source else None,
            snapshot_id=snapshot.id if snapshot else None,
            metadata_=data.get('metadata') or {})
        session.add(row)
        session.flush()
    cast(req, ctx, 'create_volume', row.host, volume_id)
    with ctx.db.reader() as session:
        row = find(ctx, session, volume_id)
        return util.accepted({'volume': view(
            req, ctx, row, _type_names(session).get(row.volume_type_id))})


# When a cast is refused: (where the volume goes, the message's event).
# An extend that never reached its host touched nothing.
_NOT_SENT = {'creating': ('error', messages.CREATE_FAILED),
             'extending': ('available', messages.EXTEND_FAILED),
             'deleting': ('error_deleting', messages.DELETE_FAILED)}


def cast(req, ctx, method, host, volume_id, status='creating', **kwargs):
    """Cast method to host's manager; when the broker refuses it, the
    volume leaves its transition (_NOT_SENT) with a user message."""
    try:
        getattr(req.environ['volume.rpcapi'](), method)(
            ctx, host, volume_id, **kwargs)
    except Exception as exc:
        LOG.error('Could not cast %s for volume %s to %s: %s', method,
                  volume_id, host, exc)
        final, event = _NOT_SENT[status]
        with ctx.db.writer() as session:
            if volumes.transition(session, volume_id, [status], final,
                                  new_size=None):
                messages.record(
                    session, ctx.project_id, volume_id, event,
                    'The volume service of host %s could not be reached '
                    '(%s): the volume is %s.'
                    % (host, exception.reason_of(exc), final))


def update_volume(req):
    ctx = util.context(req)
    data = schemas.validate(schemas.VOLUME_UPDATE, util.body(req))['volume']
    with ctx.db.writer() as session:
        row = find(ctx, session, req.urlvars['volume_id'])
        ctx.can(policy.UPDATE, target(row))
        for key, column in (('display_name', 'name'), ('name', 'name'),
                            ('display_description', 'description'),
                            ('description', 'description'),
                            ('metadata', 'metadata_')):
            if key in data:
                setattr(row, column, data[key])
        row.updated_at = models.utcnow()
        session.flush()
        return util.response({'volume': view(
            req, ctx, row, _type_names(session).get(row.volume_type_id))})


def _has_snapshots(session, volume_id):
    count = volumes.snapshot_count(session, volume_id)
    return ' It has %d snapshot(s).' % count if count else ''


def delete_volume(req):
    ctx = util.context(req)
    force = schemas.to_bool(schemas.validate(
        schemas.BOOLEAN, req.GET.get('force', 'false')))
    with ctx.db.writer() as session:
        row = find(ctx, session, req.urlvars['volume_id'])
        ctx.can(policy.DELETE, target(row))
        allowed = volumes.DELETABLE
        if force:
            ctx.can(policy.FORCE_DELETE, target(row))
            allowed = allowed + ('creating', 'extending', 'error_deleting')
        held = attachments.of_volume(session, row.id)
        if row.status not in allowed or row.attach_status == 'attached' \
                or held or volumes.snapshot_count(session, row.id):
            raise errors.InvalidVolume(
                reason='Volume status must be available or error or '
                'error_restoring or error_extending or error_managing and '
                'must not be migrating, attached, belong to a group, have '
                'snapshots, awaiting a transfer, or be disassociated from '
                'snapshots after volume transfer (volume %s is %s%s).'
                % (row.id, row.status, ', attached'
                   if row.attach_status == 'attached' else '')
                + _has_snapshots(session, row.id)
                + (' It has attachment(s) %s: delete them first.'
                   % ', '.join(a.id for a in held) if held else ''))
        if not volumes.transition(session, row.id, [row.status],
                                  'deleting'):
            raise errors.InvalidVolume(
                reason='Volume %s changed status meanwhile; try again.'
                % row.id)
        host = row.host
    cast(req, ctx, 'delete_volume', host, req.urlvars['volume_id'],
          status='deleting')
    return util.accepted()
