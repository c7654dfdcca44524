# SPDX-License-Identifier: Apache-2.0
"""/servers/{id}/os-volume_attachments: list, show, attach, update, detach.

Volume errors come as nova_like exceptions (VolumeNotFound 404,
InvalidVolume 400, VolumeServiceUnavailable 503, InstanceIsLocked and
InstanceInvalidState 409) and the router turns them into faults.
"""

import oslo_messaging as messaging
import webob.exc

from nova_like.api import errors
from nova_like.api.handlers import servers
from nova_like.api import microversion
from nova_like.api import policies
from nova_like.api.policies import volumes_attachments as rules
from nova_like.api.schemas import common as common_schema
from nova_like.api.schemas import volumes_attachments as schema
from nova_like.api import validation
from nova_like.api.views import volumes_attachments as view
from nova_like.api import wsgi_util
from nova_like import exception


def _not_attached(instance, volume_id):
    return errors.not_found(
        'Volume %s is not attached to server %s'
        % (volume_id, instance.uuid))


def index(request):
    """GET /servers/{server_id}/os-volume_attachments."""
    context, instance = servers.get_authorized_server(request, rules.INDEX)
    bdms = servers.compute_api().get_volume_bdms(context, instance)
    return wsgi_util.json_response(view.index(request, bdms))


def show(request):
    """GET /servers/{server_id}/os-volume_attachments/{volume_id}."""
    context, instance = servers.get_authorized_server(request, rules.SHOW)
    volume_id = request.urlvars['volume_id']
    try:
        bdm = servers.compute_api().get_volume_bdm(context, instance,
                                                   volume_id)
    except exception.VolumeBDMNotFound:
        raise _not_attached(instance, volume_id)
    return wsgi_util.json_response(
        {'volumeAttachment': view.show(request, bdm)})


def create(request):
    """POST /servers/{server_id}/os-volume_attachments: attach (200)."""
    body = validation.body(request, common_schema.for_version(
        schema.CREATE, microversion.of(request)))
    context, instance = servers.get_authorized_server(request, rules.CREATE)
    attachment = body['volumeAttachment']
    # As Nova's libvirt driver, the device asked for is not honoured: the
    # host picks the next free one, and the answer names it.
    try:
        bdm = servers.compute_api().attach_volume(
            context, instance, attachment['volumeId'],
            tag=attachment.get('tag'),
            delete_on_termination=attachment.get('delete_on_termination',
                                                 False))
    except messaging.MessagingTimeout as exc:
        raise webob.exc.HTTPServiceUnavailable(
            explanation='Compute host %s did not reserve a device for the '
                        'volume in time: %s' % (instance.host,
                                                exception.reason_of(exc)))
    return wsgi_util.json_response(
        {'volumeAttachment': view.created(request, bdm)})


def update(request):
    """PUT /servers/{server_id}/os-volume_attachments/{volume_id} (202).

    2.85+: delete_on_termination of the attachment. A different volumeId
    (a swap) is not supported yet.
    """
    body = validation.body(request, common_schema.for_version(
        schema.UPDATE, microversion.of(request)))
    context, instance = servers.get_authorized_server(request, rules.UPDATE)
    volume_id = request.urlvars['volume_id']
    wanted = body['volumeAttachment']
    api = servers.compute_api()
    try:
        bdm = api.get_volume_bdm(context, instance, volume_id)
    except exception.VolumeBDMNotFound:
        raise _not_attached(instance, volume_id)
    if wanted['volumeId'] != volume_id:
        policies.authorize(context, rules.SWAP,
                           {'project_id': instance.project_id})
        raise errors.conflict(
            'Swapping volume %s for %s (PUT os-volume_attachments with '
            'another volumeId) is not supported yet by nova_like'
            % (volume_id, wanted['volumeId']))
    if not microversion.at_least(request, '2.85'):
        raise errors.bad_request(
            'The new volume %s is the one attached: before microversion '
            '2.85 this request swaps volumes, and a volume cannot be '
            'swapped for itself' % volume_id)
    read_only = {'id': bdm.volume_id, 'serverId': bdm.instance_uuid,
                 'device': bdm.device_name, 'tag': bdm.tag}
    for key, value in read_only.items():
        if key in wanted and wanted[key] != value:
            raise errors.bad_request(
                'The %s of a volume attachment cannot be changed (it is '
                '%s)' % (key, value))
    if 'delete_on_termination' in wanted:
        api.update_volume_attachment(context, instance, volume_id,
                                     wanted['delete_on_termination'])
    return wsgi_util.empty_response(202)


def delete(request):
    """DELETE /servers/{server_id}/os-volume_attachments/{volume_id} (202)."""
    context, instance = servers.get_authorized_server(request, rules.DELETE)
    volume_id = request.urlvars['volume_id']
    try:
        servers.compute_api().detach_volume(context, instance, volume_id)
    except exception.VolumeBDMNotFound:
        raise _not_attached(instance, volume_id)
    return wsgi_util.empty_response(202)
