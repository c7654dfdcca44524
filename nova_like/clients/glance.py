# SPDX-License-Identifier: Apache-2.0
"""GlanceClient: the image facts the API checks before it accepts a server (Image API v2)."""

from keystoneauth1 import exceptions as ks_exc

from nova_like.clients import ksa
from nova_like import exception

# Image attributes that Glance v2 answers at the top level; anything else
# there is an image property (hw_*, os_distro, ...).
_CORE = ('id', 'name', 'status', 'visibility', 'protected', 'checksum',
         'owner', 'size', 'virtual_size', 'min_ram', 'min_disk',
         'disk_format', 'container_format', 'created_at', 'updated_at',
         'tags', 'file', 'self', 'schema', 'direct_url', 'locations',
         'os_hash_algo', 'os_hash_value', 'os_hidden', 'stores')


class GlanceClient:
    """Thin wrapper over GET /v2/images/{id} through a keystoneauth1 adapter."""

    def __init__(self, adapter=None):
        self._adapter = adapter

    @property
    def adapter(self):
        if self._adapter is None:
            self._adapter = ksa.get_adapter('glance')
        return self._adapter

    def get(self, context, image_id):
        """The image as a dict: id, name, status, min_disk, min_ram, size,
        disk_format, container_format and properties (every other key).

        :raises: ImageNotFound, ImageServiceError.
        """
        headers = {'Accept': 'application/json'}
        token = getattr(context, 'auth_token', None)
        if token and self.adapter.auth is None:
            headers['X-Auth-Token'] = token
        try:
            response = self.adapter.get('/v2/images/%s' % image_id,
                                        headers=headers, raise_exc=False)
        except ks_exc.ClientException as exc:
            raise exception.ImageServiceError(
                status='no answer', what='image %s' % image_id,
                detail=str(exc)) from exc
        if response.status_code == 404:
            raise exception.ImageNotFound(image_id=image_id)
        if response.status_code != 200:
            raise exception.ImageServiceError(
                status=response.status_code, what='image %s' % image_id,
                detail=response.text[:200])
        return self._to_dict(response.json())

    def get_active(self, context, image_id):
        """Like get, but an image that is not active is an error.

        :raises: ImageNotFound, ImageNotActive, ImageServiceError.
        """
        image = self.get(context, image_id)
        if image['status'] != 'active':
            raise exception.ImageNotActive(image_id=image_id)
        return image

    @staticmethod
    def _to_dict(body):
        image = {key: body.get(key) for key in
                 ('id', 'name', 'status', 'size', 'disk_format',
                  'container_format', 'owner', 'visibility')}
        image['min_disk'] = int(body.get('min_disk') or 0)
        image['min_ram'] = int(body.get('min_ram') or 0)
        image['properties'] = {k: v for k, v in body.items()
                               if k not in _CORE}
        return image
