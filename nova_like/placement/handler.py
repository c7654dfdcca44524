# SPDX-License-Identifier: Apache-2.0
"""THE route table of the Placement API and the dispatcher that uses it.

Each route maps HTTP methods to a handler, or to a tuple of handlers with
disjoint microversion ranges (a behaviour that changed at a microversion is
a second function). A path that matches no route is 404; a method the
route does not have is 405 with an Allow header.
"""

import routes

from nova_like.placement import errors
from nova_like.placement.handlers import aggregate
from nova_like.placement.handlers import allocation
from nova_like.placement.handlers import allocation_candidate
from nova_like.placement.handlers import inventory
from nova_like.placement.handlers import reshaper
from nova_like.placement.handlers import resource_class
from nova_like.placement.handlers import resource_provider
from nova_like.placement.handlers import root
from nova_like.placement.handlers import trait
from nova_like.placement.handlers import usage

ROUTE_DECLARATIONS = {
    '/': {
        'GET': root.home,
    },
    '/resource_classes': {
        'GET': resource_class.list_resource_classes,
        'POST': resource_class.create_resource_class,
    },
    '/resource_classes/{name}': {
        'GET': resource_class.get_resource_class,
        'PUT': (resource_class.update_resource_class,
                resource_class.ensure_resource_class),
        'DELETE': resource_class.delete_resource_class,
    },
    '/resource_providers': {
        'GET': resource_provider.list_resource_providers,
        'POST': resource_provider.create_resource_provider,
    },
    '/resource_providers/{uuid}': {
        'GET': resource_provider.get_resource_provider,
        'DELETE': resource_provider.delete_resource_provider,
        'PUT': resource_provider.update_resource_provider,
    },
    '/resource_providers/{uuid}/inventories': {
        'GET': inventory.get_inventories,
        'POST': inventory.create_inventory,
        'PUT': inventory.set_inventories,
        'DELETE': inventory.delete_inventories,
    },
    '/resource_providers/{uuid}/inventories/{resource_class}': {
        'GET': inventory.get_inventory,
        'PUT': inventory.update_inventory,
        'DELETE': inventory.delete_inventory,
    },
    '/resource_providers/{uuid}/usages': {
        'GET': usage.list_provider_usages,
    },
    '/resource_providers/{uuid}/aggregates': {
        'GET': aggregate.get_aggregates,
        'PUT': aggregate.set_aggregates,
    },
    '/resource_providers/{uuid}/allocations': {
        'GET': allocation.list_for_resource_provider,
    },
    '/resource_providers/{uuid}/traits': {
        'GET': trait.list_provider_traits,
        'PUT': trait.update_provider_traits,
        'DELETE': trait.delete_provider_traits,
    },
    '/allocations': {
        'POST': allocation.set_allocations_for_consumers,
    },
    '/allocations/{consumer_uuid}': {
        'GET': allocation.list_for_consumer,
        'PUT': (allocation.set_allocations_v1_0,
                allocation.set_allocations),
        'DELETE': allocation.delete_allocations,
    },
    '/allocation_candidates': {
        'GET': allocation_candidate.list_allocation_candidates,
    },
    '/traits': {
        'GET': trait.list_traits,
    },
    '/traits/{name}': {
        'GET': trait.get_trait,
        'PUT': trait.put_trait,
        'DELETE': trait.delete_trait,
    },
    '/usages': {
        'GET': usage.get_total_usages,
    },
    '/reshaper': {
        'POST': reshaper.reshape,
    },
}


def variants(target):
    """The handlers behind one route and method, as a tuple."""
    return target if isinstance(target, tuple) else (target,)


def _choose(target, version):
    handlers = variants(target)
    for handler in handlers:
        if handler.min_version <= version <= handler.max_version:
            return handler
    # Let the first handler answer with its own 404 or 405.
    return handlers[0]


class Dispatcher:
    """Route a webob request to its handler; 404/405 as PlacementError."""

    def __init__(self, declarations=None):
        self.declarations = declarations or ROUTE_DECLARATIONS
        self.mapper = routes.Mapper()
        for path in self.declarations:
            self.mapper.connect(path, path, route_path=path)

    def __call__(self, req):
        match = self.mapper.match(req.path_info or '/')
        if match is None:
            raise errors.NotFound('The resource could not be found.')
        methods = self.declarations[match.pop('route_path')]
        target = methods.get(req.method)
        if target is None and req.method == 'HEAD':
            target = methods.get('GET')
        if target is None:
            allowed = ', '.join(sorted(methods))
            raise errors.MethodNotAllowed(
                'The method specified is not allowed for this resource.',
                headers={'Allow': allowed})
        req.urlvars = match
        return _choose(target, req.environ['placement.microversion'])(req)
