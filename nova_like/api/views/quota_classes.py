# SPDX-License-Identifier: Apache-2.0
"""Quota class sets in the shape of each microversion."""

from nova_like.api import microversion

_NETWORK = ('fixed_ips', 'floating_ips', 'security_group_rules',
            'security_groups')
_FILES = ('injected_file_content_bytes', 'injected_file_path_bytes',
          'injected_files')
# Not shown below 2.50 (a bug of Nova's v2.1 API that the version fixed).
_SERVER_GROUPS = ('server_group_members', 'server_groups')


def quota_class_set(request, name, limits):
    """{'quota_class_set': {'id': name, resource: limit}}; no id when name
    is None (an update's answer)."""
    hidden = set()
    if microversion.at_least(request, '2.50'):
        hidden.update(_NETWORK)
    else:
        hidden.update(_SERVER_GROUPS)
    if microversion.at_least(request, '2.57'):
        hidden.update(_FILES)
    body = {'id': name} if name is not None else {}
    body.update((resource, limit) for resource, limit in
                sorted(limits.items()) if resource not in hidden)
    return {'quota_class_set': body}
