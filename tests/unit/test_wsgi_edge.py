# SPDX-License-Identifier: Apache-2.0
"""wsgi_edge: the input every API refuses before routing."""

import json

import pytest

from nova_like import wsgi_edge


def _environ(path='/v2.1/servers', query='', length=''):
    # PEP 3333: the path's bytes as latin-1, as gunicorn hands them over.
    return {'PATH_INFO': path.encode('utf-8', 'surrogateescape').decode(
        'latin-1'), 'QUERY_STRING': query, 'CONTENT_LENGTH': length}


def _refused(environ):
    with pytest.raises(wsgi_edge.BadInput) as caught:
        wsgi_edge.check_request(environ)
    return caught.value


@pytest.mark.parametrize('path', [
    '/v2.1/servers/caf\u00e9', '/resource_providers/\u4e2d/usages', '/'])
def test_utf8_paths_pass(path):
    wsgi_edge.check_request(_environ(path))


def test_a_path_that_is_not_utf8_is_400():
    environ = _environ()
    environ['PATH_INFO'] = '/v2.1/servers/\xff\xfe'
    assert 'not valid UTF-8' in _refused(environ).message
    environ['PATH_INFO'] = '/v2.1/os-quota-sets/\xed\xa0\x80'  # a surrogate
    assert _refused(environ).status == 400


@pytest.mark.parametrize('char', ['\n', '\x00', '\r', '\x7f'])
def test_a_control_character_in_the_path_is_400(char):
    error = _refused(_environ('/v2.1/servers/abc%s' % char))
    assert error.status == 400 and 'control character' in error.message


@pytest.mark.parametrize('query', ['limit=%ED%A0%80', 'q=%ff', '%ff=1'])
def test_a_query_that_is_not_utf8_is_400(query):
    assert 'query string' in _refused(_environ(query=query)).message


def test_a_nul_in_the_query_is_400_and_plain_queries_pass():
    assert 'NUL' in _refused(_environ(query='name=a%00b')).message
    wsgi_edge.check_request(_environ(query='name=caf%C3%A9&limit=1&x='))


def test_a_declared_body_over_the_limit_is_413():
    error = _refused(_environ(length=str(wsgi_edge.MAX_BODY_BYTES + 1)))
    assert error.status == 413
    wsgi_edge.check_request(_environ(length=str(wsgi_edge.MAX_BODY_BYTES)))


def _bad_body(body):
    with pytest.raises(wsgi_edge.BadInput) as caught:
        wsgi_edge.load_json(body)
    return caught.value


def test_json_bodies_load():
    doc = {'server': {'name': 'caf\u00e9 \U0001f600', 'n': [1, 2.5, None]}}
    assert wsgi_edge.load_json(json.dumps(doc).encode()) == doc


@pytest.mark.parametrize('depth', [wsgi_edge.MAX_DEPTH + 1, 500, 10000])
def test_deep_nesting_is_400(depth):
    body = ('[' * depth + ']' * depth).encode()
    assert 'nested deeper' in _bad_body(body).message
    wsgi_edge.load_json(('[' * wsgi_edge.MAX_DEPTH +
                         ']' * wsgi_edge.MAX_DEPTH).encode())


@pytest.mark.parametrize('text, kind', [
    ('"x\\udc00y"', 'lone surrogate'), ('"a\\u0000b"', 'NUL'),
    ('{"k\\u0000": 1}', 'NUL'), ('{"a": ["\\ud800"]}', 'lone surrogate')])
def test_nul_and_lone_surrogates_are_400_wherever_they_are(text, kind):
    error = _bad_body(('{"r": %s}' % text).encode())
    assert kind in error.message and error.status == 400


def test_utf16_and_bad_utf8_bodies_are_400():
    assert 'not UTF-8' in _bad_body('{"a": 1}'.encode('utf-16')).message
    assert 'not UTF-8' in _bad_body(b'{"a": "\xff"}').message


@pytest.mark.parametrize('constant', ['NaN', 'Infinity', '-Infinity'])
def test_nan_and_infinity_are_400(constant):
    assert constant in _bad_body(('{"v": %s}' % constant).encode()).message


def test_malformed_and_oversized_bodies():
    assert 'not valid JSON' in _bad_body(b'{"a": ').message
    big = b'"' + b'x' * wsgi_edge.MAX_BODY_BYTES + b'"'
    assert _bad_body(big).status == 413


@pytest.mark.parametrize('number', [2 ** 63, -2 ** 63 - 1, 10 ** 30])
def test_an_integer_no_column_holds_is_400(number):
    error = _bad_body(('{"quota": {"network": %d}}' % number).encode())
    assert '64-bit' in error.message and '/quota/network' in error.message
    doc = {'a': [2 ** 63 - 1, -2 ** 63, True, 1.5]}
    assert wsgi_edge.load_json(json.dumps(doc).encode()) == doc


def test_a_path_segment_longer_than_any_id_is_400():
    error = _refused(_environ('/v2.0/quotas/' + 'x' * 256))
    assert '256 characters' in error.message and error.status == 400
    wsgi_edge.check_request(_environ('/v2.1/os-keypairs/' + 'k' * 255))


def test_a_content_length_of_other_digits_is_no_crash():
    wsgi_edge.check_request(_environ(length='\u00b2'))
