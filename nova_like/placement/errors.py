# SPDX-License-Identifier: Apache-2.0
"""HTTP errors of the Placement API, and its error codes.

The error codes are those upstream clients parse.
"""

import webob.exc

DEFAULT = 'placement.undefined_code'
INVENTORY_INUSE = 'placement.inventory.inuse'
CONCURRENT_UPDATE = 'placement.concurrent_update'
DUPLICATE_NAME = 'placement.duplicate_name'
PROVIDER_IN_USE = 'placement.resource_provider.inuse'
PROVIDER_CANNOT_DELETE_PARENT = (
    'placement.resource_provider.cannot_delete_parent')
RESOURCE_PROVIDER_NOT_FOUND = 'placement.resource_provider.not_found'
ILLEGAL_DUPLICATE_QUERYPARAM = 'placement.query.duplicate_key'
QUERYPARAM_BAD_VALUE = 'placement.query.bad_value'


class PlacementError(Exception):
    """An error answered as the JSON body {"errors": [...]}."""

    status = 500

    def __init__(self, detail, code=DEFAULT, headers=None):
        super().__init__(detail)
        self.detail = detail
        self.code = code
        self.headers = headers or {}

    @property
    def title(self):
        return webob.exc.status_map[self.status].title

    @property
    def explanation(self):
        return webob.exc.status_map[self.status].explanation


class BadRequest(PlacementError):
    status = 400


class Unauthorized(PlacementError):
    status = 401


class Forbidden(PlacementError):
    status = 403


class NotFound(PlacementError):
    status = 404


class MethodNotAllowed(PlacementError):
    status = 405


class NotAcceptable(PlacementError):
    status = 406


class Conflict(PlacementError):
    status = 409


class PayloadTooLarge(PlacementError):
    status = 413


def bad_input(exc):
    """The PlacementError of a wsgi_edge.BadInput."""
    return PayloadTooLarge(exc.message) if exc.status == 413 else \
        BadRequest(exc.message)


class UnsupportedMediaType(PlacementError):
    status = 415


class InternalError(PlacementError):
    status = 500


class ServiceUnavailable(PlacementError):
    status = 503


class ConcurrentUpdate(Conflict):
    """A generation did not match: someone else changed the thing first."""

    def __init__(self, detail):
        super().__init__(detail, code=CONCURRENT_UPDATE)


def provider_not_found(uuid):
    return NotFound('No resource provider with uuid %s found' % uuid,
                    code=RESOURCE_PROVIDER_NOT_FOUND)


def provider_generation_conflict(uuid):
    return ConcurrentUpdate(
        'resource provider generation conflict: resource provider %s was '
        'changed by another request; read it again and retry' % uuid)
