# SPDX-License-Identifier: Apache-2.0
"""Filters, fields, sorting and paging of list calls, as Networking's.

Any attribute is a filter (repeated = any of the values), `fields=` picks
attributes, `sort_key`/`sort_dir` sort (repeatable), `limit`/`marker` page
with a `<collection>_links` next link.
"""

from urllib import parse

from nova_like.network import errors

_CONTROL = ('fields', 'sort_key', 'sort_dir', 'limit', 'marker',
            'page_reverse')


def _matches(value, wanted):
    if isinstance(value, bool):
        return str(value).lower() in [w.lower() for w in wanted]
    if isinstance(value, list):
        # fixed_ips=ip_address=10.0.0.5 / subnet_id=...; list membership
        for want in wanted:
            key, sep, text = want.partition('=')
            for item in value:
                if sep and isinstance(item, dict) and \
                        str(item.get(key)) == text:
                    return True
                if not sep and str(item) == want:
                    return True
        return False
    if value is None:
        return '' in wanted or 'None' in wanted
    return str(value) in wanted


def filters(params):
    """{attribute: [values]} of a webob MultiDict of query params."""
    found = {}
    for key, value in params.items():
        if key not in _CONTROL:
            found.setdefault(key, []).append(value)
    return found


def _sort(items, params):
    keys = params.getall('sort_key')
    dirs = params.getall('sort_dir')
    if dirs and len(dirs) != len(keys):
        raise errors.bad_request('sort_dir', 'The number of sort_keys and '
                                 'sort_dirs must be same')
    for d in dirs:
        if d not in ('asc', 'desc'):
            raise errors.bad_request('sort_dir', "%s is invalid value for "
                                     "sort_dir, valid value is 'asc' and "
                                     "'desc'" % d)
    order = list(zip(keys, dirs or ['asc'] * len(keys)))
    if items:
        for key, _ in order:
            if key not in items[0]:
                raise errors.bad_request('sort_key', '%s is an invalid '
                                         'attribute for sort_key' % key)
    if 'id' not in keys:
        order.append(('id', 'asc'))
    for key, direction in reversed(order):
        items.sort(key=lambda item: _sort_value(item.get(key)),
                   reverse=direction == 'desc')
    return items


def _sort_value(value):
    """A key that orders None first and never compares across types
    (lists and dicts sort by their JSON-ish text)."""
    if value is None:
        return (0, '')
    if isinstance(value, (bool, int, float)):
        return (1, value)
    if isinstance(value, str):
        return (2, value)
    return (3, repr(value))


def apply(items, params, collection, url):
    """Filter, sort, page and trim items; the response body."""
    found = filters(params)
    items = [item for item in items
             if all(key not in item or _matches(item[key], wanted)
                    for key, wanted in found.items())]
    items = _sort(items, params)
    body = {}
    limit = params.get('limit')
    if limit is not None:
        try:
            limit = int(limit)
        except ValueError:
            raise errors.bad_request('limit', "'%s' is not an integer"
                                     % limit)
        if limit < 0:
            raise errors.bad_request('limit', 'limit must be >= 0')
    marker = params.get('marker')
    if marker is not None:
        ids = [item['id'] for item in items]
        if marker not in ids:
            raise errors.NotFound('Marker %s could not be found.' % marker)
        items = items[ids.index(marker) + 1:]
    if limit:
        more = len(items) > limit
        items = items[:limit]
        if more:
            query = [(k, v) for k, v in params.items() if k != 'marker']
            query.append(('marker', items[-1]['id']))
            body['%s_links' % collection] = [{
                'rel': 'next',
                'href': '%s?%s' % (url, parse.urlencode(query))}]
    fields = params.getall('fields')
    if fields:
        items = [{k: v for k, v in item.items() if k in fields}
                 for item in items]
    body[collection] = items
    return body


def show_fields(item, params):
    fields = params.getall('fields')
    if not fields:
        return item
    return {k: v for k, v in item.items() if k in fields}
