# SPDX-License-Identifier: Apache-2.0
"""Column helpers every model shares."""

import datetime

import pytest

from nova_like.db import base
from nova_like.db.main import models


def test_utcnow_is_naive_utc():
    now = base.utcnow()
    assert now.tzinfo is None
    aware = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    assert abs((aware - now).total_seconds()) < 5


def test_model_dict_has_every_column():
    row = models.InstanceFault(instance_uuid='u', code=500, message='m')
    values = base.model_dict(row)
    assert set(values) == {c.key for c in
                           models.InstanceFault.__table__.columns}
    assert (values['instance_uuid'], values['code'], values['details']) == (
        'u', 500, None)


def _session():
    import sqlalchemy as sa
    from sqlalchemy import orm

    engine = sa.create_engine('sqlite://')
    models.InstanceFault.__table__.create(engine)
    return orm.Session(engine)


def test_insert_row_returns_the_row_with_its_id_and_defaults():
    with _session() as session:
        first = base.insert_row(session, models.InstanceFault, {
            'instance_uuid': 'u', 'code': 500, 'message': 'm'})
        second = base.insert_row(session, models.InstanceFault, {
            'instance_uuid': 'u', 'code': 404, 'message': 'n',
            'details': 'd'})
        stored = base.model_dict(session.get(models.InstanceFault,
                                             second['id']))
    assert second['id'] == first['id'] + 1
    assert first['created_at'] is not None  # the column's Python default
    assert first['details'] is None and second['details'] == 'd'
    assert stored == second


def test_insert_row_refuses_a_key_that_is_no_column():
    import pytest

    with _session() as session:
        with pytest.raises(TypeError, match='no column colour'):
            base.insert_row(session, models.InstanceFault, {
                'instance_uuid': 'u', 'code': 500, 'message': 'm',
                'colour': 'red'})


@pytest.fixture(params=['returning', 'update-then-select'])
def update_session(request, monkeypatch):
    """A session whose backend has UPDATE .. RETURNING, or acts as MariaDB."""
    session = _session()
    monkeypatch.setattr(session.get_bind().dialect, 'update_returning',
                        request.param == 'returning')
    yield session
    session.close()


def test_update_row_returns_the_row_after_the_update(update_session):
    session = update_session
    row = base.insert_row(session, models.InstanceFault, {
        'instance_uuid': 'u', 'code': 500, 'message': 'm'})
    other = base.insert_row(session, models.InstanceFault, {
        'instance_uuid': 'v', 'code': 500, 'message': 'm'})
    after = base.update_row(session, models.InstanceFault,
                            {'id': row['id']}, {'message': 'changed'})
    assert after == dict(row, message='changed',
                         updated_at=after['updated_at'])
    assert after['updated_at'] is not None  # the column's onupdate
    assert base.model_dict(session.get(models.InstanceFault,
                                       other['id']))['message'] == 'm'
    # Found by a column it changes: the row after, by its new value.
    moved = base.update_row(session, models.InstanceFault,
                            {'instance_uuid': 'u'}, {'instance_uuid': 'w'})
    assert (moved['id'], moved['instance_uuid']) == (row['id'], 'w')
    assert base.update_row(session, models.InstanceFault,
                           {'id': row['id']}, {}) == moved
    assert base.update_row(session, models.InstanceFault,
                           {'id': 999}, {'message': 'x'}) is None


def test_update_row_refuses_a_key_that_is_no_column(update_session):
    with pytest.raises(TypeError, match='no column colour'):
        base.update_row(update_session, models.InstanceFault, {'id': 1},
                        {'colour': 'red'})


def test_update_row_with_expected_values_is_a_compare_and_swap(
        update_session):
    session = update_session
    row = base.insert_row(session, models.InstanceFault, {
        'instance_uuid': 'u', 'code': 500, 'message': 'm'})
    where = {'id': row['id']}
    # Another value than those expected: nothing written.
    assert base.update_row(session, models.InstanceFault, where,
                           {'message': 'x'}, {'code': [404, 409]}) is None
    assert base.update_row(session, models.InstanceFault, where, {},
                           {'code': [404]}) is None
    # NULL matches when None is among the expected values.
    assert base.update_row(session, models.InstanceFault, where,
                           {'message': 'x'}, {'details': ['d']}) is None
    after = base.update_row(session, models.InstanceFault, where,
                            {'message': 'x', 'code': 404},
                            {'code': [500], 'details': [None, 'd']})
    assert (after['message'], after['code']) == ('x', 404)
    # The same shape, other values: one statement serves both.
    assert base.update_row(session, models.InstanceFault, where,
                           {'message': 'y', 'code': 409},
                           {'code': [404], 'details': ['d', None]}
                           )['code'] == 409
    with pytest.raises(TypeError, match='no column colour'):
        base.update_row(session, models.InstanceFault, where,
                        {'message': 'z'}, {'colour': ['red']})
