# SPDX-License-Identifier: Apache-2.0
"""NovaLikeException: messages from msg_fmt, what survives a trip over RPC."""

from nova_like import exception


def test_message_is_formatted_from_kwargs():
    exc = exception.InstanceNotFound(instance_id='abc')
    assert exc.message == str(exc) == 'Instance abc could not be found.'
    assert exc.kwargs == {'instance_id': 'abc'}
    assert exc.code == 404


def test_a_missing_kwarg_falls_back_to_the_bare_format():
    exc = exception.InstanceNotFound()
    assert exc.message == 'Instance %(instance_id)s could not be found.'


def test_an_explicit_message_wins():
    exc = exception.ConfigError('exactly this', option='[x] y')
    assert exc.message == 'exactly this'


def test_rebuilt_like_oslo_messaging_does_on_the_caller_side():
    # oslo.messaging rebuilds a remote exception as cls(*args, **kwargs).
    original = exception.UnexpectedTaskStateError(expected='a', actual='b')
    again = type(original)(*original.args, **original.kwargs)
    assert again.message == original.message
    assert again.kwargs == original.kwargs


def test_the_hierarchy_callers_rely_on():
    assert issubclass(exception.UnexpectedDeletingTaskStateError,
                      exception.UnexpectedTaskStateError)
    assert issubclass(exception.DuplicateEntry, exception.Conflict)
    assert exception.Conflict.code == 409
    for name in ('ServiceNotFound', 'ComputeNodeNotFound', 'FlavorNotFound',
                 'CellMappingNotFound', 'HostMappingNotFound',
                 'BuildRequestNotFound', 'RequestSpecNotFound'):
        assert issubclass(getattr(exception, name), exception.NotFound)


def test_reason_of_prefers_the_message():
    exc = exception.InstanceNotFound(instance_id='abc')
    assert exception.reason_of(exc) == 'Instance abc could not be found.'


def test_reason_of_a_foreign_exception_is_its_text():
    assert exception.reason_of(OSError('disk full')) == 'disk full'


def test_reason_of_an_exception_without_text_is_its_class_name():
    assert exception.reason_of(TimeoutError()) == 'TimeoutError'


def test_reason_of_skips_an_empty_message_attribute():
    exc = ValueError('bad value')
    exc.message = ''
    assert exception.reason_of(exc) == 'bad value'
