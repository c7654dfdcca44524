# SPDX-License-Identifier: Apache-2.0
"""THE route table of the Compute API, and the dispatcher that applies it."""

import routes
import webob.exc

from nova_like.api import errors
from nova_like.api.handlers import healthcheck
from nova_like.api.handlers import versions

# path -> {method: handler}. Handlers under /v2.1 run after authentication.
ROUTES = {
    '/': {'GET': versions.list_versions},
    '/healthcheck': {'GET': healthcheck.healthcheck},
    '/v2.1': {'GET': versions.show_v21},
    '/v2.1/': {'GET': versions.show_v21},
}

PUBLIC_PATHS = ('/', '/healthcheck', '/v2.1', '/v2.1/')


def make_mapper():
    mapper = routes.Mapper()
    for path in ROUTES:
        mapper.connect(path, route_path=path)
    return mapper


class Router:
    """Finds the handler for (path, method); 404/405 with Nova bodies."""

    def __init__(self):
        self.mapper = make_mapper()

    def __call__(self, environ, start_response):
        request = webob.Request(environ)
        match = self.mapper.match(environ=environ, url=request.path_info)
        if match is None:
            response = errors.fault_response(404, 'Not Found')
            return response(environ, start_response)
        methods = ROUTES[match.pop('route_path')]
        handler = methods.get(request.method)
        if handler is None:
            response = errors.fault_response(
                405, 'The method %s is not allowed for this resource.'
                % request.method, headers={'Allow': ', '.join(sorted(methods))})
            return response(environ, start_response)
        match.pop('controller', None)
        request.urlvars = match
        try:
            response = handler(request)
        except webob.exc.HTTPException as exc:
            response = errors.fault_response(exc.code, exc.explanation or
                                             exc.title, headers=None)
        return response(environ, start_response)
