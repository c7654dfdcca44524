# SPDX-License-Identifier: Apache-2.0
"""THE route table of the Block Storage API and the dispatcher that uses it.

Routes under /v3/{project_id}/ need a token of that project (400
"Malformed request url" otherwise, as Cinder). A path that matches no
route is 404; a method the route does not have is 405 with an Allow
header. A route may name the microversion it starts at: (handler, (3, N)).
"""

import routes

from nova_like.volume import errors
from nova_like.volume.handlers import attachments
from nova_like.volume.handlers import availability_zones
from nova_like.volume.handlers import extra_specs
from nova_like.volume.handlers import limits
from nova_like.volume.handlers import messages
from nova_like.volume.handlers import quotas
from nova_like.volume.handlers import root
from nova_like.volume.handlers import snapshots
from nova_like.volume.handlers import types
from nova_like.volume.handlers import volume_actions
from nova_like.volume.handlers import volume_metadata
from nova_like.volume.handlers import volumes

P = '/v3/{project_id}'
MESSAGES = (3, 3)
ATTACHMENTS = (3, 27)
COMPLETE = (3, 44)

ROUTE_DECLARATIONS = {
    '/': {'GET': root.versions},
    '/v3': {'GET': root.show_v3},
    P + '/volumes': {
        'GET': volumes.list_volumes,
        'POST': volumes.create_volume,
    },
    P + '/volumes/detail': {'GET': volumes.list_volumes_detail},
    P + '/volumes/{volume_id}': {
        'GET': volumes.show_volume,
        'PUT': volumes.update_volume,
        'DELETE': volumes.delete_volume,
    },
    P + '/volumes/{volume_id}/action': {
        'POST': volume_actions.volume_action,
    },
    P + '/volumes/{volume_id}/metadata': {
        'GET': volume_metadata.show_metadata,
        'POST': volume_metadata.create_metadata,
        'PUT': volume_metadata.replace_metadata,
    },
    P + '/volumes/{volume_id}/metadata/{key}': {
        'GET': volume_metadata.show_metadata_item,
        'PUT': volume_metadata.update_metadata_item,
        'DELETE': volume_metadata.delete_metadata_item,
    },
    P + '/snapshots': {
        'GET': snapshots.list_snapshots,
        'POST': snapshots.create_snapshot,
    },
    P + '/snapshots/detail': {'GET': snapshots.list_snapshots_detail},
    P + '/snapshots/{snapshot_id}': {
        'GET': snapshots.show_snapshot,
        'PUT': snapshots.update_snapshot,
        'DELETE': snapshots.delete_snapshot,
    },
    P + '/types': {
        'GET': types.list_types,
        'POST': types.create_type,
    },
    P + '/types/{type_id}': {
        'GET': types.show_type,
        'PUT': types.update_type,
        'DELETE': types.delete_type,
    },
    P + '/types/{type_id}/extra_specs': {
        'GET': extra_specs.list_extra_specs,
        'POST': extra_specs.create_extra_specs,
    },
    P + '/types/{type_id}/extra_specs/{key}': {
        'GET': extra_specs.show_extra_spec,
        'PUT': extra_specs.update_extra_spec,
        'DELETE': extra_specs.delete_extra_spec,
    },
    P + '/os-availability-zone': {
        'GET': availability_zones.list_availability_zones,
    },
    P + '/limits': {'GET': limits.show_limits},
    P + '/os-quota-sets/{target_project_id}': {
        'GET': quotas.show_quota_set,
        'PUT': quotas.update_quota_set,
        'DELETE': quotas.delete_quota_set,
    },
    P + '/os-quota-sets/{target_project_id}/defaults': {
        'GET': quotas.show_defaults,
    },
    P + '/attachments': {
        'GET': (attachments.list_attachments, ATTACHMENTS),
        'POST': (attachments.create_attachment, ATTACHMENTS),
    },
    P + '/attachments/detail': {
        'GET': (attachments.list_attachments_detail, ATTACHMENTS),
    },
    P + '/attachments/{attachment_id}': {
        'GET': (attachments.show_attachment, ATTACHMENTS),
        'PUT': (attachments.update_attachment, ATTACHMENTS),
        'DELETE': (attachments.delete_attachment, ATTACHMENTS),
    },
    P + '/attachments/{attachment_id}/action': {
        'POST': (attachments.attachment_action, COMPLETE),
    },
    P + '/messages': {'GET': (messages.list_messages, MESSAGES)},
    P + '/messages/{message_id}': {
        'GET': (messages.show_message, MESSAGES),
        'DELETE': (messages.delete_message, MESSAGES),
    },
}


class Dispatcher:
    """Route a webob request to its handler; 400/404/405 as errors."""

    def __init__(self, declarations=None):
        self.declarations = declarations or ROUTE_DECLARATIONS
        self.mapper = routes.Mapper()
        for path in self.declarations:
            self.mapper.connect(path, path, route_path=path)

    def __call__(self, req):
        path = req.path_info or '/'
        if path.endswith('.json'):
            path = path[:-len('.json')]
        if len(path) > 1:
            path = path.rstrip('/')
        match = self.mapper.match(path)
        if match is None:
            raise errors.NotFound()
        methods = self.declarations[match.pop('route_path')]
        handler = methods.get(req.method)
        if handler is None and req.method == 'HEAD':
            handler = methods.get('GET')
        if handler is None:
            exc = errors.MethodNotAllowed(method=req.method)
            exc.headers = {'Allow': ', '.join(sorted(methods))}
            raise exc
        if isinstance(handler, tuple):
            handler, since = handler
            if req.environ['volume.microversion'] < since:
                raise errors.NotFound()
        project_id = match.get('project_id')
        if project_id is not None and \
                project_id != req.environ['volume.context'].project_id:
            raise errors.bad_request('Malformed request url')
        req.urlvars = match
        return handler(req)
