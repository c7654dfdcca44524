# SPDX-License-Identifier: Apache-2.0
"""The route table: microversion ranges neither overlap nor leave gaps."""

import pytest

from nova_like.placement import handler
from nova_like.placement import microversion

ROUTES = [(path, method, target)
          for path, methods in sorted(handler.ROUTE_DECLARATIONS.items())
          for method, target in sorted(methods.items())]


def _next(version):
    return version[0], version[1] + 1


@pytest.mark.parametrize('path,method,target', ROUTES,
                         ids=['%s %s' % (m, p) for p, m, _t in ROUTES])
def test_ranges_are_contiguous_and_disjoint(path, method, target):
    handlers = sorted(handler.variants(target), key=lambda h: h.min_version)
    for h in handlers:
        assert microversion.MIN_VERSION <= h.min_version <= h.max_version \
            <= microversion.MAX_VERSION, h.__name__
    for earlier, later in zip(handlers, handlers[1:]):
        assert later.min_version == _next(earlier.max_version), (
            '%s %s: %s ends at %s but %s starts at %s' % (
                method, path, earlier.__name__, earlier.max_version,
                later.__name__, later.min_version))
    assert handlers[-1].max_version == microversion.MAX_VERSION


def test_every_handler_is_versioned():
    for _path, _method, target in ROUTES:
        for h in handler.variants(target):
            assert hasattr(h, 'min_version'), h


def test_a_gap_is_caught():
    class H:
        def __init__(self, low, high):
            self.min_version, self.max_version = low, high
    a, b = H((1, 0), (1, 5)), H((1, 7), (1, 39))
    assert b.min_version != _next(a.max_version)
