# SPDX-License-Identifier: Apache-2.0
"""Exceptions shared by every nova_like service.

Each has a message a human can act on.
"""


class NovaLikeException(Exception):
    """Base exception: formats msg_fmt with the keyword arguments given."""

    msg_fmt = 'An unknown error occurred.'
    code = 500

    def __init__(self, message=None, **kwargs):
        self.kwargs = kwargs
        if message is None:
            try:
                message = self.msg_fmt % kwargs
            except (KeyError, TypeError):
                message = self.msg_fmt
        self.message = message
        super().__init__(message)


def reason_of(exc):
    """What went wrong in exc, for a log line or a fault: never empty.

    The message of a NovaLikeException (or of any exception carrying one),
    else str(exc), else the exception's class name.
    """
    return getattr(exc, 'message', None) or str(exc) or type(exc).__name__


class ConfigError(NovaLikeException):
    msg_fmt = '%(option)s: %(reason)s'


class DBNotAllowed(NovaLikeException):
    msg_fmt = ('%(binary)s attempted direct database access, which is not '
               'allowed: it must go through the conductor')


class DBNotConfigured(NovaLikeException):
    msg_fmt = ('[%(group)s] connection is not set: this service needs that '
               'database')


class NotFound(NovaLikeException):
    msg_fmt = 'Resource could not be found.'
    code = 404


class ServiceNotFound(NotFound):
    msg_fmt = 'Service %(service_id)s could not be found.'


class HostBinaryNotFound(NotFound):
    msg_fmt = 'Could not find binary %(binary)s on host %(host)s.'


class ComputeHostNotFound(NotFound):
    msg_fmt = 'Compute host %(host)s could not be found.'


class ComputeNodeNotFound(NotFound):
    msg_fmt = 'Compute node %(node)s could not be found.'


class InstanceNotFound(NotFound):
    msg_fmt = 'Instance %(instance_id)s could not be found.'


class FlavorNotFound(NotFound):
    msg_fmt = 'Flavor %(flavor_id)s could not be found.'


class CellMappingNotFound(NotFound):
    msg_fmt = 'Cell %(uuid)s has no mapping.'


class HostMappingNotFound(NotFound):
    msg_fmt = 'Host %(name)s is not mapped to any cell'


class InstanceMappingNotFound(NotFound):
    msg_fmt = 'Instance %(uuid)s has no mapping to a cell.'


class BuildRequestNotFound(NotFound):
    msg_fmt = 'BuildRequest not found for instance %(uuid)s'


class RequestSpecNotFound(NotFound):
    msg_fmt = 'RequestSpec not found for instance %(instance_uuid)s'


class Conflict(NovaLikeException):
    msg_fmt = 'Conflict.'
    code = 409


class ObjectActionError(NovaLikeException):
    msg_fmt = 'Object action %(action)s failed because: %(reason)s'


class DuplicateEntry(Conflict):
    msg_fmt = '%(what)s already exists: %(detail)s'


class UnexpectedTaskStateError(Conflict):
    msg_fmt = ('Unexpected task state: expecting %(expected)s but the '
               'actual state is %(actual)s')


class UnexpectedDeletingTaskStateError(UnexpectedTaskStateError):
    pass


class NoValidHost(NovaLikeException):
    msg_fmt = 'No valid host was found. %(reason)s'


class RPCPinnedToOldVersion(NovaLikeException):
    msg_fmt = ('RPC is pinned to an old version: %(what)s needs RPC '
               '%(version)s')


class RPCUndeliverable(NovaLikeException):
    msg_fmt = ('%(method)s was not delivered: the message broker had no '
               'queue for topic %(topic)s for %(seconds)ss (no server of '
               'that topic runs, or none is back since the broker '
               'restarted)')
    code = 503


class PlacementUnavailable(NovaLikeException):
    msg_fmt = 'Placement is not reachable: %(reason)s'
    code = 503


class PlacementError(NovaLikeException):
    msg_fmt = 'Placement answered %(status)s to %(what)s: %(detail)s'


class HypervisorError(NovaLikeException):
    msg_fmt = 'Hypervisor on %(host)s: %(reason)s'


class Invalid(NovaLikeException):
    msg_fmt = 'Bad input: %(reason)s'
    code = 400


class Forbidden(NovaLikeException):
    msg_fmt = 'Forbidden.'
    code = 403


class PolicyNotAuthorized(Forbidden):
    msg_fmt = "Policy doesn't allow %(action)s to be performed."


class ImageNotFound(NotFound):
    msg_fmt = 'Image %(image_id)s could not be found.'


class ImageNotActive(Invalid):
    msg_fmt = 'Image %(image_id)s is not active.'


class ImageServiceError(NovaLikeException):
    msg_fmt = 'The image service answered %(status)s for %(what)s: %(detail)s'
    code = 503


class FlavorDiskSmallerThanImage(Invalid):
    msg_fmt = ('Flavor\'s disk is too small for requested image. Flavor disk '
               'is %(flavor_size)i bytes, image is %(image_size)i bytes.')


class FlavorDiskSmallerThanMinDisk(Invalid):
    msg_fmt = ('Flavor\'s disk is smaller than the minimum size specified in '
               'image metadata. Flavor disk is %(flavor_size)i bytes, minimum '
               'size is %(image_min_disk)i bytes.')


class FlavorMemoryTooSmall(Invalid):
    msg_fmt = 'Flavor\'s memory is too small for requested image.'


class FlavorExists(Conflict):
    msg_fmt = 'Flavor with %(what)s %(value)s already exists.'


class FlavorAccessExists(Conflict):
    msg_fmt = ('Flavor access already exists for flavor %(flavor_id)s and '
               'project %(project_id)s combination.')


class FlavorAccessNotFound(NotFound):
    msg_fmt = ('Flavor access not found for %(flavor_id)s / %(project_id)s '
               'combination.')


class FlavorExtraSpecsNotFound(NotFound):
    msg_fmt = ('Flavor %(flavor_id)s has no extra specs with key '
               '%(extra_specs_key)s.')


class MarkerNotFound(NotFound):
    msg_fmt = 'Marker %(marker)s could not be found.'


class InstanceInvalidState(Conflict):
    msg_fmt = ('Cannot \'%(method)s\' instance %(instance_uuid)s while it is '
               'in %(attr)s %(state)s')


class InvalidKeypair(Invalid):
    msg_fmt = '%(reason)s'


class KeyPairExists(Conflict):
    msg_fmt = "Key pair '%(key_name)s' already exists."


class KeypairNotFound(NotFound):
    msg_fmt = 'Keypair %(name)s not found for user %(user_id)s'


class OverQuota(Forbidden):
    """A request that would take a project over one of its limits."""
    msg_fmt = ('Quota exceeded for %(resource)s: Requested %(requested)d, '
               'but already used %(used)d of %(limit)d %(resource)s')


class QuotaValueBelowUsage(Invalid):
    msg_fmt = ('Quota limit %(limit)d for %(resource)s must be greater '
               'than or equal to already used and reserved %(used)d.')


class MetadataLimitExceeded(Forbidden):
    msg_fmt = 'Maximum number of metadata items exceeds %(allowed)d'


class AggregateNotFound(NotFound):
    msg_fmt = 'Aggregate %(aggregate_id)s could not be found.'


class AggregateNameExists(Conflict):
    msg_fmt = 'Aggregate %(aggregate_name)s already exists.'


class AggregateHostExists(Conflict):
    msg_fmt = ('Aggregate %(aggregate_id)s already has host %(host)s.')


class AggregateHostNotFound(NotFound):
    msg_fmt = 'Aggregate %(aggregate_id)s has no host %(host)s.'


class AggregateAZConflict(Conflict):
    msg_fmt = ('Cannot add host %(host)s to aggregate %(aggregate_id)s: it '
               'is in availability zone(s) %(zones)s already, and a host '
               'belongs to one zone only.')


class InstanceGroupNotFound(NotFound):
    msg_fmt = 'Instance group %(group_uuid)s could not be found.'


class ServiceInUse(Conflict):
    msg_fmt = ('Unable to delete compute service that is in use: host '
               '%(host)s has %(count)d instance(s).')


class InstanceActionNotFound(NotFound):
    msg_fmt = ('Action for request_id %(request_id)s on instance '
               '%(instance_uuid)s not found')


class InstanceActionEventNotFound(NotFound):
    msg_fmt = 'Event %(event)s not found for action id %(action_id)s'


class InstanceIsLocked(Conflict):
    msg_fmt = 'Instance %(instance_uuid)s is locked'


class InstanceNotReady(Conflict):
    msg_fmt = 'Instance %(instance_id)s is not ready: %(reason)s'


class ComputeServiceUnavailable(Invalid):
    msg_fmt = 'Compute service of %(host)s is unavailable at this time.'


class ComputeUnavailable(NovaLikeException):
    msg_fmt = ('Compute host %(host)s did not answer %(what)s within '
               '%(timeout)ss')
    code = 500


# The network service. Each crosses RPC (nova_like.exception is an allowed
# remote module) and maps to the Networking API's error of the same name.

class NetworkNotFound(NotFound):
    msg_fmt = 'Network %(net_id)s could not be found.'


class SubnetNotFound(NotFound):
    msg_fmt = 'Subnet %(subnet_id)s could not be found.'


class PortNotFound(NotFound):
    msg_fmt = 'Port %(port_id)s could not be found.'


class SecurityGroupNotFound(NotFound):
    msg_fmt = 'Security group %(id)s does not exist'


class SecurityGroupRuleNotFound(NotFound):
    msg_fmt = 'Security group rule %(id)s does not exist'


class NetworkInUse(Conflict):
    msg_fmt = ('Unable to complete operation on network %(net_id)s. There '
               'are one or more ports still in use on the network.')


class PortInUse(Conflict):
    msg_fmt = ('Unable to complete operation on port %(port_id)s for network '
               '%(net_id)s. Port already has an attached device '
               '%(device_id)s.')


class IpAddressAlreadyAllocated(Conflict):
    msg_fmt = ('IP address %(ip)s already allocated in subnet '
               '%(subnet_id)s')


class IpAddressGenerationFailure(Conflict):
    msg_fmt = ('No more IP addresses available on network %(net_id)s '
               '(subnet %(subnet)s is full).')


class NetworkAmbiguous(Conflict):
    msg_fmt = ('Multiple possible networks found, use a Network ID to be '
               'more specific.')


class NetworkRequiresSubnet(Invalid):
    msg_fmt = ('Network %(net_id)s requires a subnet in order to boot '
               'instances on.')


class PortBindingFailed(NovaLikeException):
    msg_fmt = 'Binding failed for port %(port_id)s: %(reason)s'


class InterfaceAttachFailed(NovaLikeException):
    msg_fmt = ('Failed to attach network adapter device to %(instance_uuid)s:'
               ' %(reason)s')


class InterfaceDetachFailed(NovaLikeException):
    msg_fmt = ('Failed to detach network adapter device from '
               '%(instance_uuid)s: %(reason)s')


# Volumes, as the compute side sees them (nova/volume/cinder.py's errors).

class VolumeNotFound(NotFound):
    msg_fmt = 'Volume %(volume_id)s could not be found.'


class VolumeAttachmentNotFound(NotFound):
    msg_fmt = 'Volume attachment %(attachment_id)s could not be found.'


class VolumeBDMNotFound(NotFound):
    msg_fmt = 'No volume Block Device Mapping with id %(volume_id)s.'


class InvalidVolume(Invalid):
    msg_fmt = 'Invalid volume: %(reason)s'


class VolumeServiceUnavailable(NovaLikeException):
    msg_fmt = 'The volume service is unavailable: %(reason)s'
    code = 503


class VolumeAttachFailed(NovaLikeException):
    msg_fmt = ('Volume %(volume_id)s could not be attached to '
               '%(instance_uuid)s: %(reason)s')


class VolumeDetachFailed(NovaLikeException):
    msg_fmt = ('Volume %(volume_id)s could not be detached from '
               '%(instance_uuid)s: %(reason)s')
