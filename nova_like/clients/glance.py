# SPDX-License-Identifier: Apache-2.0
"""GlanceClient (Image API v2): image facts, and image data for hypervisors.

The facts are what the API checks before it accepts a server.
"""

import collections
import copy
import hashlib
import os
import threading
import time

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
    """Thin wrapper over GET /v2/images/{id} via a keystoneauth1 adapter."""

    # Answers of get_active kept for image_check_seconds, by token.
    _RECENT_MAX = 256

    def __init__(self, adapter=None, recent_seconds=0):
        self._adapter = adapter
        self._recent_seconds = recent_seconds
        self._recent = collections.OrderedDict()
        self._recent_lock = threading.Lock()

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

        An active image's answer is reused for recent_seconds by requests
        with the same token (what that token saw, it may see again).

        :raises: ImageNotFound, ImageNotActive, ImageServiceError.
        """
        key = (getattr(context, 'auth_token', None),
               getattr(context, 'project_id', None), image_id)
        now = time.monotonic()
        with self._recent_lock:
            found = self._recent.get(key)
            if found is not None and found[0] > now:
                return copy.deepcopy(found[1])
        image = self.get(context, image_id)
        if image['status'] != 'active':
            raise exception.ImageNotActive(image_id=image_id)
        if self._recent_seconds:
            with self._recent_lock:
                self._recent[key] = (now + self._recent_seconds,
                                     copy.deepcopy(image))
                self._recent.move_to_end(key)
                while len(self._recent) > self._RECENT_MAX:
                    self._recent.popitem(last=False)
        return image

    def download(self, context, image_id, path, image=None,
                 chunk_size=1024 * 1024):
        """Stream the image's data into path and verify its checksum.

        The data goes to path + '.part' first and is renamed to path only
        once the whole of it matched Glance's os_hash_value (in
        os_hash_algo), or the md5 checksum when Glance has no multihash.

        :param image: the image's dict from get(), if the caller has it.
        :returns: the verified hex digest.
        :raises: ImageNotFound, ImageServiceError (also for a checksum
            mismatch or a truncated download).
        """
        if image is None:
            image = self.get(context, image_id)
        algo, expected = image.get('os_hash_algo'), image.get('os_hash_value')
        if not (algo and expected):
            algo, expected = 'md5', image.get('checksum')
        digest = hashlib.new(algo) if expected else None
        headers = {}
        token = getattr(context, 'auth_token', None)
        if token and self.adapter.auth is None:
            headers['X-Auth-Token'] = token
        what = 'the data of image %s' % image_id
        try:
            response = self.adapter.get('/v2/images/%s/file' % image_id,
                                        headers=headers, raise_exc=False,
                                        stream=True)
        except ks_exc.ClientException as exc:
            raise exception.ImageServiceError(
                status='no answer', what=what, detail=str(exc)) from exc
        if response.status_code == 404:
            raise exception.ImageNotFound(image_id=image_id)
        if response.status_code != 200:
            raise exception.ImageServiceError(
                status=response.status_code, what=what,
                detail=response.text[:200])
        partial = path + '.part'
        size = 0
        try:
            with open(partial, 'wb') as out:
                for chunk in response.iter_content(chunk_size):
                    out.write(chunk)
                    size += len(chunk)
                    if digest is not None:
                        digest.update(chunk)
            if image.get('size') is not None and size != image['size']:
                raise exception.ImageServiceError(
                    status=200, what=what, detail='got %d bytes, the image '
                    'has %d' % (size, image['size']))
            if digest is not None and digest.hexdigest() != expected:
                raise exception.ImageServiceError(
                    status=200, what=what, detail='%s checksum %s does not '
                    'match %s' % (algo, digest.hexdigest(), expected))
            os.rename(partial, path)
        except BaseException:
            if os.path.exists(partial):
                os.unlink(partial)
            raise
        finally:
            response.close()
        return digest.hexdigest() if digest is not None else None

    # The deprecated image proxy of the Compute API (below 2.36): list,
    # delete and property changes, with the caller's token.

    def _call(self, context, method, path, what, **kwargs):
        headers = kwargs.pop('headers', {})
        headers.setdefault('Accept', 'application/json')
        token = getattr(context, 'auth_token', None)
        if token and self.adapter.auth is None:
            headers['X-Auth-Token'] = token
        try:
            response = self.adapter.request(path, method, headers=headers,
                                            raise_exc=False, **kwargs)
        except ks_exc.ClientException as exc:
            raise exception.ImageServiceError(
                status='no answer', what=what, detail=str(exc)) from exc
        if response.status_code == 403:
            raise exception.Forbidden('The image service refused %s: %s'
                                      % (what, response.text[:200]))
        if response.status_code == 400:
            raise exception.Invalid('The image service refused %s: %s'
                                    % (what, response.text[:200]))
        return response

    def _check(self, response, image_id, what, ok=(200,)):
        if image_id and response.status_code == 404:
            raise exception.ImageNotFound(image_id=image_id)
        if response.status_code not in ok:
            raise exception.ImageServiceError(
                status=response.status_code, what=what,
                detail=response.text[:200])
        return response

    def list(self, context, filters, limit=None):
        """Images matching Glance v2 filters (name, status, updated_at,
        properties, marker...), following Glance's pages up to limit.

        :raises: ImageNotFound (an unknown marker), ImageServiceError.
        """
        params = dict(filters)
        images = []
        path = '/v2/images'
        while path:
            if limit is not None:
                params['limit'] = limit - len(images)
            response = self._check(self._call(
                context, 'GET', path, 'the image list', params=params),
                None, 'the image list')
            body = response.json()
            images.extend(self._to_dict(image) for image in body['images'])
            if limit is not None and len(images) >= limit:
                break
            path, params = body.get('next'), {}
        return images

    def delete(self, context, image_id):
        """:raises: ImageNotFound, Forbidden (not the caller's, or
            protected), ImageServiceError."""
        what = 'deleting image %s' % image_id
        self._check(self._call(context, 'DELETE', '/v2/images/%s'
                               % image_id, what), image_id, what, ok=(204,))

    def update_properties(self, context, image_id, updates, removals):
        """Set {key: value} and remove keys of the image's properties.

        :returns: the image (as get()).
        :raises: ImageNotFound, Forbidden, Invalid, ImageServiceError.
        """
        patch = [{'op': 'add', 'path': '/%s' % key, 'value': value}
                 for key, value in sorted(updates.items())]
        patch += [{'op': 'remove', 'path': '/%s' % key}
                  for key in sorted(removals)]
        what = 'the properties of image %s' % image_id
        response = self._check(self._call(
            context, 'PATCH', '/v2/images/%s' % image_id, what,
            json=patch, headers={'Content-Type': 'application/'
                                 'openstack-images-v2.1-json-patch'}),
            image_id, what)
        return self._to_dict(response.json())

    @staticmethod
    def _to_dict(body):
        image = {key: body.get(key) for key in
                 ('id', 'name', 'status', 'size', 'virtual_size',
                  'disk_format', 'container_format', 'owner', 'visibility',
                  'checksum', 'os_hash_algo', 'os_hash_value',
                  'created_at', 'updated_at')}
        image['min_disk'] = int(body.get('min_disk') or 0)
        image['min_ram'] = int(body.get('min_ram') or 0)
        image['properties'] = {k: v for k, v in body.items()
                               if k not in _CORE}
        return image
