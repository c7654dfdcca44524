# SPDX-License-Identifier: Apache-2.0
"""Networking API errors that never cross RPC.

Those that do (NetworkNotFound, PortInUse, IpAddressGenerationFailure...)
live in nova_like.exception; the API names every error by its class name
in the body {"NeutronError": {"type": ..., "message": ..., "detail": ""}}.
"""

from nova_like import exception


class BadRequest(exception.Invalid):
    """Invalid input naming the field: the API's HTTPBadRequest."""

    code = 400
    type_name = 'HTTPBadRequest'
    msg_fmt = "Invalid input for %(field)s. Reason: %(reason)s."


class MalformedRequest(exception.Invalid):
    """Input refused at the edge (wsgi_edge), before any field is read."""

    code = 400
    type_name = 'HTTPBadRequest'
    msg_fmt = '%(reason)s'


class RequestEntityTooLarge(exception.NovaLikeException):
    code = 413
    type_name = 'HTTPRequestEntityTooLarge'
    msg_fmt = '%(reason)s'


def bad_input(exc):
    """The error of a wsgi_edge.BadInput."""
    if exc.status == 413:
        return RequestEntityTooLarge(reason=exc.message)
    return MalformedRequest(reason=exc.message)


class Forbidden(exception.Forbidden):
    code = 403
    type_name = 'PolicyNotAuthorized'
    msg_fmt = "(rule:%(action)s) is disallowed by policy"


class NotFound(exception.NotFound):
    """A path the API does not have, or a resource hidden by policy."""

    code = 404
    type_name = 'HTTPNotFound'
    msg_fmt = 'The resource could not be found.'


class MethodNotAllowed(exception.NovaLikeException):
    code = 405
    type_name = 'HTTPMethodNotAllowed'
    msg_fmt = 'The method %(method)s is not allowed for this resource.'


class ServiceUnavailable(exception.NovaLikeException):
    code = 503
    type_name = 'HTTPServiceUnavailable'
    msg_fmt = ('The database is unreachable (its connection was lost); try '
               'again in a few seconds.')


class OverQuota(exception.Conflict):
    code = 409
    msg_fmt = 'Quota exceeded for resources: [%(overs)s].'


class MacAddressInUse(exception.Conflict):
    msg_fmt = ('Unable to complete operation for network %(net_id)s. The '
               'mac address %(mac)s is in use.')


class SubnetInUse(exception.Conflict):
    msg_fmt = ('Unable to complete operation on subnet %(subnet_id)s: one '
               'or more ports have an IP allocation from this subnet.')


class SecurityGroupInUse(exception.Conflict):
    msg_fmt = 'Security Group %(id)s in use.'


class SecurityGroupCannotRemoveDefault(exception.Conflict):
    msg_fmt = 'Insufficient rights for removing default security group.'


class SecurityGroupRuleExists(exception.Conflict):
    msg_fmt = 'Security group rule already exists. Rule id is %(rule_id)s.'


class SegmentationIdsExhausted(exception.Conflict):
    type_name = 'NoNetworkAvailable'
    msg_fmt = ('Unable to create the network. No %(network_type)s '
               'segmentation id is available%(where)s.')


class FlatNetworkInUse(exception.Conflict):
    msg_fmt = ('Unable to create the flat network. Physical network '
               '%(physical_network)s is in use.')


class SegmentationIdInUse(exception.Conflict):
    type_name = 'VlanIdInUse'
    msg_fmt = ('Unable to create the network. The %(network_type)s id '
               '%(segmentation_id)s on physical network '
               '%(physical_network)s is in use.')


def type_name(exc):
    """The NeutronError type of exc: its class name unless it says."""
    return getattr(exc, 'type_name', None) or type(exc).__name__


def bad_request(field, reason):
    return BadRequest(field=field, reason=reason)
