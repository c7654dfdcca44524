# SPDX-License-Identifier: Apache-2.0
"""LibvirtDriver: guests as libvirt domains, disks as qcow2 overlays.

The overlays sit on a per-host image cache.

Each guest has a directory <instances_path>/<uuid> holding its root
overlay (disk), ephemeral disk (disk.eph0), config drive (disk.config),
serial console log (console.log), domain XML (libvirt.xml) and the list of
cache entries it uses (disk.info). The domain is named instance-<uuid> and
carries the instance's uuid. Destroying a guest removes the domain and the
whole directory. A failed spawn cleans up after itself, including cache
entries it downloaded that no other guest uses, and raises HypervisorError
with a reason written for the server's fault.

Power-state changes the guest makes on its own (it shut itself down,
crashed) come from libvirt's lifecycle events and go to emit_event; those
during an operation of this driver are not reported, as the caller sets
the resulting state itself.
"""

import contextlib
import logging
import os
import shutil
import subprocess
import threading
import time

import libvirt

from nova_like import conf
from nova_like import exception
from nova_like.clients import glance as glance_client
from nova_like.virt import driver
from nova_like.virt import power_state
from nova_like.virt.libvirt import blockinfo
from nova_like.virt.libvirt import config
from nova_like.virt.libvirt import configdrive
from nova_like.virt.libvirt import diagnostics
from nova_like.virt.libvirt import events
from nova_like.virt.libvirt import host as host_mod
from nova_like.virt.libvirt import imagecache
from nova_like.virt.libvirt import images
from nova_like.virt.libvirt import vif as vif_mod
from nova_like.virt.libvirt import volume as volume_mod

CONF = conf.CONF
LOG = logging.getLogger(__name__)

GiB = images.GiB
DOMAIN_PREFIX = 'instance-'
_SUPPORTED_FORMATS = ('raw', 'qcow2')
_DETACH_TIMEOUT = 30
# The files spawn makes in the instance directory: part of the guest, never
# detached like a volume.
_OWN_DISKS = {'disk': 'root disk', 'disk.eph0': 'ephemeral disk',
              'disk.config': 'config drive'}
_SHUTDOWN_RETRY = 10


def _field(instance, name):
    return getattr(instance, name) if instance.obj_attr_is_set(name) \
        else None


class SpawnError(Exception):
    """A guest cannot be built; the message is the fault's reason."""


class LibvirtDriver(driver.ComputeDriver):
    """One node per compute host, named [DEFAULT] host."""

    name = 'libvirt'

    # Seconds after one of our own operations during which lifecycle
    # events of that guest are still ours: libvirt delivers them
    # asynchronously, often after the call that caused them returned.
    event_grace = 2.0

    def __init__(self, glance=None):
        self._host_name = None
        self._glance = glance
        self._busy = {}
        self._busy_lock = threading.Lock()
        self._last_cache_clean = 0.0
        self.host = None
        self.imagecache = None

    # host

    def init_host(self, host):
        self._host_name = host
        self.instances_path = os.path.abspath(CONF.libvirt.instances_path)
        os.makedirs(self.instances_path, exist_ok=True)
        self.imagecache = imagecache.ImageCache(
            self.instances_path, CONF.libvirt.image_cache_subdirectory_name,
            self._glance or glance_client.GlanceClient())
        self.host = host_mod.Host(CONF.libvirt.connection_uri, host,
                                  on_lifecycle=self._lifecycle_event)
        self.host.get_connection()
        LOG.info('libvirt driver on %s: %s, instances in %s', host,
                 CONF.libvirt.connection_uri, self.instances_path)

    def cleanup_host(self):
        if self.host is not None:
            self.host.close()

    def get_available_nodes(self):
        return [self._host_name]

    def _our_domains(self):
        return [dom for dom in self.host.list_domains()
                if dom.name().startswith(DOMAIN_PREFIX)
                and os.path.isdir(self._instance_dir(dom.UUIDString()))]

    def list_instance_uuids(self):
        return [dom.UUIDString() for dom in self._our_domains()]

    def get_available_resource(self, nodename):
        self._maybe_clean_image_cache()
        arch, memory_mb, cpus = self.host.node_info()
        vcpus_used = memory_used = 0
        for dom in self._our_domains():
            _, max_mem_kib, _, dom_vcpus, _ = dom.info()
            vcpus_used += dom_vcpus
            memory_used += max_mem_kib // 1024
        disk = os.statvfs(self.instances_path)
        total_gb = disk.f_blocks * disk.f_frsize // GiB
        free_gb = disk.f_bavail * disk.f_frsize // GiB
        return {
            'vcpus': cpus,
            'memory_mb': memory_mb,
            'local_gb': total_gb,
            'vcpus_used': vcpus_used,
            'memory_mb_used': memory_used,
            'local_gb_used': total_gb - free_gb,
            'hypervisor_type': 'QEMU',
            'hypervisor_version': self.host.version(),
            'hypervisor_hostname': nodename,
            'cpu_info': host_mod.cpu_info_json(self.host.cpu_info()),
        }

    def get_traits(self, nodename):
        """Traits of nodename for Placement: its CPU's features."""
        return self.host.cpu_traits()

    def _maybe_clean_image_cache(self):
        interval = CONF.libvirt.image_cache_manager_interval
        if interval < 0 or not CONF.libvirt.remove_unused_base_images:
            return
        now = time.monotonic()
        if now - self._last_cache_clean < interval:
            return
        self._last_cache_clean = now
        try:
            self.imagecache.clean(
                CONF.libvirt.remove_unused_original_minimum_age_seconds)
        except OSError:
            LOG.exception('Image cache cleaner failed')

    # events

    @contextlib.contextmanager
    def _operation(self, instance):
        """Hold back lifecycle events of instance while we change it."""
        with self._busy_lock:
            self._busy[instance.uuid] = None
        try:
            yield
        finally:
            with self._busy_lock:
                self._busy[instance.uuid] = time.monotonic()

    def _lifecycle_event(self, uuid, event, detail):
        state = events.lifecycle_power_state(event, detail)
        if state is None or not os.path.isdir(self._instance_dir(uuid)):
            return
        with self._busy_lock:
            if uuid in self._busy:
                ended = self._busy[uuid]
                if ended is None or \
                        time.monotonic() - ended < self.event_grace:
                    return
                del self._busy[uuid]
        LOG.info('Guest %s changed power state on its own: %s', uuid,
                 power_state.STATE_MAP.get(state, state))
        self.emit_event(uuid, state)

    # files

    def _instance_dir(self, uuid):
        return os.path.join(self.instances_path, uuid)

    def _path(self, instance, name):
        return os.path.join(self._instance_dir(instance.uuid), name)

    # spawn

    def spawn(self, context, instance, image):
        fetched = []
        with self._operation(instance):
            try:
                self._spawn(context, instance, image or {}, fetched)
            except Exception as exc:
                reason = self._reason(exc)
                LOG.warning('Spawn of %s failed: %s', instance.uuid, reason)
                self._remove_guest(instance)
                self.imagecache.discard(fetched, exclude=instance.uuid)
                raise exception.HypervisorError(
                    host=self._host_name, reason=reason) from exc

    @staticmethod
    def _reason(exc):
        if isinstance(exc, libvirt.libvirtError):
            return 'libvirt: %s' % exc.get_error_message()
        return exception.reason_of(exc)

    def _fetch(self, context, image_id, what, fetched, image=None):
        try:
            path, downloaded = self.imagecache.fetch(context, image_id,
                                                     image=image)
        except exception.ImageNotFound as exc:
            raise SpawnError('%s %s could not be found in Glance'
                             % (what, image_id)) from exc
        except exception.ImageServiceError as exc:
            raise SpawnError('could not download %s %s: %s'
                             % (what, image_id, exc.message)) from exc
        if downloaded:
            fetched.append(image_id)
        return path

    def _spawn(self, context, instance, image, fetched):
        if not image.get('id'):
            raise SpawnError('the libvirt driver boots only from an image')
        props = image.get('properties') or {}
        flavor = instance.flavor
        fmt = image.get('disk_format') or 'raw'
        if fmt not in _SUPPORTED_FORMATS:
            raise SpawnError('image %s has disk_format %s; the libvirt '
                             'driver boots %s' % (image['id'], fmt,
                                                  ' or '.join(
                                                      _SUPPORTED_FORMATS)))
        root_bytes = flavor.root_gb * GiB
        if root_bytes and (image.get('size') or 0) > root_bytes and \
                fmt == 'raw':
            raise SpawnError(self._too_large(image, image['size'], flavor))
        kernel = ramdisk = None
        if props.get('kernel_id'):
            kernel = self._fetch(context, props['kernel_id'],
                                 'kernel image', fetched)
            if not images.is_linux_kernel(kernel):
                raise SpawnError('kernel image %s of image %s is not a '
                                 'bootable Linux kernel'
                                 % (props['kernel_id'], image['id']))
            if props.get('ramdisk_id'):
                ramdisk = self._fetch(context, props['ramdisk_id'],
                                      'ramdisk image', fetched)
        base = self._fetch(context, image['id'], 'image', fetched,
                           image=image)
        try:
            facts = images.info(base, fmt)
        except images.ImageError as exc:
            raise SpawnError('image %s is not a valid %s image: %s'
                             % (image['id'], fmt, exc)) from exc
        if facts.get('backing-filename'):
            raise SpawnError('image %s has a backing file; Glance images '
                             'must stand alone' % image['id'])
        virtual = facts['virtual-size']
        if root_bytes and virtual > root_bytes:
            raise SpawnError(self._too_large(image, virtual, flavor))
        if kernel is None and not images.has_boot_sector(base, fmt):
            raise SpawnError(
                'image %s is not bootable: it names no kernel_id and its '
                'disk has no boot sector' % image['id'])

        os.makedirs(self._instance_dir(instance.uuid), exist_ok=True)
        imagecache.write_disk_info(
            self._instance_dir(instance.uuid),
            [i for i in (image['id'], props.get('kernel_id'),
                         props.get('ramdisk_id')) if i])
        bus = props.get('hw_disk_bus') or CONF.libvirt.disk_bus
        machine = props.get('hw_machine_type')
        root = self._path(instance, 'disk')
        images.create_overlay(base, fmt, root, root_bytes or None)
        disks = []
        self._add_disk(disks, root, bus)
        if flavor.ephemeral_gb:
            eph = self._path(instance, 'disk.eph0')
            images.create_blank(eph, flavor.ephemeral_gb * GiB)
            self._add_disk(disks, eph, bus)
        if self._wants_config_drive(instance):
            cdrom_bus = blockinfo.cdrom_bus(props, machine)
            iso = self._path(instance, 'disk.config')
            configdrive.build(instance, iso, CONF.libvirt.mkisofs_cmd)
            self._add_disk(disks, iso, cdrom_bus, fmt='raw', readonly=True,
                           device='cdrom')
        guest = config.Guest(
            name=DOMAIN_PREFIX + instance.uuid, uuid=instance.uuid,
            memory_mb=flavor.memory_mb, vcpus=flavor.vcpus,
            virt_type=CONF.libvirt.virt_type,
            console_log=self._path(instance, 'console.log'),
            disks=disks, nics=self._nics(instance, props),
            machine=machine,
            kernel=kernel, ramdisk=ramdisk,
            cmdline=props.get('os_command_line') or (
                'console=ttyS0 root=' + blockinfo.root_device(bus)
                if kernel else None),
            metadata={'name': _field(instance, 'display_name') or '',
                      'host': self._host_name,
                      'flavor': flavor.name or '',
                      'image': image['id']})
        xml = config.domain_xml(guest)
        with open(self._path(instance, 'libvirt.xml'), 'w') as f:
            f.write(xml)
        network_info = driver.network_info_of(instance)
        for vif in network_info:
            vif_mod.plug(vif)
        dom = self.host.get_connection().defineXML(xml)
        dom.create()
        for vif in network_info:
            vif_mod.protect(vif)
        LOG.info('Guest %s started (%s)', instance.uuid, dom.name())

    @staticmethod
    def _add_disk(disks, path, bus, **kwargs):
        """Append path as a disk at the next free target of its bus."""
        target = blockinfo.next_target(bus, [d.target for d in disks])
        disks.append(config.Disk(path, target, bus, **kwargs))

    @staticmethod
    def _too_large(image, size, flavor):
        return ('image %s is too large for flavor %s: it needs %.1f GiB, '
                'the flavor\'s root disk is %d GiB'
                % (image['id'], flavor.name, size / GiB, flavor.root_gb))

    @staticmethod
    def _wants_config_drive(instance):
        wanted = _field(instance, 'config_drive')
        return CONF.libvirt.force_config_drive or (
            wanted not in (None, '', 'False', 'false', '0'))

    @staticmethod
    def _nics(instance, props):
        model = props.get('hw_vif_model') or 'virtio'
        network_info = driver.network_info_of(instance)
        if network_info:
            return [vif_mod.nic(vif, model) for vif in network_info]
        if CONF.libvirt.vif_type == 'none':
            return []
        if CONF.libvirt.vif_type == 'bridge':
            return [config.Nic('bridge', CONF.libvirt.bridge, model)]
        return [config.Nic('user', model=model)]

    # destroy

    def destroy(self, context, instance):
        with self._operation(instance):
            try:
                self._remove_guest(instance)
            except libvirt.libvirtError as exc:
                raise exception.HypervisorError(
                    host=self._host_name, reason=self._reason(exc)) from exc

    def _remove_guest(self, instance):
        dom = self.host.lookup(instance.uuid)
        if dom is not None:
            if dom.isActive():
                try:
                    dom.destroy()
                except libvirt.libvirtError:
                    if dom.isActive():
                        raise
            try:
                dom.undefineFlags(
                    libvirt.VIR_DOMAIN_UNDEFINE_MANAGED_SAVE |
                    libvirt.VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA)
            except libvirt.libvirtError as exc:
                if exc.get_error_code() != libvirt.VIR_ERR_NO_DOMAIN:
                    raise
        for vif in driver.network_info_of(instance):
            self._release(vif)
        shutil.rmtree(self._instance_dir(instance.uuid), ignore_errors=True)

    @staticmethod
    def _release(vif):
        try:
            vif_mod.release(vif)
        except exception.NovaLikeException as exc:  # the guest is gone
            LOG.warning('Could not clean up the host side of port %s: %s',
                        vif['id'], exc.message)

    # state

    def _domain(self, instance):
        dom = self.host.lookup(instance.uuid)
        if dom is None:
            raise exception.InstanceNotFound(instance_id=instance.uuid)
        return dom

    def get_info(self, instance):
        """:returns: {'power_state': N}; NOSTATE for an unknown guest."""
        dom = self.host.lookup(instance.uuid)
        if dom is None:
            return {'power_state': power_state.NOSTATE}
        return {'power_state': self._power_state(dom)}

    @staticmethod
    def _power_state(dom):
        state = dom.state()[0]
        if state == libvirt.VIR_DOMAIN_SHUTOFF and dom.hasManagedSaveImage():
            return power_state.SUSPENDED
        return host_mod.STATE_MAP.get(state, power_state.NOSTATE)

    def _wait_for_state(self, dom, wanted, timeout):
        deadline = time.monotonic() + timeout
        while True:
            if dom.state()[0] in wanted:
                return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.2)

    @contextlib.contextmanager
    def _lifecycle(self, instance, what):
        """An operation on a guest, its libvirt errors made readable."""
        with self._operation(instance):
            try:
                yield
            except libvirt.libvirtError as exc:
                raise exception.HypervisorError(
                    host=self._host_name, reason='%s of %s failed: %s' % (
                        what, instance.uuid,
                        exc.get_error_message())) from exc

    # lifecycle

    def reboot(self, context, instance, reboot_type):
        with self._lifecycle(instance, 'reboot'):
            dom = self._domain(instance)
            if reboot_type == 'SOFT' and dom.isActive() and \
                    self._clean_shutdown(
                        dom, CONF.libvirt.soft_reboot_timeout):
                dom.create()
                LOG.info('Guest %s rebooted softly', instance.uuid)
                return
            if reboot_type == 'SOFT':
                LOG.info('Guest %s did not shut down in %ss; resetting it',
                         instance.uuid, CONF.libvirt.soft_reboot_timeout)
            if dom.isActive():
                dom.destroy()
            dom.create()

    def _clean_shutdown(self, dom, timeout):
        """Ask the guest to shut down (ACPI); whether it did within timeout.

        The request is repeated every few seconds: a guest that was still
        booting when the first power button press came has missed it.
        """
        deadline = time.monotonic() + timeout
        while dom.isActive():
            try:
                dom.shutdown()
            except libvirt.libvirtError:
                if dom.isActive():
                    raise
            wait = min(_SHUTDOWN_RETRY, deadline - time.monotonic())
            if wait <= 0:
                return False
            if self._wait_for_state(dom, (libvirt.VIR_DOMAIN_SHUTOFF,),
                                    wait):
                return True
        return True

    def power_off(self, instance, timeout=0):
        with self._lifecycle(instance, 'power off'):
            dom = self._domain(instance)
            if timeout and self._clean_shutdown(dom, timeout):
                return
            if dom.isActive():
                dom.destroy()

    def power_on(self, context, instance):
        with self._lifecycle(instance, 'power on'):
            dom = self._domain(instance)
            if not dom.isActive():
                dom.create()

    def pause(self, instance):
        with self._lifecycle(instance, 'pause'):
            self._domain(instance).suspend()

    def unpause(self, instance):
        with self._lifecycle(instance, 'unpause'):
            self._domain(instance).resume()

    def suspend(self, context, instance):
        with self._lifecycle(instance, 'suspend'):
            self._domain(instance).managedSave(0)

    def resume(self, context, instance):
        with self._lifecycle(instance, 'resume'):
            dom = self._domain(instance)
            if not dom.isActive():
                dom.create()

    def get_host_uptime(self):
        """`uptime` of this host, as Nova's libvirt driver answers.

        :raises: HypervisorError when the command fails.
        """
        try:
            result = subprocess.run(
                ['uptime'], capture_output=True, text=True, timeout=10,
                env=dict(os.environ, LANG='C', LC_ALL='C'), check=True)
        except (OSError, subprocess.SubprocessError) as exc:
            raise exception.HypervisorError(
                host=self._host_name, reason='uptime failed: %s' % exc)
        return result.stdout

    def get_console_output(self, context, instance):
        self._domain(instance)
        limit = CONF.libvirt.console_log_max_bytes
        try:
            with open(self._path(instance, 'console.log'), 'rb') as f:
                f.seek(0, os.SEEK_END)
                f.seek(max(0, f.tell() - limit))
                data = f.read()
        except FileNotFoundError:
            return ''
        return data.decode('utf-8', errors='replace')

    def get_diagnostics(self, instance):
        """See ComputeDriver.get_diagnostics (libvirt's counters)."""
        return diagnostics.of(
            self._domain(instance), CONF.libvirt.virt_type,
            os.path.exists(self._path(instance, 'disk.config')))

    # NICs of a running guest

    def attach_interface(self, instance, vif):
        with self._lifecycle(instance, 'attach of port %s' % vif['id']):
            dom = self._domain(instance)
            if vif['address'] in config.nics(dom.XMLDesc(0)):
                return
            vif_mod.plug(vif)
            flags = libvirt.VIR_DOMAIN_AFFECT_CONFIG
            if dom.isActive():
                flags |= libvirt.VIR_DOMAIN_AFFECT_LIVE
            dom.attachDeviceFlags(config.nic_xml(vif_mod.nic(
                vif, 'virtio')), flags)
            vif_mod.protect(vif)

    def detach_interface(self, instance, vif):
        with self._lifecycle(instance, 'detach of port %s' % vif['id']):
            dom = self._domain(instance)
            nic = config.nics(dom.XMLDesc(0)).get(vif['address'])
            if nic is not None:
                flags = libvirt.VIR_DOMAIN_AFFECT_CONFIG
                if dom.isActive():
                    flags |= libvirt.VIR_DOMAIN_AFFECT_LIVE
                dom.detachDeviceFlags(config.nic_xml(nic), flags)
                deadline = time.monotonic() + _DETACH_TIMEOUT
                while vif['address'] in config.nics(dom.XMLDesc(0)):
                    if time.monotonic() > deadline:
                        raise exception.HypervisorError(
                            host=self._host_name, reason='guest %s did not '
                            'release port %s within %ss' % (
                                instance.uuid, vif['id'], _DETACH_TIMEOUT))
                    time.sleep(0.2)
        self._release(vif)

    def refresh_network(self, network):
        vif_mod.refresh(network)

    def refresh_port_rules(self, vifs):
        for vif in vifs:
            vif_mod.protect_if_plugged(vif)

    def refresh_security_group_members(self, group_id, addresses):
        vif_mod.set_group_members(group_id, addresses)

    # disks of a running guest

    def attach_disk(self, instance, path, target, disk_format='qcow2',
                    bus=None):
        """Hot-plug the file at path as target (vdb...) into the guest."""
        disk = config.Disk(os.path.abspath(path), target,
                           bus or CONF.libvirt.disk_bus, fmt=disk_format)
        with self._lifecycle(instance, 'attach of %s' % target):
            dom = self._domain(instance)
            if target in config.disk_targets(dom.XMLDesc(0)):
                raise exception.HypervisorError(
                    host=self._host_name, reason='guest %s already has a '
                    'disk at %s' % (instance.uuid, target))
            flags = libvirt.VIR_DOMAIN_AFFECT_CONFIG
            if dom.isActive():
                flags |= libvirt.VIR_DOMAIN_AFFECT_LIVE
            dom.attachDeviceFlags(config.disk_xml(disk), flags)

    def detach_disk(self, instance, target):
        """Unplug the disk at target and wait until the guest let it go."""
        with self._lifecycle(instance, 'detach of %s' % target):
            dom = self._domain(instance)
            disks = config.disk_targets(dom.XMLDesc(0))
            if target not in disks:
                raise exception.HypervisorError(
                    host=self._host_name, reason='guest %s has no disk at '
                    '%s' % (instance.uuid, target))
            own = {self._path(instance, name): what
                   for name, what in _OWN_DISKS.items()}
            if disks[target] in own:
                raise exception.HypervisorError(
                    host=self._host_name, reason='%s of guest %s is its %s, '
                    'not an attached disk' % (target, instance.uuid,
                                              own[disks[target]]))
            flags = libvirt.VIR_DOMAIN_AFFECT_CONFIG
            if dom.isActive():
                flags |= libvirt.VIR_DOMAIN_AFFECT_LIVE
            disk = config.Disk(disks[target], target)
            dom.detachDeviceFlags(config.disk_xml(disk), flags)
            deadline = time.monotonic() + _DETACH_TIMEOUT
            while target in config.disk_targets(dom.XMLDesc(0)):
                if time.monotonic() > deadline:
                    raise exception.HypervisorError(
                        host=self._host_name, reason='guest %s did not '
                        'release %s within %ss' % (instance.uuid, target,
                                                   _DETACH_TIMEOUT))
                time.sleep(0.2)

    # volumes (connection_info from the volume service)

    def get_volume_connector(self, instance):
        return volume_mod.connector(self._host_name, CONF.my_ip)

    def get_device_name_for_instance(self, instance, taken):
        """The first free target on [libvirt] disk_bus among the guest's
        disks as libvirt has them and taken."""
        names = {name.rsplit('/', 1)[-1] for name in taken}
        dom = self._domain(instance)
        names |= set(config.disk_targets(dom.XMLDesc(0)))
        try:
            return '/dev/' + blockinfo.next_target(CONF.libvirt.disk_bus,
                                                   names)
        except blockinfo.BlockInfoError as exc:
            raise exception.HypervisorError(host=self._host_name,
                                            reason=str(exc)) from exc

    @staticmethod
    def _target(device_name):
        return device_name.rsplit('/', 1)[-1]

    def attach_volume(self, instance, connection_info, device_name):
        """Connect the volume here and hot-plug it at device_name."""
        target = self._target(device_name)
        volume_id = (connection_info.get('data') or {}).get('volume_id')
        with self._lifecycle(instance, 'attach of volume %s' % volume_id):
            dom = self._domain(instance)
            if target in config.disk_targets(dom.XMLDesc(0)):
                raise exception.HypervisorError(
                    host=self._host_name, reason='guest %s already has a '
                    'disk at %s' % (instance.uuid, target))
            conn = self.host.get_connection()
            try:
                disk = volume_mod.connect(
                    conn, connection_info, target, CONF.libvirt.disk_bus,
                    initiator=volume_mod.initiator_name(self._host_name))
            except volume_mod.VolumeConnectionError as exc:
                raise exception.HypervisorError(host=self._host_name,
                                                reason=exc.message) from exc
            flags = libvirt.VIR_DOMAIN_AFFECT_CONFIG
            if dom.isActive():
                flags |= libvirt.VIR_DOMAIN_AFFECT_LIVE
            try:
                dom.attachDeviceFlags(config.disk_xml(disk), flags)
            except Exception:
                volume_mod.disconnect(conn, connection_info)
                raise

    def detach_volume(self, instance, connection_info, device_name):
        """Unplug the volume (when the guest has it) and disconnect it."""
        target = self._target(device_name)
        dom = self.host.lookup(instance.uuid)
        if dom is not None and target in config.disk_targets(
                dom.XMLDesc(0)):
            self.detach_disk(instance, target)
        try:
            volume_mod.disconnect(self.host.get_connection(),
                                  connection_info)
        except (volume_mod.VolumeConnectionError,
                libvirt.libvirtError) as exc:
            LOG.warning('Disconnecting volume at %s of %s: %s', target,
                        instance.uuid, exc)
