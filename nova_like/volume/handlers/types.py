# SPDX-License-Identifier: Apache-2.0
"""/v3/{project_id}/types: volume types (the admin's to manage)."""

from nova_like.volume import errors
from nova_like.volume.policies import types as policy
from nova_like.volume import schemas
from nova_like.volume import util
from nova_like.volume import volume_types


# Extra specs everyone may read; the rest need read_sensitive (Cinder's).
USER_VISIBLE_EXTRA_SPECS = ('RESKEY:availability_zones', 'multiattach',
                            'replication_enabled')


def visible_specs(ctx, specs):
    """specs without what ctx may not read."""
    if ctx.can(policy.SPECS_READ_SENSITIVE, fatal=False):
        return dict(specs)
    return {k: v for k, v in specs.items() if k in USER_VISIBLE_EXTRA_SPECS}


def view(ctx, vtype):
    body = {'id': vtype['id'], 'name': vtype['name'],
            'description': vtype['description'],
            'is_public': vtype['is_public'],
            'os-volume-type-access:is_public': vtype['is_public'],
            'qos_specs_id': None}
    if ctx.can(policy.EXTRA_SPECS_ACCESS, fatal=False):
        body['extra_specs'] = visible_specs(ctx, vtype['extra_specs'])
    return body


def visible(ctx, session, type_id):
    vtype = volume_types.get(session, type_id)
    if not vtype['is_public'] and not ctx.admin:
        raise errors.VolumeTypeNotFound(volume_type_id=type_id)
    return vtype


def list_types(req):
    ctx = util.context(req)
    ctx.can(policy.GET_ALL)
    volume_types.ensure_default(ctx.db, ctx.conf)
    public_only = not ctx.admin
    if ctx.admin and 'is_public' in req.GET:
        public_only = schemas.to_bool(schemas.validate(
            schemas.BOOLEAN, req.GET['is_public']))
    with ctx.db.reader() as session:
        return util.response({'volume_types': [
            view(ctx, t) for t in volume_types.list_all(session,
                                                        public_only)]})


def show_type(req):
    ctx = util.context(req)
    ctx.can(policy.GET)
    type_id = req.urlvars['type_id']
    if type_id == 'default':
        vtype = volume_types.ensure_default(ctx.db, ctx.conf)
        return util.response({'volume_type': view(ctx, vtype)})
    with ctx.db.reader() as session:
        return util.response({'volume_type': view(
            ctx, visible(ctx, session, type_id))})


def _manage(ctx, action):
    """Cinder checks types_manage and the operation's own rule."""
    ctx.can(policy.MANAGE)
    ctx.can(action)


def create_type(req):
    ctx = util.context(req)
    _manage(ctx, policy.CREATE)
    data = schemas.validate(schemas.TYPE_CREATE,
                            util.body(req))['volume_type']
    values = {'name': data['name'].strip(),
              'description': data.get('description'),
              'is_public': schemas.to_bool(
                  data.get('os-volume-type-access:is_public', True)),
              'extra_specs': data.get('extra_specs') or {}}
    with ctx.db.writer() as session:
        vtype = volume_types.create(session, values)
    return util.response({'volume_type': view(ctx, vtype)})


def update_type(req):
    ctx = util.context(req)
    _manage(ctx, policy.UPDATE)
    data = schemas.validate(schemas.TYPE_UPDATE,
                            util.body(req))['volume_type']
    values = {}
    if data.get('name') is not None:
        values['name'] = data['name'].strip()
    if 'description' in data:
        values['description'] = data['description']
    if 'is_public' in data:
        values['is_public'] = schemas.to_bool(data['is_public'])
    with ctx.db.writer() as session:
        vtype = volume_types.update(session, req.urlvars['type_id'], values)
    return util.response({'volume_type': view(ctx, vtype)})


def delete_type(req):
    ctx = util.context(req)
    _manage(ctx, policy.DELETE)
    with ctx.db.writer() as session:
        volume_types.delete(session, req.urlvars['type_id'],
                            ctx.conf.volume.default_volume_type)
    return util.accepted()
