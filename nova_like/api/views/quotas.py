# SPDX-License-Identifier: Apache-2.0
"""Quota sets and absolute limits in the shape of each microversion."""

from nova_like.api import microversion

_NETWORK = ('fixed_ips', 'floating_ips', 'security_group_rules',
            'security_groups')
_FILES = ('injected_file_content_bytes', 'injected_file_path_bytes',
          'injected_files')


def shown_resources(request, resources):
    """resources less those the request's microversion no longer shows."""
    hidden = set()
    if microversion.at_least(request, '2.36'):
        hidden.update(_NETWORK)
    if microversion.at_least(request, '2.57'):
        hidden.update(_FILES)
    return [r for r in resources if r not in hidden]


def quota_set(request, project_id, limits, usage=None):
    """{'id': project, resource: limit, ...}; with usage, the /detail shape
    ({resource: {limit, in_use, reserved}})."""
    body = {'id': project_id} if project_id else {}
    for resource in shown_resources(request, sorted(limits)):
        if usage is None:
            body[resource] = limits[resource]
        else:
            body[resource] = {'limit': limits[resource],
                              'in_use': usage.get(resource, 0),
                              'reserved': 0}
    return {'quota_set': body}


def absolute_limits(request, limits, usage):
    """The 'absolute' block of GET /limits."""
    body = {
        'maxTotalCores': limits['cores'],
        'maxTotalInstances': limits['instances'],
        'maxTotalKeypairs': limits['key_pairs'],
        'maxServerMeta': limits['metadata_items'],
        'maxTotalRAMSize': limits['ram'],
        'maxServerGroups': limits['server_groups'],
        'maxServerGroupMembers': limits['server_group_members'],
        'totalRAMUsed': usage['ram'],
        'totalCoresUsed': usage['cores'],
        'totalInstancesUsed': usage['instances'],
        'totalServerGroupsUsed': usage['server_groups'],
    }
    if not microversion.at_least(request, '2.36'):
        body.update(maxTotalFloatingIps=limits['floating_ips'],
                    maxSecurityGroups=limits['security_groups'],
                    maxSecurityGroupRules=limits['security_group_rules'],
                    totalFloatingIpsUsed=0, totalSecurityGroupsUsed=0)
    if not microversion.at_least(request, '2.39'):
        body['maxImageMeta'] = limits['metadata_items']
    if not microversion.at_least(request, '2.57'):
        body.update(maxPersonality=limits['injected_files'],
                    maxPersonalitySize=limits['injected_file_content_bytes'])
    return body
