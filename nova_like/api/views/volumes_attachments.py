# SPDX-License-Identifier: Apache-2.0
"""volumeAttachment bodies of /servers/{id}/os-volume_attachments, from
block device mappings."""

from nova_like.api import microversion


def show(request, bdm):
    """One attachment as Nova shows it in GET (list and show)."""
    at = microversion.at_least
    body = {}
    if not at(request, '2.89'):
        body['id'] = bdm.volume_id
    body['volumeId'] = bdm.volume_id
    body['serverId'] = bdm.instance_uuid
    if bdm.device_name:
        body['device'] = bdm.device_name
    if at(request, '2.70'):
        body['tag'] = bdm.tag
    if at(request, '2.79'):
        body['delete_on_termination'] = bdm.delete_on_termination
    if at(request, '2.89'):
        body['attachment_id'] = bdm.attachment_id
        body['bdm_uuid'] = bdm.uuid
    return body


def created(request, bdm):
    """The answer of POST: always with id and device (Nova's create)."""
    body = {'id': bdm.volume_id, 'serverId': bdm.instance_uuid,
            'volumeId': bdm.volume_id, 'device': bdm.device_name}
    if microversion.at_least(request, '2.70'):
        body['tag'] = bdm.tag
    if microversion.at_least(request, '2.79'):
        body['delete_on_termination'] = bdm.delete_on_termination
    return body


def index(request, bdms):
    return {'volumeAttachments': [show(request, bdm) for bdm in bdms]}


def volumes_attached(request, bdms):
    """os-extended-volumes:volumes_attached of a server view."""
    if microversion.at_least(request, '2.3'):
        return [{'id': bdm.volume_id,
                 'delete_on_termination': bdm.delete_on_termination}
                for bdm in bdms]
    return [{'id': bdm.volume_id} for bdm in bdms]
