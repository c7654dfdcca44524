# SPDX-License-Identifier: Apache-2.0
"""Request schemas per microversion and Nova's 400 messages."""

import json

import pytest
import webob
import webob.exc

from nova_like.api.schemas import common as common_schema
from nova_like.api.schemas import flavors as flavor_schema
from nova_like.api.schemas import servers as schema
from nova_like.api import validation

IMAGE = 'd3c57398-867c-40ad-a6f3-8041fbf3740f'


def _body(document, table, version):
    request = webob.Request.blank('/', method='POST')
    request.body = json.dumps(document).encode()
    return validation.body(request, common_schema.for_version(table, version))


def _message(document, table=schema.CREATE, version=(2, 100)):
    with pytest.raises(webob.exc.HTTPBadRequest) as info:
        _body(document, table, version)
    return info.value.explanation


def test_minimal_create_at_each_schema_version():
    for version, _ in schema.CREATE:
        server = {'name': 'a', 'flavorRef': 1, 'imageRef': IMAGE}
        if version >= (2, 37):
            server['networks'] = 'auto'
        assert _body({'server': server}, schema.CREATE, version)


def test_required_property_message_is_novas():
    message = _message({'server': {'name': 'bad', 'imageRef': IMAGE,
                                   'networks': 'none'}})
    assert message == (
        "Invalid input for field/attribute server. Value: {'name': 'bad', "
        "'imageRef': '%s', 'networks': 'none'}. 'flavorRef' is a required "
        "property" % IMAGE)


def test_unknown_top_level_key():
    assert _message({'server': {'name': 'a', 'flavorRef': '1',
                                'networks': 'none'}, 'x': 1}) == (
        "Additional properties are not allowed ('x' was unexpected)")


@pytest.mark.parametrize('value', ['', ' lead', 'trail ', 'x' * 256,
                                   'tab\tin'])
def test_bad_names(value):
    message = _message({'server': {'name': value, 'flavorRef': '1',
                                   'imageRef': IMAGE, 'networks': 'none'}})
    assert message.startswith('Invalid input for field/attribute name.')


def test_update_schemas_grow_with_microversions():
    body = {'server': {'description': 'd'}}
    assert _message(body, schema.UPDATE, (2, 18))
    assert _body(body, schema.UPDATE, (2, 19))
    body = {'server': {'hostname': 'h1'}}
    assert _message(body, schema.UPDATE, (2, 89))
    assert _body(body, schema.UPDATE, (2, 90))


def test_query_is_strict_from_2_75():
    request = webob.Request.blank('/v2.1/servers?foo=1')
    assert validation.query(request, common_schema.for_version(schema.QUERY,
                                                        (2, 74)))
    with pytest.raises(webob.exc.HTTPBadRequest):
        validation.query(request,
                         common_schema.for_version(schema.QUERY, (2, 75)))


def test_repeated_query_parameters_are_lists():
    request = webob.Request.blank('/v2.1/servers?status=ACTIVE&status=ERROR')
    params = validation.query(request, schema.QUERY_V21)
    assert params['status'] == ['ACTIVE', 'ERROR']
    assert validation.last(params, 'status') == 'ERROR'


def test_extra_spec_update_takes_one_key():
    request = webob.Request.blank('/', method='PUT')
    request.body = b'{"a": "1", "b": "2"}'
    with pytest.raises(webob.exc.HTTPBadRequest):
        validation.body(request, flavor_schema.EXTRA_SPEC_UPDATE)


def test_empty_or_malformed_body():
    for raw in (b'', b'{'):
        request = webob.Request.blank('/', method='POST')
        request.body = raw
        with pytest.raises(webob.exc.HTTPBadRequest):
            validation.body(request, schema.CREATE[0][1])
