# SPDX-License-Identifier: Apache-2.0
"""InstanceFault and InstanceFaultList against a real SQLite cell database."""

from nova_like import objects

UUID1 = '6e7a0c55-1b2f-4e8a-9d3c-000000000001'
UUID2 = '6e7a0c55-1b2f-4e8a-9d3c-000000000002'


def _fault(ctx, uuid=UUID1, message='No valid host was found.', **kwargs):
    fault = objects.InstanceFault(ctx, instance_uuid=uuid, code=500,
                                  message=message, host='ctl', **kwargs)
    fault.create()
    return fault


def test_create_and_read_back(dbs, admin_context):
    created = _fault(admin_context, details='Traceback: ...')
    latest = objects.InstanceFault.get_latest_for_instance(admin_context,
                                                           UUID1)
    assert latest.id == created.id
    assert (latest.code, latest.message, latest.details, latest.host) == (
        500, 'No valid host was found.', 'Traceback: ...', 'ctl')
    assert latest.created_at is not None


def test_no_fault_is_none(dbs, admin_context):
    assert objects.InstanceFault.get_latest_for_instance(
        admin_context, UUID1) is None


def test_long_message_is_truncated_to_the_column(dbs, admin_context):
    text = 'no host with 8 VCPU free in AZ nova; ' * 20
    fault = _fault(admin_context, message=text)
    assert len(text) > 255
    assert len(fault.message) == 255
    assert fault.message == text[:252] + '...'


def test_long_message_is_kept_whole_in_details(dbs, admin_context):
    text = 'no host with 8 VCPU free in AZ nova; ' * 20
    _fault(admin_context, message=text)
    latest = objects.InstanceFault.get_latest_for_instance(admin_context,
                                                           UUID1)
    assert latest.details is not None and text in latest.details


def test_long_message_joins_details_that_were_given(dbs, admin_context):
    text = 'x' * 300
    _fault(admin_context, message=text, details='Traceback: boom')
    latest = objects.InstanceFault.get_latest_for_instance(admin_context,
                                                           UUID1)
    assert text in latest.details
    assert 'Traceback: boom' in latest.details


def test_message_of_255_characters_is_kept(dbs, admin_context):
    text = 'y' * 255
    assert _fault(admin_context, message=text).message == text


def test_latest_is_the_newest(dbs, admin_context):
    _fault(admin_context, message='first')
    _fault(admin_context, message='second')
    newest = _fault(admin_context, message='third')
    _fault(admin_context, uuid=UUID2, message='other instance')
    latest = objects.InstanceFault.get_latest_for_instance(admin_context,
                                                           UUID1)
    assert (latest.id, latest.message) == (newest.id, 'third')


def test_list_is_newest_first_per_instance_in_the_order_asked(
        dbs, admin_context):
    _fault(admin_context, uuid=UUID1, message='a1')
    _fault(admin_context, uuid=UUID2, message='b1')
    _fault(admin_context, uuid=UUID1, message='a2')
    everything = objects.InstanceFaultList.get_by_instance_uuids(
        admin_context, [UUID2, UUID1])
    assert [f.message for f in everything] == ['b1', 'a2', 'a1']
    latest = objects.InstanceFaultList.get_by_instance_uuids(
        admin_context, [UUID1, UUID2], latest=True)
    assert [f.message for f in latest] == ['a2', 'b1']


def test_list_of_nothing(dbs, admin_context):
    assert len(objects.InstanceFaultList.get_by_instance_uuids(
        admin_context, [])) == 0
