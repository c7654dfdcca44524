# SPDX-License-Identifier: Apache-2.0
"""/images (up to 2.35): the deprecated proxy to Glance's images.

Every call goes to Glance with the caller's token, so Glance decides what
the caller sees and may delete; no policy of nova_like's applies, as in
Nova. Filters map to Glance v2's as Nova maps them (changes-since to
updated_at, server and type to the instance_uuid and image_type
properties).
"""

from nova_like.api import errors
from nova_like.api.handlers import servers
from nova_like.api import microversion
from nova_like.api.schemas import images as schema
from nova_like.api import validation
from nova_like.api.views import images as view
from nova_like.api import wsgi_util
from nova_like import exception

# The proxy is gone from 2.36 (use Glance).
until_235 = microversion.version_handler('2.1', '2.35')
_FILTERS = {'name': 'name', 'server': 'instance_uuid',
            'type': 'image_type', 'minRam': 'min_ram',
            'minDisk': 'min_disk', 'marker': 'marker'}


def glance():
    return servers.compute_api().image_api


def glance_url():
    try:
        return glance().adapter.get_endpoint()
    except Exception:  # a link is not worth a failure
        return None


def get_image(request):
    """The URL's image, as Glance shows it to the caller (404 else)."""
    context = wsgi_util.context_of(request)
    try:
        return glance().get(context, request.urlvars['image_id'])
    except exception.ImageNotFound:
        raise errors.not_found('Image not found.')


def _list(request):
    context = wsgi_util.context_of(request)
    params = validation.query(request, schema.QUERY)
    filters = {glance_name: validation.last(params, name)
               for name, glance_name in _FILTERS.items()
               if validation.last(params, name) is not None}
    if 'instance_uuid' in filters:  # a server's id or its URL
        filters['instance_uuid'] = filters['instance_uuid'].rsplit('/')[-1]
    status = validation.last(params, 'status')
    if status is not None:
        filters['status'] = status.lower()
    since = validation.last(params, 'changes-since')
    if since is not None:
        filters['updated_at'] = 'gte:' + since
    limit = validation.last(params, 'limit')
    try:
        return glance().list(context, filters,
                             int(limit) if limit is not None else None)
    except exception.ImageNotFound:
        raise errors.bad_request('Marker %s could not be found.'
                                 % filters.get('marker'))


@until_235
def index(request):
    """GET /images: id, name and links of each image."""
    url = glance_url()
    return wsgi_util.json_response({'images': [
        view.basic(request, image, url) for image in _list(request)]})


@until_235
def detail(request):
    """GET /images/detail."""
    url = glance_url()
    return wsgi_util.json_response({'images': [
        view.detail(request, image, url) for image in _list(request)]})


@until_235
def show(request):
    """GET /images/{image_id}."""
    return wsgi_util.json_response(
        {'image': view.detail(request, get_image(request), glance_url())})


@until_235
def delete(request):
    """DELETE /images/{image_id}: 204; Glance's 403 (not the caller's, or
    protected) and 404 as they are."""
    context = wsgi_util.context_of(request)
    try:
        glance().delete(context, request.urlvars['image_id'])
    except exception.ImageNotFound:
        raise errors.not_found('Image not found.')
    except exception.Forbidden as exc:
        raise errors.forbidden(exc.message)
    return wsgi_util.empty_response(204)
