# SPDX-License-Identifier: Apache-2.0
"""RequestContext: what crosses RPC, elevation, and targeting a cell."""

from nova_like import context as nl_context
from nova_like import objects


def _cell():
    return objects.CellMapping(uuid='c0ffee00-0000-4000-8000-000000000001',
                               name='cell1',
                               database_connection='sqlite:////tmp/c1.db')


def test_round_trip_keeps_identity_and_cell_but_not_the_db_url():
    ctx = nl_context.RequestContext(user_id='u', project_id='p',
                                    roles=['member'], read_deleted='yes',
                                    remote_address='192.0.2.1',
                                    db_connection='sqlite:////secret.db',
                                    cell_uuid='c1')
    again = nl_context.RequestContext.from_dict(ctx.to_dict())
    assert (again.user_id, again.project_id, again.roles, again.read_deleted,
            again.remote_address, again.cell_uuid) == (
        'u', 'p', ['member'], 'yes', '192.0.2.1', 'c1')
    assert again.db_connection is None
    assert again.request_id == ctx.request_id


def test_from_dict_ignores_unknown_keys():
    ctx = nl_context.RequestContext.from_dict({'user_id': 'u',
                                               'from_the_future': 1})
    assert ctx.user_id == 'u'


def test_admin_context():
    ctx = nl_context.get_admin_context()
    assert ctx.is_admin
    assert 'admin' in ctx.roles
    assert ctx.read_deleted == 'no'
    assert ctx.user_id is None


def test_elevated_is_a_copy():
    ctx = nl_context.RequestContext(user_id='u', project_id='p',
                                    roles=['member'])
    admin = ctx.elevated(read_deleted='yes')
    assert admin.is_admin and 'admin' in admin.roles
    assert admin.read_deleted == 'yes'
    assert not ctx.is_admin
    assert ctx.roles == ['member']
    assert ctx.read_deleted == 'no'


def test_target_cell_leaves_the_original_alone():
    ctx = nl_context.get_admin_context()
    with nl_context.target_cell(ctx, _cell()) as cctx:
        assert cctx.db_connection == 'sqlite:////tmp/c1.db'
        assert cctx.cell_uuid == 'c0ffee00-0000-4000-8000-000000000001'
    assert ctx.db_connection is None
    assert ctx.cell_uuid is None


def test_target_cell_none_is_the_default_database():
    ctx = nl_context.get_admin_context()
    with nl_context.target_cell(ctx, None) as cctx:
        assert cctx.db_connection is None
