# SPDX-License-Identifier: Apache-2.0
"""/servers/{id}/metadata: list, replace, merge, and one item by key."""

from nova_like.api import errors
from nova_like.api.handlers import servers
from nova_like.api.policies import server_metadata as rules
from nova_like.api.schemas import server_metadata as schema
from nova_like.api import validation
from nova_like.api import wsgi_util
from nova_like import exception


def index(request):
    """GET /servers/{server_id}/metadata."""
    _context, instance = servers.get_authorized_server(request, rules.INDEX)
    return wsgi_util.json_response({'metadata': dict(instance.metadata)})


def _write_all(request, rule, replace):
    body = validation.body(request, schema.METADATA)
    context, instance = servers.get_authorized_server(request, rule)
    metadata = servers.compute_api().update_metadata(
        context, instance, body['metadata'], replace=replace)
    return wsgi_util.json_response({'metadata': metadata})


def create(request):
    """POST /servers/{server_id}/metadata: merge the items given."""
    return _write_all(request, rules.CREATE, replace=False)


def update_all(request):
    """PUT /servers/{server_id}/metadata: replace every item."""
    return _write_all(request, rules.UPDATE_ALL, replace=True)


def show(request):
    """GET /servers/{server_id}/metadata/{key}."""
    _context, instance = servers.get_authorized_server(request, rules.SHOW)
    key = request.urlvars['key']
    if key not in instance.metadata:
        raise errors.not_found('Metadata item was not found')
    return wsgi_util.json_response({'meta': {key: instance.metadata[key]}})


def update(request):
    """PUT /servers/{server_id}/metadata/{key}: {"meta": {key: value}}."""
    body = validation.body(request, schema.META)
    key = request.urlvars['key']
    meta = body['meta']
    if key not in meta:
        raise errors.bad_request('Request body and URI mismatch')
    if len(meta) > 1:
        raise errors.bad_request('Request body contains too many items')
    context, instance = servers.get_authorized_server(request, rules.UPDATE)
    servers.compute_api().update_metadata(context, instance, meta)
    return wsgi_util.json_response({'meta': meta})


def delete(request):
    """DELETE /servers/{server_id}/metadata/{key} (204)."""
    context, instance = servers.get_authorized_server(request, rules.DELETE)
    try:
        servers.compute_api().delete_metadata_item(
            context, instance, request.urlvars['key'])
    except exception.NotFound:
        raise errors.not_found('Metadata item was not found')
    return wsgi_util.empty_response(204)
