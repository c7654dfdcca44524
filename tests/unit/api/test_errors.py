# SPDX-License-Identifier: Apache-2.0
"""Nova's error body names, status by status."""

import pytest

from nova_like.api import errors


@pytest.mark.parametrize('status, name', [
    (400, 'badRequest'), (401, 'unauthorized'), (403, 'forbidden'),
    (404, 'itemNotFound'), (405, 'badMethod'), (409, 'conflictingRequest'),
    (413, 'overLimit'), (415, 'badMediaType'), (429, 'overLimit'),
    (501, 'notImplemented'), (503, 'serviceUnavailable'),
    # Nova has no name for these: they are computeFaults.
    (406, 'computeFault'), (500, 'computeFault')])
def test_body_is_named_as_in_nova(status, name):
    response = errors.fault_response(status, 'why')
    assert response.status_int == status
    assert response.json == {name: {'code': status, 'message': 'why'}}
    assert response.content_type == 'application/json'


def test_extra_headers():
    response = errors.fault_response(405, 'no', headers={'Allow': 'GET'})
    assert response.headers['Allow'] == 'GET'
