# SPDX-License-Identifier: Apache-2.0
"""/images/{id}/metadata (up to 2.35): an image's properties, via Glance.

Changes count against the caller's project's metadata_items quota, as in
Nova; Glance decides who may change what.
"""

from nova_like.api import errors
from nova_like.api.handlers import images
from nova_like.api.schemas import server_metadata as schema
from nova_like.api import validation
from nova_like.api import wsgi_util
from nova_like import exception
from nova_like.objects import quotas


def _update(request, image, updates, removals):
    context = wsgi_util.context_of(request)
    merged = dict(image.get('properties') or {})
    for key in removals:
        merged.pop(key, None)
    merged.update(updates)
    quotas.check_metadata_items(context.project_id, merged)
    try:
        return images.glance().update_properties(
            context, image['id'], updates, removals)['properties']
    except exception.ImageNotFound:
        raise errors.not_found('Image not found.')
    except exception.Forbidden as exc:
        raise errors.forbidden(exc.message)
    except exception.Invalid as exc:
        raise errors.bad_request(exc.message)


@images.until_235
def index(request):
    """GET .../metadata."""
    image = images.get_image(request)
    return wsgi_util.json_response(
        {'metadata': image.get('properties') or {}})


@images.until_235
def show(request):
    """GET .../metadata/{key}."""
    key = request.urlvars['key']
    properties = images.get_image(request).get('properties') or {}
    if key not in properties:
        raise errors.not_found('Invalid metadata key')
    return wsgi_util.json_response({'meta': {key: properties[key]}})


@images.until_235
def create(request):
    """POST .../metadata: add to and change the properties."""
    body = validation.body(request, schema.METADATA)
    image = images.get_image(request)
    return wsgi_util.json_response({'metadata': _update(
        request, image, body['metadata'], [])})


@images.until_235
def update_all(request):
    """PUT .../metadata: the properties become exactly these."""
    body = validation.body(request, schema.METADATA)
    image = images.get_image(request)
    removals = [key for key in image.get('properties') or {}
                if key not in body['metadata']]
    _update(request, image, body['metadata'], removals)
    return wsgi_util.json_response({'metadata': body['metadata']})


@images.until_235
def update(request):
    """PUT .../metadata/{key} with {"meta": {key: value}}."""
    body = validation.body(request, schema.META)
    key = request.urlvars['key']
    if len(body['meta']) > 1:
        raise errors.bad_request('Request body contains too many items')
    if key not in body['meta']:
        raise errors.bad_request('Request body and URI mismatch')
    image = images.get_image(request)
    _update(request, image, body['meta'], [])
    return wsgi_util.json_response({'meta': body['meta']})


@images.until_235
def delete(request):
    """DELETE .../metadata/{key}: 204."""
    key = request.urlvars['key']
    image = images.get_image(request)
    if key not in (image.get('properties') or {}):
        raise errors.not_found('Invalid metadata key')
    _update(request, image, {}, [key])
    return wsgi_util.empty_response(204)
