# SPDX-License-Identifier: Apache-2.0
"""What every resource module shares: ids, timestamps, input checks."""

import uuid

from nova_like.network import errors


def new_id():
    return str(uuid.uuid4())


def timestamp(value):
    return value.strftime('%Y-%m-%dT%H:%M:%SZ') if value else None


def common(row):
    """The attributes every Networking resource has."""
    return {'id': row.id, 'tenant_id': row.project_id,
            'project_id': row.project_id,
            'created_at': timestamp(row.created_at),
            'updated_at': timestamp(row.updated_at),
            'revision_number': row.revision_number, 'tags': []}


def check_keys(body, allowed, resource):
    """400 naming the attributes the resource does not have."""
    unknown = sorted(set(body) - set(allowed))
    if unknown:
        raise errors.bad_request(
            resource, 'Unrecognized attribute(s) %s'
            % ', '.join("'%s'" % key for key in unknown))


def boolean(body, key, default=None):
    value = body.get(key, default)
    if isinstance(value, str) and value.lower() in ('true', 'false'):
        return value.lower() == 'true'
    if value is not None and not isinstance(value, bool):
        raise errors.bad_request(key, "'%s' is not a valid boolean value"
                                 % (value,))
    return value


def string(body, key, default='', max_len=255):
    value = body.get(key, default)
    if value is None:
        value = default
    if not isinstance(value, str):
        raise errors.bad_request(key, "'%s' is not a valid string"
                                 % (value,))
    if len(value) > max_len:
        raise errors.bad_request(key, "'%s' exceeds maximum length of %d"
                                 % (value, max_len))
    return value


def integer(body, key, default=None, minimum=None, maximum=None):
    value = body.get(key, default)
    if value is None:
        return None
    try:
        number = int(value)
        if isinstance(value, bool) or str(number) != str(value).strip():
            raise ValueError
    except (TypeError, ValueError):
        raise errors.bad_request(key, "'%s' is not an integer" % (value,))
    if minimum is not None and number < minimum:
        raise errors.bad_request(key, "'%s' is too small - must be at least "
                                 "'%d'" % (value, minimum))
    if maximum is not None and number > maximum:
        raise errors.bad_request(key, "'%s' is too large - must be no "
                                 "larger than '%d'" % (value, maximum))
    return number


def owner(ctx, body):
    """The project a new resource belongs to: the caller's, or the one an
    admin names."""
    asked = body.get('project_id') or body.get('tenant_id')
    if body.get('project_id') and body.get('tenant_id') and \
            body['project_id'] != body['tenant_id']:
        raise errors.bad_request('project_id',
                                 'project_id and tenant_id differ')
    if asked and asked != ctx.project_id and not ctx.admin:
        raise errors.bad_request(
            'project_id', "Specifying 'project_id' or 'tenant_id' other "
            "than the authenticated project in request requires admin "
            "privileges")
    return asked or ctx.project_id


def bump(row):
    row.revision_number = (row.revision_number or 0) + 1
