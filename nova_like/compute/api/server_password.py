# SPDX-License-Identifier: Apache-2.0
"""A server's encrypted admin password, as the guest posted it.

Kept as Nova keeps it: in system_metadata, password_0..password_3 of up to
255 characters each. nova_like's metadata service takes no password posts
yet, so a password is '' until one does; clearing works either way.
"""

from nova_like import context as nl_context

_CHUNKS = 4


def _keys():
    return ['password_%d' % index for index in range(_CHUNKS)]


def get(instance):
    """The encrypted password, '' when there is none."""
    sysmeta = instance.system_metadata or {}
    return ''.join(sysmeta.get(key) or '' for key in _keys())


def clear(context, instance):
    """Forget the password (the guest's own is unchanged)."""
    if not instance.obj_attr_is_set('id'):
        return  # still a build request: no password yet
    sysmeta = dict(instance.system_metadata or {})
    if not any(key in sysmeta for key in _keys()):
        return
    for key in _keys():
        sysmeta.pop(key, None)
    with nl_context.target_cell(context, instance.cell_mapping) as cctx:
        instance._context = cctx
        instance.system_metadata = sysmeta
        instance.save()
