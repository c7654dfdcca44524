# SPDX-License-Identifier: Apache-2.0
"""The route table: every handler is callable.

Versioned handlers neither overlap nor leave gaps.
"""

import pytest
import webob

from nova_like.api import microversion
from nova_like.api import router


def _entries():
    for path, methods in router.ROUTES.items():
        for method, handlers in methods.items():
            yield path, method, handlers


@pytest.mark.parametrize('path, method, handlers', list(_entries()),
                         ids=['%s %s' % (m, p) for p, m, _ in _entries()])
def test_versioned_handlers_are_disjoint_and_contiguous(path, method,
                                                        handlers):
    if not isinstance(handlers, tuple):
        handlers = (handlers,)
    ranges = sorted((getattr(h, 'min_version', microversion.MIN_VERSION),
                     getattr(h, 'max_version', microversion.MAX_VERSION))
                    for h in handlers)
    for low, high in ranges:
        assert microversion.MIN_VERSION <= low <= high <= \
            microversion.MAX_VERSION
    assert ranges[-1][1] == microversion.MAX_VERSION, 'ends before the max'
    for (_, high), (low, _) in zip(ranges, ranges[1:]):
        assert low[0] == high[0] and low[1] == high[1] + 1, (
            'versions %s..%s overlap or leave a gap' % (high, low))


def test_select_picks_the_handler_of_the_version():
    @microversion.version_handler('2.1', '2.54')
    def old(request):
        pass

    @microversion.version_handler('2.55')
    def new(request):
        pass

    assert microversion.select((old, new), (2, 54)) is old
    assert microversion.select((old, new), (2, 55)) is new
    assert microversion.select(new, (2, 1)) is None


def test_max_version_is_2_100():
    assert microversion.MAX_VERSION == (2, 100)


def test_an_unknown_route_is_named():
    request = webob.Request.blank('/v2.1/os-nothing/here', method='GET')
    response = request.get_response(router.Router())
    assert response.status_int == 404
    assert response.json['itemNotFound']['message'] == (
        'The resource could not be found: the Compute API has no GET '
        '/v2.1/os-nothing/here.')
    long_path = '/v2.1/' + 'x' * 500
    response = webob.Request.blank(long_path).get_response(router.Router())
    assert len(response.json['itemNotFound']['message']) < 300
