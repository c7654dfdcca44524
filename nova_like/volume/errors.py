# SPDX-License-Identifier: Apache-2.0
"""Block Storage API errors, with Cinder's fault names and messages.

The body is {"<fault name>": {"message": ..., "code": ...}}; the fault
name follows the status (badRequest, itemNotFound, overLimit...).
"""

from nova_like import exception

FAULT_NAMES = {400: 'badRequest', 401: 'unauthorized', 403: 'forbidden',
               404: 'itemNotFound', 405: 'badMethod',
               406: 'notAcceptable', 409: 'conflictingRequest',
               413: 'overLimit', 415: 'badMediaType',
               501: 'notImplemented', 503: 'serviceUnavailable'}


def fault_name(code):
    return FAULT_NAMES.get(code, 'computeFault')


class BadRequest(exception.Invalid):
    code = 400
    msg_fmt = 'Invalid input received: %(reason)s'


class Forbidden(exception.Forbidden):
    code = 403
    msg_fmt = "Policy doesn't allow %(action)s to be performed."


class NotFound(exception.NotFound):
    code = 404
    msg_fmt = 'The resource could not be found.'


class VolumeNotFound(NotFound):
    msg_fmt = 'Volume %(volume_id)s could not be found.'


class SnapshotNotFound(NotFound):
    msg_fmt = 'Snapshot %(snapshot_id)s could not be found.'


class VolumeTypeNotFound(NotFound):
    msg_fmt = 'Volume type %(volume_type_id)s could not be found.'


class VolumeTypeNotFoundByName(NotFound):
    msg_fmt = 'Volume type with name %(volume_type_name)s could not be found.'


class ExtraSpecNotFound(NotFound):
    msg_fmt = ('Volume Type %(volume_type_id)s has no extra specs with key '
               '%(extra_specs_key)s.')


class AttachmentNotFound(NotFound):
    msg_fmt = ('Volume attachment could not be found with filter: '
               'attachment_id = %(attachment_id)s.')


class MetadataNotFound(NotFound):
    msg_fmt = 'Metadata item was not found'


class MethodNotAllowed(exception.NovaLikeException):
    code = 405
    msg_fmt = 'The method %(method)s is not allowed for this resource.'


class NotAcceptable(exception.NovaLikeException):
    code = 406
    msg_fmt = ('Version %(req_ver)s is not supported by the API. Minimum is '
               '%(min_ver)s and maximum is %(max_ver)s.')


class InvalidVolume(BadRequest):
    msg_fmt = 'Invalid volume: %(reason)s'


class InvalidSnapshot(BadRequest):
    msg_fmt = 'Invalid snapshot: %(reason)s'


class InvalidAttachment(BadRequest):
    msg_fmt = 'Invalid attachment: %(reason)s'


class InvalidVolumeType(BadRequest):
    msg_fmt = 'Invalid volume type: %(reason)s'


class Conflict(exception.Conflict):
    code = 409
    msg_fmt = 'Conflict: %(reason)s'


class VolumeTypeExists(Conflict):
    msg_fmt = 'Volume Type %(id)s already exists.'


class VolumeTypeInUse(BadRequest):
    msg_fmt = ('Volume Type %(volume_type_id)s deletion is not allowed with '
               'volumes present with the type.')


class OverQuota(exception.NovaLikeException):
    code = 413


class VolumeLimitExceeded(OverQuota):
    msg_fmt = ("VolumeLimitExceeded: Maximum number of volumes allowed "
               "(%(allowed)d) exceeded for quota '%(name)s'.")


class SnapshotLimitExceeded(OverQuota):
    msg_fmt = ("SnapshotLimitExceeded: Maximum number of snapshots allowed "
               "(%(allowed)d) exceeded")


class VolumeSizeExceedsAvailableQuota(OverQuota):
    msg_fmt = ('VolumeSizeExceedsAvailableQuota: Requested volume or '
               'snapshot exceeds allowed %(name)s quota. Requested '
               '%(requested)sG, quota is %(quota)sG and %(consumed)sG has '
               'been consumed.')


class VolumeSizeExceedsLimit(OverQuota):
    msg_fmt = ('VolumeSizeExceedsLimit: Requested volume size %(size)dG is '
               'larger than maximum allowed limit %(limit)dG.')


class ServiceUnavailable(exception.NovaLikeException):
    code = 503
    msg_fmt = ('The database is unreachable (its connection was lost); try '
               'again in a few seconds.')


class VolumeHostUnavailable(exception.NovaLikeException):
    code = 503
    msg_fmt = '%(reason)s'


def bad_request(reason):
    return BadRequest(reason=reason)


class RequestTooLarge(exception.NovaLikeException):
    code = 413
    msg_fmt = '%(reason)s'


def bad_input(exc):
    """The error of a wsgi_edge.BadInput."""
    if exc.status == 413:
        return RequestTooLarge(reason=exc.message)
    return bad_request(exc.message)
