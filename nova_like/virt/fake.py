# SPDX-License-Identifier: Apache-2.0
"""A fake hypervisor with real state.

Its capacity comes from [fake_driver]; its guests are held in memory.

It refuses a guest that does not fit in the host's free memory, disk or
(4x overcommitted) vCPUs, as a real hypervisor would, and fails spawns or
destroys on the hosts [fake_driver] names, so that the reschedule and error
paths run for real in tests. Each guest has a power state that only moves
the way a real one can (a paused guest cannot be suspended from SHUTDOWN,
...), a console log that grows with every boot and shutdown, and
[fake_driver] fail_actions makes lifecycle calls fail on purpose.
"""

import json
import threading
import time

from nova_like.virt import power_state
from nova_like import conf
from nova_like import exception
from nova_like.virt import driver

CONF = conf.CONF
# The connection_info kinds the fake attaches (libvirt's, and its own).
VOLUME_KINDS = ('local', 'iscsi', 'fake')
MAX_VOLUMES = 25

# Lifecycle call -> (power states it may start from, power state it ends in).
_TRANSITIONS = {
    'power_off': ((power_state.RUNNING, power_state.PAUSED,
                   power_state.SUSPENDED, power_state.SHUTDOWN,
                   power_state.CRASHED), power_state.SHUTDOWN),
    'power_on': ((power_state.SHUTDOWN, power_state.CRASHED),
                 power_state.RUNNING),
    'pause': ((power_state.RUNNING,), power_state.PAUSED),
    'unpause': ((power_state.PAUSED,), power_state.RUNNING),
    'suspend': ((power_state.RUNNING, power_state.PAUSED),
                power_state.SUSPENDED),
    'resume': ((power_state.SUSPENDED,), power_state.RUNNING),
    'reboot_soft': ((power_state.RUNNING,), power_state.RUNNING),
    'reboot_hard': ((power_state.RUNNING, power_state.PAUSED,
                     power_state.SUSPENDED, power_state.SHUTDOWN,
                     power_state.CRASHED), power_state.RUNNING),
}
# What the guest's console says when something happens to it.
_BOOT = ('Booting %(hostname)s (fake kernel)', '%(hostname)s login:')
_CONSOLE = {
    'spawn': _BOOT,
    'power_on': _BOOT,
    'reboot_soft': ('%(hostname)s: Restarting system',) + _BOOT,
    'reboot_hard': _BOOT,
    'power_off': ('%(hostname)s: reached target Power-Off',),
    'suspend': ('%(hostname)s: PM: suspend to disk',),
    'resume': ('%(hostname)s: PM: resume from disk',),
    power_state.SHUTDOWN: ('%(hostname)s: reached target Power-Off',),
    power_state.CRASHED: ('%(hostname)s: Kernel panic - not syncing',),
}


_NO_TRAFFIC = {key: 0 for key in (
    'rx_octets', 'rx_errors', 'rx_drop', 'rx_packets', 'rx_rate',
    'tx_octets', 'tx_errors', 'tx_drop', 'tx_packets', 'tx_rate')}


class FakeDriver(driver.ComputeDriver):
    """One node per host, named after the host, with [fake_driver] capacity."""

    name = 'fake'

    def __init__(self):
        self._lock = threading.Lock()
        self._guests = {}
        self._host = None
        self._started = time.monotonic()
        # What a host's data plane would hold: bridge -> set of taps, and
        # the VXLAN peers each network was last told about.
        self.bridges = {}
        self.peers = {}
        # The security groups each plugged port enforces, and the members
        # of each remote group, as a host's firewall would hold them.
        self.port_rules = {}
        self.group_members = {}

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
                 'hostname': instance.hostname or instance.uuid,
                 'power_state': power_state.RUNNING, 'console': [],
                 'vifs': {}}
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
            for vif in driver.network_info_of(instance):
                self._plug(guest, vif)
        if CONF.fake_driver.spawn_delay:
            time.sleep(CONF.fake_driver.spawn_delay)
        with self._lock:
            if instance.uuid in self._guests:
                self._set_state(self._guests[instance.uuid],
                                power_state.RUNNING, 'spawn')

    def destroy(self, context, instance):
        if self._host in CONF.fake_driver.fail_destroy_hosts:
            raise exception.HypervisorError(
                host=self._host, reason='destroy failed (injected fault: '
                '[fake_driver] fail_destroy_hosts)')
        with self._lock:
            guest = self._guests.pop(instance.uuid, None)
            for vif in list(guest['vifs'].values()) if guest else []:
                self._unplug(guest, vif)

    def _plug(self, guest, vif):
        bridge = vif['network']['bridge']
        if vif['devname'] in self.bridges.get(bridge, ()):
            raise exception.HypervisorError(
                host=self._host, reason='tap %s is already plugged into %s'
                % (vif['devname'], bridge))
        self.bridges.setdefault(bridge, set()).add(vif['devname'])
        self.peers[vif['network']['id']] = list(vif['network']['peers'])
        self.port_rules[vif['id']] = vif.get('security_groups') or []
        guest['vifs'][vif['id']] = vif

    def _unplug(self, guest, vif):
        bridge = vif['network']['bridge']
        taps = self.bridges.get(bridge, set())
        taps.discard(vif['devname'])
        if not taps:
            # The last port on the network left: the bridge goes too.
            self.bridges.pop(bridge, None)
            self.peers.pop(vif['network']['id'], None)
        self.port_rules.pop(vif['id'], None)
        guest['vifs'].pop(vif['id'], None)

    def attach_interface(self, instance, vif):
        with self._lock:
            guest = self._guests.get(instance.uuid)
            if guest is None:
                raise exception.HypervisorError(
                    host=self._host, reason='guest %s does not exist'
                    % instance.uuid)
            if vif['id'] not in guest['vifs']:
                self._plug(guest, vif)

    def detach_interface(self, instance, vif):
        with self._lock:
            guest = self._guests.get(instance.uuid)
            if guest is not None and vif['id'] in guest['vifs']:
                self._unplug(guest, guest['vifs'][vif['id']])

    # Volumes: a guest has at most MAX_VOLUMES, as virtio has letters.

    def get_volume_connector(self, instance):
        return {'host': self._host, 'ip': '127.0.0.1',
                'initiator': 'iqn.2008-11.org.linux-kvm:%s' % self._host,
                'multipath': False, 'platform': 'x86_64',
                'os_type': 'linux'}

    def attach_volume(self, instance, connection_info, device_name):
        kind = (connection_info or {}).get('driver_volume_type')
        data = (connection_info or {}).get('data') or {}
        with self._lock:
            guest = self._guests.get(instance.uuid)
            if guest is None:
                raise exception.HypervisorError(
                    host=self._host, reason='guest %s does not exist'
                    % instance.uuid)
            volumes = guest.setdefault('volumes', {})
            if kind not in VOLUME_KINDS:
                raise exception.HypervisorError(
                    host=self._host, reason='driver_volume_type %r is not '
                    'one this host attaches (%s)' % (
                        kind, ', '.join(VOLUME_KINDS)))
            if device_name in volumes:
                raise exception.HypervisorError(
                    host=self._host, reason='guest %s already has a disk at '
                    '%s' % (instance.uuid, device_name))
            if len(volumes) >= MAX_VOLUMES:
                raise exception.HypervisorError(
                    host=self._host, reason='guest %s has %d volumes, the '
                    'most it can have' % (instance.uuid, MAX_VOLUMES))
            volumes[device_name] = {'volume_id': data.get('volume_id'),
                                    'connection_info': connection_info}

    def detach_volume(self, instance, connection_info, device_name):
        with self._lock:
            guest = self._guests.get(instance.uuid)
            if guest is not None:
                guest.get('volumes', {}).pop(device_name, None)

    def refresh_network(self, network):
        with self._lock:
            if network['bridge'] in self.bridges:
                self.peers[network['id']] = list(network['peers'])

    def refresh_port_rules(self, vifs):
        with self._lock:
            for vif in vifs:
                if vif['id'] in self.port_rules:
                    self.port_rules[vif['id']] = vif.get(
                        'security_groups') or []

    def refresh_security_group_members(self, group_id, addresses):
        with self._lock:
            self.group_members[group_id] = list(addresses)

    def get_info(self, instance):
        """:returns: {'power_state': N}; NOSTATE for an unknown guest."""
        with self._lock:
            guest = self._guests.get(instance.uuid)
        return {'power_state': guest['power_state'] if guest
                else power_state.NOSTATE}

    def guest(self, instance_uuid):
        """The fake's record of a guest (for tests): image_id, sizes,
        vifs (port id -> VIF)."""
        with self._lock:
            guest = self._guests.get(instance_uuid)
            return dict(guest) if guest else None

    # Lifecycle

    @staticmethod
    def _set_state(guest, state, happening):
        guest['power_state'] = state
        guest['console'].extend(line % guest
                                for line in _CONSOLE.get(happening, ()))

    def _transition(self, instance, action):
        """Move the guest as action does; refuse what a guest cannot do."""
        name = 'reboot' if action.startswith('reboot') else action
        if name in CONF.fake_driver.fail_actions:
            raise exception.HypervisorError(
                host=self._host, reason='%s of %s failed (injected fault: '
                '[fake_driver] fail_actions)' % (name, instance.uuid))
        allowed, new_state = _TRANSITIONS[action]
        with self._lock:
            guest = self._guests.get(instance.uuid)
            if guest is None:
                raise exception.InstanceNotFound(instance_id=instance.uuid)
            current = guest['power_state']
            if current not in allowed:
                raise exception.HypervisorError(
                    host=self._host, reason='cannot %s guest %s: it is %s'
                    % (name, instance.uuid,
                       power_state.STATE_MAP.get(current, current)))
            if current != new_state or name == 'reboot':
                self._set_state(guest, new_state, action)

    def reboot(self, context, instance, reboot_type):
        self._transition(instance, 'reboot_' + reboot_type.lower())

    def power_off(self, instance, timeout=0):
        self._transition(instance, 'power_off')

    def power_on(self, context, instance):
        self._transition(instance, 'power_on')

    def pause(self, instance):
        self._transition(instance, 'pause')

    def unpause(self, instance):
        self._transition(instance, 'unpause')

    def suspend(self, context, instance):
        self._transition(instance, 'suspend')

    def resume(self, context, instance):
        self._transition(instance, 'resume')

    def get_host_uptime(self):
        """Up since this driver started; no users, no load."""
        minutes = int(time.monotonic() - self._started) // 60
        return (' %s up %d:%02d,  0 users,  load average: 0.00, 0.00, 0.00\n'
                % (time.strftime('%H:%M:%S'), minutes // 60, minutes % 60))

    def get_console_output(self, context, instance):
        if 'get_console_output' in CONF.fake_driver.fail_actions:
            raise exception.HypervisorError(
                host=self._host, reason='get_console_output of %s failed '
                '(injected fault: [fake_driver] fail_actions)'
                % instance.uuid)
        with self._lock:
            guest = self._guests.get(instance.uuid)
            if guest is None:
                raise exception.InstanceNotFound(instance_id=instance.uuid)
            return ''.join(line + '\n' for line in guest['console'])

    def get_diagnostics(self, instance):
        """Made-up counters in Nova's standard shape; as Nova's fake
        driver, it says driver 'libvirt' (the API's schema knows no fake
        one), hypervisor 'fake'."""
        with self._lock:
            guest = self._guests.get(instance.uuid)
            if guest is None:
                raise exception.InstanceNotFound(instance_id=instance.uuid)
            guest = dict(guest)
        macs = [vif.get('address') for vif in guest['vifs'].values()]
        return {
            'state': power_state.STATE_MAP[guest['power_state']],
            'driver': 'libvirt', 'hypervisor': 'fake',
            'hypervisor_os': 'linux', 'uptime': 0, 'config_drive': False,
            'num_cpus': guest['vcpus'], 'num_nics': len(macs),
            'num_disks': 1,
            'memory_details': {'maximum': guest['memory_mb'], 'used': 0},
            'cpu_details': [{'id': index, 'time': 0, 'utilisation': 0}
                            for index in range(guest['vcpus'])],
            'nic_details': [dict(_NO_TRAFFIC, mac_address=mac)
                            for mac in macs],
            'disk_details': [{'read_bytes': 0, 'read_requests': 0,
                              'write_bytes': 0, 'write_requests': 0,
                              'errors_count': 0}],
        }

    def stop_behind_our_back(self, instance_uuid,
                             state=power_state.SHUTDOWN):
        """Test hook: the guest changes power state by itself (a shutdown
        from inside, a crash), and the hypervisor reports the event."""
        with self._lock:
            self._set_state(self._guests[instance_uuid], state, state)
        self.emit_event(instance_uuid, state)
