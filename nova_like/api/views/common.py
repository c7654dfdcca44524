# SPDX-License-Identifier: Apache-2.0
"""Links, timestamps and paging links every view shares."""

import datetime
import urllib.parse

from nova_like import conf

CONF = conf.CONF


def base_url(request):
    """request.application_url, worked out once a request (webob parses
    the environ anew each time, and a list links every server twice)."""
    url = request.environ.get('nova_like.base_url')
    if url is None:
        url = request.environ['nova_like.base_url'] = request.application_url
    return url


def self_href(request, collection, item_id):
    return '%s/v2.1/%s/%s' % (base_url(request), collection, item_id)


def bookmark_href(request, collection, item_id):
    return '%s/%s/%s' % (base_url(request), collection, item_id)


def links(request, collection, item_id):
    return [{'rel': 'self', 'href': self_href(request, collection, item_id)},
            {'rel': 'bookmark',
             'href': bookmark_href(request, collection, item_id)}]


def _naive_utc(value):
    if value.tzinfo is not None:
        value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return value


def isotime(value):
    """'2026-11-21T17:17:54Z', Nova's created/updated format."""
    if value is None:
        return None
    return _naive_utc(value).strftime('%Y-%m-%dT%H:%M:%SZ')


def usage_time(value):
    """'2026-11-21T17:17:54.000000', Nova's OS-SRV-USG format."""
    if value is None:
        return None
    return _naive_utc(value).strftime('%Y-%m-%dT%H:%M:%S.%f')


def limit_of(params):
    """The page size asked for, capped at [api] max_limit."""
    values = params.get('limit')
    limit = int(values[-1]) if values else CONF.api.max_limit
    return min(limit, CONF.api.max_limit)


def next_links(request, collection, items, limit, key_name):
    """[{'rel': 'next', 'href': ...}] when the page is full, else []."""
    if not items or len(items) < limit:
        return []
    params = [(k, v) for k, v in request.GET.items() if k != 'marker']
    params.append(('marker', items[-1]))
    href = '%s/v2.1/%s?%s' % (base_url(request), collection,
                              urllib.parse.urlencode(params))
    return [{'rel': 'next', 'href': href}]
