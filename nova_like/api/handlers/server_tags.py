# SPDX-License-Identifier: Apache-2.0
"""/servers/{id}/tags (2.26): list, replace, delete all, and one tag."""

from nova_like.api import errors
from nova_like.api.handlers import servers
from nova_like.api import microversion
from nova_like.api.policies import server_tags as rules
from nova_like.api.schemas import common
from nova_like.api.schemas import server_tags as schema
from nova_like.api import validation
from nova_like.api.views import common as common_view
from nova_like.api import wsgi_util
from nova_like.compute.api import guards

_TOO_MANY = 'The number of tags exceeded the per-server limit %d' % \
    guards.MAX_TAGS


def _tag(request):
    tag = request.urlvars['tag']
    validation.value(common.tag, tag, 'Invalid tag %r' % tag)
    return tag


def _no_tag(instance, tag):
    return errors.not_found("Instance %s has no tag '%s'"
                            % (instance.uuid, tag))


@microversion.version_handler('2.26')
def index(request):
    """GET /servers/{server_id}/tags."""
    _context, instance = servers.get_authorized_server(request, rules.INDEX)
    return wsgi_util.json_response({'tags': list(instance.tags)})


@microversion.version_handler('2.26')
def update_all(request):
    """PUT /servers/{server_id}/tags: {"tags": [...]} replaces them all."""
    body = validation.body(request, schema.TAGS)
    if len(set(body['tags'])) > guards.MAX_TAGS:
        raise errors.bad_request(_TOO_MANY)
    context, instance = servers.get_authorized_server(
        request, rules.UPDATE_ALL)
    tags = servers.compute_api().set_tags(context, instance, body['tags'])
    return wsgi_util.json_response({'tags': tags})


@microversion.version_handler('2.26')
def delete_all(request):
    """DELETE /servers/{server_id}/tags (204)."""
    context, instance = servers.get_authorized_server(
        request, rules.DELETE_ALL)
    servers.compute_api().set_tags(context, instance, [])
    return wsgi_util.empty_response(204)


@microversion.version_handler('2.26')
def show(request):
    """GET /servers/{server_id}/tags/{tag}: 204 when it has it, else 404."""
    _context, instance = servers.get_authorized_server(request, rules.SHOW)
    tag = request.urlvars['tag']
    if tag not in instance.tags:
        raise _no_tag(instance, tag)
    return wsgi_util.empty_response(204)


@microversion.version_handler('2.26')
def update(request):
    """PUT /servers/{server_id}/tags/{tag}: 201 when new, 204 when known."""
    tag = _tag(request)
    context, instance = servers.get_authorized_server(request, rules.UPDATE)
    if tag not in instance.tags and len(instance.tags) >= guards.MAX_TAGS:
        raise errors.bad_request(_TOO_MANY)
    created = servers.compute_api().add_tag(context, instance, tag)
    response = wsgi_util.empty_response(201 if created else 204)
    response.headers['Location'] = '%s/tags/%s' % (
        common_view.self_href(request, 'servers', instance.uuid), tag)
    return response


@microversion.version_handler('2.26')
def delete(request):
    """DELETE /servers/{server_id}/tags/{tag} (204, 404 when absent)."""
    context, instance = servers.get_authorized_server(request, rules.DELETE)
    tag = request.urlvars['tag']
    if tag not in instance.tags:
        raise _no_tag(instance, tag)
    servers.compute_api().delete_tag(context, instance, tag)
    return wsgi_util.empty_response(204)
