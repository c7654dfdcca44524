# SPDX-License-Identifier: Apache-2.0
"""VolumeClient: the Block Storage v3 API as the compute side uses it.

Volumes are read and deleted, and attached through Cinder's attachments
API (microversion 3.44, as nova/volume/cinder.py): create (a reservation,
no connector), update (the host's connector; the answer carries the
connection_info), complete, delete. Requests carry the caller's token
(and, with a service user in [cinder], its token as X-Service-Token), to
the project of the caller, as Nova's do; without a caller's token (a
periodic task's context) the [cinder] service user acts alone.
"""

import urllib.parse

from keystoneauth1 import exceptions as ks_exc

from nova_like.clients import ksa
from nova_like import exception

MICROVERSION = '3.44'
VERSION_HEADER = 'OpenStack-API-Version'


def _message(response):
    """The message of Cinder's error body ({"badRequest": {"message"}})."""
    try:
        body = response.json()
        fault = next(iter(body.values()))
        return fault.get('message') or response.text[:200]
    except (ValueError, StopIteration, AttributeError):
        return response.text[:200] or 'HTTP %s' % response.status_code


class VolumeClient:
    """Thin wrapper over a keystoneauth1 adapter configured by [cinder]."""

    def __init__(self, adapter=None):
        self._adapter = adapter

    @property
    def adapter(self):
        if self._adapter is None:
            self._adapter = ksa.get_adapter('cinder')
        return self._adapter

    def _url(self, context, path):
        """path under /v3/{the caller's project}/ of the service's endpoint.

        The endpoint of the catalog (or endpoint_override) names a project
        (or the template %(project_id)s): the caller's goes in its place.
        """
        try:
            endpoint = ksa.url_for(self.adapter, '/')
        except ks_exc.ClientException as exc:  # [cinder] says too little
            raise exception.VolumeServiceUnavailable(
                reason='no endpoint of service type block-storage (%s): '
                       'set [cinder] auth_type and its options, or '
                       'endpoint_override' % exc) from exc
        if not endpoint.startswith('http'):
            raise exception.VolumeServiceUnavailable(
                reason='no endpoint of service type block-storage: set '
                       '[cinder] endpoint_override or an auth_type that '
                       'reads the catalog')
        parts = urllib.parse.urlsplit(endpoint)
        segments = [s for s in parts.path.split('/') if s]
        if 'v3' in segments:
            segments = segments[:segments.index('v3') + 1]
        else:
            segments.append('v3')
        segments.append(context.project_id)
        base = parts._replace(path='/' + '/'.join(segments)).geturl()
        return base + '/' + path.lstrip('/')

    def _request(self, context, method, path, body=None, not_found=None,
                 ok=(200, 202, 204)):
        headers = {'Accept': 'application/json',
                   VERSION_HEADER: 'volume ' + MICROVERSION}
        token = getattr(context, 'auth_token', None)
        authenticated = None
        url = self._url(context, path)
        try:
            if token:
                # The caller's token, as Nova sends it: the volume service
                # checks it against the project of the URL. A service
                # user configured in [cinder] adds its own as the service
                # token (and found the endpoint in its catalog).
                headers['X-Auth-Token'] = token
                authenticated = False
                if self.adapter.auth is not None:
                    headers['X-Service-Token'] = self.adapter.get_token()
            response = self.adapter.request(url, method, json=body,
                                            headers=headers,
                                            authenticated=authenticated,
                                            raise_exc=False)
        except ks_exc.ClientException as exc:
            ksa.forget_endpoint(self.adapter)
            raise exception.VolumeServiceUnavailable(
                reason='%s %s: %s' % (method, path, exc)) from exc
        status = response.status_code
        if status in ok:
            return response.json() if response.content else None
        message = _message(response)
        if status == 404 and not_found is not None:
            raise not_found
        if status in (400, 409):
            raise exception.InvalidVolume(reason=message)
        if status == 403:
            raise exception.Forbidden(message)
        raise exception.VolumeServiceUnavailable(
            reason='%s %s answered %s: %s' % (method, path, status, message))

    # Volumes

    def get(self, context, volume_id):
        """The volume (GET /volumes/{id}) as Block Storage shows it.

        :raises: VolumeNotFound, VolumeServiceUnavailable.
        """
        return self._request(
            context, 'GET', 'volumes/%s' % volume_id,
            not_found=exception.VolumeNotFound(volume_id=volume_id))['volume']

    def delete(self, context, volume_id):
        """DELETE /volumes/{id} (202).

        :raises: VolumeNotFound, InvalidVolume, VolumeServiceUnavailable.
        """
        self._request(context, 'DELETE', 'volumes/%s' % volume_id,
                      not_found=exception.VolumeNotFound(
                          volume_id=volume_id))

    # Attachments (3.27+, complete at 3.44)

    def attachment_create(self, context, volume_id, instance_uuid,
                          connector=None, mountpoint=None):
        """Reserve volume_id for instance_uuid (without a connector) or
        attach it (with one).

        :returns: the attachment: id, status, volume_id, instance,
            connection_info, ...
        :raises: VolumeNotFound, InvalidVolume (not available, already
            attached), VolumeServiceUnavailable.
        """
        body = {'volume_uuid': volume_id, 'instance_uuid': instance_uuid}
        if connector:
            connector = dict(connector)
            if mountpoint:
                connector['mountpoint'] = mountpoint
            body['connector'] = connector
        return _translated(self._request(
            context, 'POST', 'attachments', {'attachment': body},
            not_found=exception.VolumeNotFound(
                volume_id=volume_id))['attachment'])

    def attachment_update(self, context, attachment_id, connector,
                          mountpoint=None):
        """Give the attachment this host's connector: the volume service
        exports the volume to it.

        :returns: the attachment, its connection_info filled in.
        :raises: VolumeAttachmentNotFound, InvalidVolume,
            VolumeServiceUnavailable.
        """
        connector = dict(connector)
        if mountpoint:
            connector['mountpoint'] = mountpoint
        return _translated(self._request(
            context, 'PUT', 'attachments/%s' % attachment_id,
            {'attachment': {'connector': connector}},
            not_found=exception.VolumeAttachmentNotFound(
                attachment_id=attachment_id))['attachment'])

    def attachment_complete(self, context, attachment_id):
        """The guest has the disk: the volume becomes in-use (204).

        :raises: VolumeAttachmentNotFound, InvalidVolume,
            VolumeServiceUnavailable.
        """
        self._request(
            context, 'POST', 'attachments/%s/action' % attachment_id,
            {'os-complete': None},
            not_found=exception.VolumeAttachmentNotFound(
                attachment_id=attachment_id))

    def attachment_delete(self, context, attachment_id):
        """End the attachment; the volume is available again when it was
        its last.

        :raises: VolumeAttachmentNotFound, VolumeServiceUnavailable.
        """
        self._request(
            context, 'DELETE', 'attachments/%s' % attachment_id,
            not_found=exception.VolumeAttachmentNotFound(
                attachment_id=attachment_id))


def _translated(attachment):
    """attachment with its connection_info as the virt drivers take it.

    Block Storage's attachments API answers connection_info flat (the
    driver's keys beside driver_volume_type); drivers read them under
    'data', as from the older initialize_connection (Nova translates the
    same way)."""
    flat = dict(attachment.get('connection_info') or {})
    if flat and 'data' not in flat:
        kind = flat.pop('driver_volume_type', None)
        attachment = dict(attachment, connection_info={
            'driver_volume_type': kind, 'data': flat})
    return attachment
