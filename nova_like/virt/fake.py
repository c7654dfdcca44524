# SPDX-License-Identifier: Apache-2.0
"""A fake hypervisor with real state: capacity from [fake_driver], guests held in memory.

It refuses a guest that does not fit in the host's free memory, disk or
(4x overcommitted) vCPUs, as a real hypervisor would, and fails spawns or
destroys on the hosts [fake_driver] names, so that the reschedule and error
paths run for real in tests.
"""

import json
import threading
import time

from nova_like.virt import power_state
from nova_like import conf
from nova_like import exception
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

    def _usage(self):
        guests = list(self._guests.values())
        return (sum(g['vcpus'] for g in guests),
                sum(g['memory_mb'] for g in guests),
                sum(g['disk_gb'] for g in guests))

    def get_available_resource(self, nodename):
        with self._lock:
            vcpus_used, memory_used, disk_used = self._usage()
        return {
            'vcpus': CONF.fake_driver.vcpus,
            'memory_mb': CONF.fake_driver.memory_mb,
            'local_gb': CONF.fake_driver.disk_gb,
            'vcpus_used': vcpus_used,
            'memory_mb_used': memory_used,
            'local_gb_used': disk_used,
            'hypervisor_type': 'fake',
            'hypervisor_version': 1000,
            'hypervisor_hostname': nodename,
            'cpu_info': json.dumps({'arch': 'x86_64', 'model': 'fake',
                                    'vendor': 'nova_like'}),
        }

    def list_instance_uuids(self):
        with self._lock:
            return list(self._guests)

    def spawn(self, context, instance, image):
        if self._host in CONF.fake_driver.fail_spawn_hosts:
            raise exception.HypervisorError(
                host=self._host, reason='spawn failed (injected fault: '
                '[fake_driver] fail_spawn_hosts)')
        flavor = instance.flavor
        guest = {'vcpus': flavor.vcpus, 'memory_mb': flavor.memory_mb,
                 'disk_gb': flavor.root_gb + flavor.ephemeral_gb,
                 'image_id': image.get('id') if image else None,
                 'power_state': power_state.RUNNING}
        with self._lock:
            vcpus, memory, disk = self._usage()
            free_memory = CONF.fake_driver.memory_mb - memory
            if guest['memory_mb'] > free_memory:
                raise exception.HypervisorError(
                    host=self._host, reason='not enough memory: %d MiB '
                    'asked, %d MiB free' % (guest['memory_mb'], free_memory))
            free_disk = CONF.fake_driver.disk_gb - disk
            if guest['disk_gb'] > free_disk:
                raise exception.HypervisorError(
                    host=self._host, reason='not enough disk: %d GiB asked, '
                    '%d GiB free' % (guest['disk_gb'], free_disk))
            if vcpus + guest['vcpus'] > CONF.fake_driver.vcpus * 4:
                raise exception.HypervisorError(
                    host=self._host, reason='too many vCPUs')
            # Reserve the capacity before the (slow) boot, as qemu would.
            guest['power_state'] = 0
            self._guests[instance.uuid] = guest
        if CONF.fake_driver.spawn_delay:
            time.sleep(CONF.fake_driver.spawn_delay)
        with self._lock:
            if instance.uuid in self._guests:
                self._guests[instance.uuid]['power_state'] = \
                    power_state.RUNNING

    def destroy(self, context, instance):
        if self._host in CONF.fake_driver.fail_destroy_hosts:
            raise exception.HypervisorError(
                host=self._host, reason='destroy failed (injected fault: '
                '[fake_driver] fail_destroy_hosts)')
        with self._lock:
            self._guests.pop(instance.uuid, None)

    def get_info(self, instance):
        """:returns: {'power_state': N}; NOSTATE for an unknown guest."""
        with self._lock:
            guest = self._guests.get(instance.uuid)
        return {'power_state': guest['power_state'] if guest
                else power_state.NOSTATE}

    def guest(self, instance_uuid):
        """The fake's record of a guest (for tests): image_id, sizes."""
        with self._lock:
            guest = self._guests.get(instance_uuid)
            return dict(guest) if guest else None
