# SPDX-License-Identifier: Apache-2.0
"""A fake hypervisor with real state: capacity from [fake_driver], guests held in memory."""

import json
import threading

from nova_like import conf
from nova_like.virt import driver

CONF = conf.CONF


class FakeDriver(driver.ComputeDriver):
    """One node per host, named after the host, with [fake_driver] capacity."""

    name = 'fake'

    def __init__(self):
        self._lock = threading.Lock()
        self._guests = {}
        self._host = None

    def init_host(self, host):
        self._host = host

    def get_available_nodes(self):
        return [self._host]

    def get_available_resource(self, nodename):
        with self._lock:
            guests = list(self._guests.values())
        return {
            'vcpus': CONF.fake_driver.vcpus,
            'memory_mb': CONF.fake_driver.memory_mb,
            'local_gb': CONF.fake_driver.disk_gb,
            'vcpus_used': sum(g['vcpus'] for g in guests),
            'memory_mb_used': sum(g['memory_mb'] for g in guests),
            'local_gb_used': sum(g['disk_gb'] for g in guests),
            'hypervisor_type': 'fake',
            'hypervisor_version': 1000,
            'hypervisor_hostname': nodename,
            'cpu_info': json.dumps({'arch': 'x86_64', 'model': 'fake',
                                    'vendor': 'nova_like'}),
        }

    def list_instance_uuids(self):
        with self._lock:
            return list(self._guests)
