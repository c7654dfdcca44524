# SPDX-License-Identifier: Apache-2.0
"""/os-security-groups: Nova's proxy of the network service's security
groups (2.1 to 2.35; 404 from 2.36, as in Nova).

The groups live in nova-like-network (network RPC 1.3); Nova's checks of
names and ids happen here, with Nova's texts.
"""

from oslo_utils import strutils
from oslo_utils import uuidutils

from nova_like.api import errors
from nova_like.api.handlers import server_networks
from nova_like.api.handlers import servers
from nova_like.api import microversion
from nova_like.api import policies
from nova_like.api.policies import security_groups as rules
from nova_like.api.schemas import security_group_proxy as schema
from nova_like.api import validation
from nova_like.api.views import security_groups as view
from nova_like.api import wsgi_util
from nova_like import conf
from nova_like import exception

CONF = conf.CONF

MAX_VERSION = '2.35'
MAX_LENGTH = 255


def checked_id(value):
    """A group id as Nova takes it: a UUID, else 400."""
    if not isinstance(value, str) or not uuidutils.is_uuid_like(value):
        raise errors.bad_request('Security group id should be uuid')
    return value


def _checked_property(value, name):
    """name or description: a string whose stripped text is 1 to 255
    characters; kept as sent (as Nova checks the stripped one only)."""
    if not isinstance(value, str):
        raise errors.bad_request('Security group %s is not a string or '
                                 'unicode' % name)
    stripped = value.strip()
    if len(stripped) < 1:
        raise errors.bad_request('%s has a minimum character requirement '
                                 'of 1.' % name)
    if len(stripped) > MAX_LENGTH:
        raise errors.bad_request('%s has more than %d characters.'
                                 % (name, MAX_LENGTH))
    return value


def _properties(request):
    group = validation.body(request, schema.GROUP)['security_group']
    if not isinstance(group, dict):
        raise errors.bad_request('Missing parameter security_group')
    return (_checked_property(group.get('name'), 'name'),
            _checked_property(group.get('description'), 'description'))


def _int_param(request, name):
    """Nova's limit and offset: integers >= 0, 400 otherwise."""
    value = request.GET.get(name)
    if value is None:
        return 0
    try:
        number = int(value)
    except ValueError:
        raise errors.bad_request('%s param must be an integer' % name)
    if number < 0:
        raise errors.bad_request('%s param must be positive' % name)
    return number


def _limited(request, groups):
    """groups by id (an order pages keep), [offset:offset + limit], the
    limit capped by [api] max_limit."""
    groups = sorted(groups, key=lambda group: group['id'])
    offset = _int_param(request, 'offset')
    limit = min(CONF.api.max_limit,
                _int_param(request, 'limit') or CONF.api.max_limit)
    return groups[offset:offset + limit]


def _context(request, rule):
    context = wsgi_util.context_of(request)
    policies.authorize(context, rule)
    return context


def names_of(context):
    """{group id: name} of the groups the caller sees, to name the
    remote groups of rules."""
    groups = servers.compute_api().list_security_groups(
        context, all_projects=context.is_admin)
    return {group['id']: group['name'] for group in groups}


def get_group(context, group_id):
    """:raises: HTTPNotFound with Nova's text."""
    try:
        return servers.compute_api().get_security_group(context, group_id)
    except exception.SecurityGroupNotFound:
        raise errors.not_found('Security group %s not found.' % group_id)


@microversion.version_handler('2.1', MAX_VERSION)
def index(request):
    """GET /os-security-groups[?all_tenants=1][&limit=&offset=]."""
    context = _context(request, rules.GET)
    all_projects = strutils.bool_from_string(
        request.GET.get('all_tenants', 'false'))
    with server_networks.unreachable_is_503():
        groups = servers.compute_api().list_security_groups(
            context, all_projects=all_projects and context.is_admin)
    names = {group['id']: group['name'] for group in groups}
    return wsgi_util.json_response({'security_groups': [
        view.show(group, names) for group in _limited(request, groups)]})


@microversion.version_handler('2.1', MAX_VERSION)
def show(request):
    """GET /os-security-groups/{security_group_id}."""
    context = _context(request, rules.SHOW)
    group_id = checked_id(request.urlvars['security_group_id'])
    with server_networks.unreachable_is_503():
        group = get_group(context, group_id)
        names = names_of(context)
    return wsgi_util.json_response(
        {'security_group': view.show(group, names)})


@microversion.version_handler('2.1', MAX_VERSION)
def create(request):
    """POST /os-security-groups (200, as Nova)."""
    context = _context(request, rules.CREATE)
    name, description = _properties(request)
    try:
        with server_networks.unreachable_is_503():
            group = servers.compute_api().create_security_group(
                context, name, description)
    except exception.Invalid as exc:
        raise errors.bad_request(exception.reason_of(exc))
    except exception.Forbidden as exc:
        raise errors.forbidden(exception.reason_of(exc))
    return wsgi_util.json_response(
        {'security_group': view.show(group, {})})


@microversion.version_handler('2.1', MAX_VERSION)
def update(request):
    """PUT /os-security-groups/{security_group_id}."""
    context = _context(request, rules.UPDATE)
    group_id = checked_id(request.urlvars['security_group_id'])
    name, description = _properties(request)
    try:
        with server_networks.unreachable_is_503():
            group = servers.compute_api().update_security_group(
                context, group_id, name, description)
            names = names_of(context)
    except exception.SecurityGroupNotFound:
        raise errors.not_found('Security group %s not found.' % group_id)
    except exception.Invalid as exc:
        raise errors.bad_request(exception.reason_of(exc))
    return wsgi_util.json_response(
        {'security_group': view.show(group, names)})


@microversion.version_handler('2.1', MAX_VERSION)
def delete(request):
    """DELETE /os-security-groups/{security_group_id} (202).

    A group in use, or the project's default, is 400, as in Nova.
    """
    context = _context(request, rules.DELETE)
    group_id = checked_id(request.urlvars['security_group_id'])
    try:
        with server_networks.unreachable_is_503():
            servers.compute_api().delete_security_group(context, group_id)
    except exception.SecurityGroupNotFound:
        raise errors.not_found('Security group %s not found.' % group_id)
    except exception.Conflict as exc:
        raise errors.bad_request(exception.reason_of(exc))
    return wsgi_util.empty_response(202)
