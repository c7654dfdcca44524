# SPDX-License-Identifier: Apache-2.0
"""Service and ServiceList against a real SQLite cell database."""

import datetime

import pytest

from nova_like import context as nl_context
from nova_like import exception
from nova_like import objects
from nova_like.objects import service as service_obj

NOW = datetime.datetime(2026, 5, 1, 12, 0, 0, tzinfo=datetime.timezone.utc)


def _service(ctx, host='host1', binary='nova-like-compute', **kwargs):
    svc = objects.Service(ctx, host=host, binary=binary, topic='compute',
                          **kwargs)
    svc.create()
    return svc


def test_create_fills_uuid_version_and_defaults(dbs, admin_context):
    svc = _service(admin_context)
    assert svc.id is not None
    assert len(svc.uuid) == 36
    assert svc.version == service_obj.SERVICE_VERSION
    assert (svc.report_count, svc.disabled, svc.forced_down) == (0, False,
                                                                 False)
    assert svc.deleted is False
    assert svc.created_at.tzinfo is not None
    assert svc.obj_what_changed() == set()


def test_create_twice_is_refused(dbs, admin_context):
    svc = _service(admin_context)
    with pytest.raises(exception.ObjectActionError):
        svc.create()


def test_same_host_and_binary_is_a_duplicate(dbs, admin_context):
    _service(admin_context)
    with pytest.raises(exception.DuplicateEntry) as info:
        _service(admin_context)
    assert 'nova-like-compute on host1' in info.value.message


def test_get_by_host_and_binary(dbs, admin_context):
    created = _service(admin_context)
    _service(admin_context, host='host2')
    found = objects.Service.get_by_host_and_binary(
        admin_context, 'host1', 'nova-like-compute')
    assert (found.id, found.uuid) == (created.id, created.uuid)
    with pytest.raises(exception.HostBinaryNotFound) as info:
        objects.Service.get_by_host_and_binary(admin_context, 'host1',
                                               'nova-like-scheduler')
    assert 'nova-like-scheduler' in info.value.message


def test_get_by_id(dbs, admin_context):
    created = _service(admin_context)
    assert objects.Service.get_by_id(admin_context, created.id).host == \
        'host1'
    with pytest.raises(exception.ServiceNotFound):
        objects.Service.get_by_id(admin_context, created.id + 100)


def test_save_writes_only_changes(dbs, admin_context):
    svc = _service(admin_context)
    svc.disabled = True
    svc.disabled_reason = 'maintenance'
    svc.save()
    assert svc.updated_at is not None
    again = objects.Service.get_by_id(admin_context, svc.id)
    assert (again.disabled, again.disabled_reason) == (True, 'maintenance')


def test_save_without_changes_does_not_touch_the_row(dbs, admin_context):
    svc = _service(admin_context)
    svc.save()
    assert objects.Service.get_by_id(admin_context,
                                     svc.id).updated_at is None


def test_heartbeat_counts_and_stamps(dbs, admin_context):
    svc = _service(admin_context)
    svc.heartbeat()
    first = svc.last_seen_up
    svc.heartbeat()
    assert svc.report_count == 2
    assert svc.last_seen_up >= first
    assert objects.Service.get_by_id(admin_context,
                                     svc.id).report_count == 2


def test_heartbeat_of_a_deleted_service_fails(dbs, admin_context):
    svc = _service(admin_context)
    svc.destroy()
    with pytest.raises(exception.ServiceNotFound):
        svc.heartbeat()


def test_destroy_soft_deletes_and_frees_host_and_binary(dbs, admin_context):
    svc = _service(admin_context)
    svc.destroy()
    with pytest.raises(exception.HostBinaryNotFound):
        objects.Service.get_by_host_and_binary(admin_context, 'host1',
                                               'nova-like-compute')
    deleted_ctx = nl_context.get_admin_context(read_deleted='yes')
    gone = objects.Service.get_by_id(deleted_ctx, svc.id)
    assert gone.deleted is True
    assert gone.deleted_at is not None
    # deleted = id keeps the unique key free for a new service of that name.
    assert _service(admin_context).id != svc.id


def test_service_list_filters(dbs, admin_context):
    _service(admin_context, host='host1')
    _service(admin_context, host='host2')
    _service(admin_context, host='ctl', binary='nova-like-conductor')
    everything = objects.ServiceList.get_all(admin_context)
    assert [(s.host, s.binary) for s in everything] == [
        ('host1', 'nova-like-compute'), ('host2', 'nova-like-compute'),
        ('ctl', 'nova-like-conductor')]
    computes = objects.ServiceList.get_all(admin_context,
                                           binary='nova-like-compute')
    assert sorted(s.host for s in computes) == ['host1', 'host2']
    on_ctl = objects.ServiceList.get_all(admin_context, host='ctl')
    assert [s.binary for s in on_ctl] == ['nova-like-conductor']


def test_service_list_hides_deleted_unless_asked(dbs, admin_context):
    svc = _service(admin_context)
    svc.destroy()
    assert len(objects.ServiceList.get_all(admin_context)) == 0
    only = nl_context.get_admin_context(read_deleted='only')
    assert [s.id for s in objects.ServiceList.get_all(only)] == [svc.id]


def _up_service(last_seen_up, forced_down=False):
    return objects.Service(last_seen_up=last_seen_up, forced_down=forced_down)


def test_is_up_within_service_down_time():
    svc = _up_service(NOW - datetime.timedelta(seconds=59))
    assert svc.is_up(60, now=NOW)


def test_is_down_after_service_down_time():
    svc = _up_service(NOW - datetime.timedelta(seconds=61))
    assert not svc.is_up(60, now=NOW)
    assert svc.is_up(120, now=NOW)


def test_is_down_when_forced_down_even_with_a_fresh_heartbeat():
    assert not _up_service(NOW, forced_down=True).is_up(60, now=NOW)


def test_is_down_without_any_heartbeat():
    assert not _up_service(None).is_up(60, now=NOW)


def test_is_up_after_a_real_heartbeat(dbs, admin_context):
    svc = _service(admin_context)
    assert not svc.is_up(60)
    svc.heartbeat()
    assert svc.is_up(60)


def test_last_seen_up_from_the_database_compares_with_aware_now(
        dbs, admin_context):
    svc = _service(admin_context,
                   last_seen_up=NOW - datetime.timedelta(seconds=30))
    again = objects.Service.get_by_id(admin_context, svc.id)
    assert again.last_seen_up == NOW - datetime.timedelta(seconds=30)
    assert again.is_up(60, now=NOW)
    assert not again.is_up(10, now=NOW)
