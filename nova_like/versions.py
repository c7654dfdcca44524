# SPDX-License-Identifier: Apache-2.0
"""The one table of RPC API and object versions, per release.

Every rpcapi.py's RPC_API_VERSION, every manager's target, and every
registered object's VERSION must agree with RELEASES[CURRENT]; a unit test
checks it. [upgrade_levels] <service> = <release> caps a client at the RPC
version of that release.
"""

CURRENT = '2026.2'

RELEASES = {
    '2026.2': {
        'rpc': {
            'compute': '1.5',
            'conductor': '1.0',
            'network': '1.3',
            'scheduler': '1.0',
            'volume': '1.1',
        },
        'objects': {
            'BlockDeviceMapping': '1.0',
            'BlockDeviceMappingList': '1.0',
            'BuildRequest': '1.1',
            'BuildRequestList': '1.0',
            'CellMapping': '1.0',
            'CellMappingList': '1.0',
            'ComputeNode': '1.0',
            'ComputeNodeList': '1.0',
            'Flavor': '1.0',
            'FlavorList': '1.0',
            'HostMapping': '1.0',
            'HostMappingList': '1.0',
            'Instance': '1.1',
            'InstanceAction': '1.0',
            'InstanceActionEvent': '1.0',
            'InstanceActionEventList': '1.0',
            'InstanceActionList': '1.0',
            'InstanceFault': '1.0',
            'InstanceFaultList': '1.0',
            'InstanceGroup': '1.0',
            'InstanceGroupList': '1.0',
            'InstanceList': '1.0',
            'InstanceMapping': '1.1',
            'RequestSpec': '1.2',
            'Selection': '1.0',
            'Service': '1.0',
            'ServiceList': '1.0',
        },
    },
}


def rpc_version(service):
    """The RPC API version of service in the current release."""
    return RELEASES[CURRENT]['rpc'][service]


def version_cap(service, level):
    """Translate an [upgrade_levels] value into an RPC version cap.

    :param level: None, a release name from RELEASES, or a version string.
    :returns: the version to cap at, or None for no cap.
    :raises: ValueError when level is neither.
    """
    if not level:
        return None
    if level in RELEASES:
        return RELEASES[level]['rpc'][service]
    parts = level.split('.')
    # A release name (2026.2) looks like a version; versions have a short
    # major number.
    if (len(parts) == 2 and all(p.isdigit() for p in parts)
            and len(parts[0]) < 4):
        return level
    raise ValueError('[upgrade_levels] %s = %s is neither a release (%s) nor '
                     'a version like 1.0' % (service, level,
                                              ', '.join(sorted(RELEASES))))
