# SPDX-License-Identifier: Apache-2.0
"""/v3/{project_id}/volumes/{volume_id}/metadata[/{key}]."""

from nova_like.volume import errors
from nova_like.volume.handlers import volumes as volumes_handler
from nova_like.volume.policies import volumes as policy
from nova_like.volume import schemas
from nova_like.volume import util


def _row(ctx, session, req, action):
    row = volumes_handler.find(ctx, session, req.urlvars['volume_id'])
    ctx.can(action, volumes_handler.target(row))
    return row


def show_metadata(req):
    ctx = util.context(req)
    with ctx.db.reader() as session:
        row = _row(ctx, session, req, policy.GET_METADATA)
        return util.response({'metadata': dict(row.metadata_ or {})})


def _write(req, replace):
    ctx = util.context(req)
    data = schemas.validate(schemas.METADATA_BODY, util.body(req))
    action = policy.UPDATE_METADATA if replace else policy.CREATE_METADATA
    with ctx.db.writer() as session:
        row = _row(ctx, session, req, action)
        metadata = {} if replace else dict(row.metadata_ or {})
        metadata.update(data['metadata'])
        row.metadata_ = metadata
        return util.response({'metadata': metadata})


def create_metadata(req):
    """POST: merge into the volume's metadata."""
    return _write(req, replace=False)


def replace_metadata(req):
    """PUT: the volume's metadata becomes the body's."""
    return _write(req, replace=True)


def show_metadata_item(req):
    ctx = util.context(req)
    key = req.urlvars['key']
    with ctx.db.reader() as session:
        row = _row(ctx, session, req, policy.GET_METADATA)
        metadata = row.metadata_ or {}
        if key not in metadata:
            raise errors.MetadataNotFound()
        return util.response({'meta': {key: metadata[key]}})


def update_metadata_item(req):
    ctx = util.context(req)
    key = req.urlvars['key']
    data = schemas.validate(schemas.META_ITEM, util.body(req))['meta']
    if key not in data:
        raise errors.bad_request('Request body and URI mismatch')
    with ctx.db.writer() as session:
        row = _row(ctx, session, req, policy.UPDATE_METADATA)
        metadata = dict(row.metadata_ or {})
        metadata[key] = data[key]
        row.metadata_ = metadata
        return util.response({'meta': {key: data[key]}})


def delete_metadata_item(req):
    ctx = util.context(req)
    key = req.urlvars['key']
    with ctx.db.writer() as session:
        row = _row(ctx, session, req, policy.DELETE_METADATA)
        metadata = dict(row.metadata_ or {})
        if key not in metadata:
            raise errors.MetadataNotFound()
        del metadata[key]
        row.metadata_ = metadata
    return util.response()
