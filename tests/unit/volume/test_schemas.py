# SPDX-License-Identifier: Apache-2.0
"""Request bodies checked against their schemas name the bad field."""

import pytest

from nova_like.volume import errors
from nova_like.volume import microversion
from nova_like.volume import schemas


@pytest.mark.parametrize('body, words', [
    ({'volume': {'size': 0}}, ['size', 'minimum']),
    ({'volume': {'size': '1x'}}, ['size']),
    ({'volume': {'size': 1, 'metadata': {'': 'v'}}}, ['metadata']),
    ({'volume': {'size': 1, 'source_volid': 'nope'}}, ['source_volid']),
    ({'volume': {'size': 1, 'multiattach': 'perhaps'}}, ['multiattach']),
    ({}, ["'volume' is a required property"]),
])
def test_volume_create_errors_name_the_field(body, words):
    with pytest.raises(errors.BadRequest) as info:
        schemas.validate(schemas.VOLUME_CREATE, body)
    for word in words:
        assert word in info.value.message


def test_valid_create_bodies_pass():
    for body in ({'volume': {'size': 1}}, {'volume': {'size': '10'}},
                 {'volume': {'size': None, 'snapshot_id': None,
                             'imageRef': None, 'name': 'x'}}):
        assert schemas.validate(schemas.VOLUME_CREATE, body) is body


def test_booleans():
    assert schemas.to_bool('True') and not schemas.to_bool('no')
    assert schemas.to_bool(True)


@pytest.mark.parametrize('header, version', [
    (None, (3, 0)), ('volume 3.27', (3, 27)), ('volume latest',
                                               microversion.MAX_VERSION),
    ('compute 2.1', (3, 0)), ('compute 2.1, volume 3.5', (3, 5)),
])
def test_negotiate(header, version):
    headers = {} if header is None else {'OpenStack-API-Version': header}
    assert microversion.negotiate(headers) == version


@pytest.mark.parametrize('header, error', [
    ('volume 3.1000', errors.NotAcceptable),
    ('volume 2.0', errors.NotAcceptable),
    ('volume 3.x', errors.BadRequest),
])
def test_negotiate_refuses(header, error):
    with pytest.raises(error):
        microversion.negotiate({'OpenStack-API-Version': header})
