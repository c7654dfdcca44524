# SPDX-License-Identifier: Apache-2.0
"""The os-hosts bodies: a host's services, and a compute host's resources."""


def _resource(host, project, cpu, memory_mb, disk_gb):
    return {'resource': {'host': host, 'project': project, 'cpu': cpu,
                         'memory_mb': memory_mb, 'disk_gb': disk_gb}}


def _sums(instances):
    cpu = sum(i.vcpus or 0 for i in instances)
    memory = sum(i.memory_mb or 0 for i in instances)
    disk = sum((i.root_gb or 0) + (i.ephemeral_gb or 0) for i in instances)
    return cpu, memory, disk


def resources(host, node, instances):
    """(total), (used_now), (used_max), then one entry per project with
    instances there, as Nova's os-hosts show."""
    body = [_resource(host, '(total)', node.vcpus, node.memory_mb,
                      node.local_gb),
            _resource(host, '(used_now)', node.vcpus_used,
                      node.memory_mb_used, node.local_gb_used),
            _resource(host, '(used_max)', *_sums(instances))]
    by_project = {}
    for instance in instances:
        by_project.setdefault(instance.project_id, []).append(instance)
    body.extend(_resource(host, project, *_sums(found))
                for project, found in sorted(by_project.items()))
    return body
