# SPDX-License-Identifier: Apache-2.0
"""An in-memory network service: the endpoint of network rpcapi for tests.

FakeNetwork keeps networks (each with one IPv4 subnet), ports and security
groups in dicts and answers the calls of nova_like/network/rpcapi.py (and
its 1.1 calls) as
nova-like-network does: a project sees its own and shared networks,
addresses come from the subnet's CIDR, unknown ids are NotFound, a port
bound to another device is PortInUse, a full subnet is
IpAddressGenerationFailure. Start it on the fake transport with
start(); tests seed it with create_network, create_port and
seed_security_group.
"""

import ipaddress
import threading

import oslo_messaging as messaging
from oslo_utils import uuidutils

from nova_like import exception
from nova_like.network import model
from nova_like.network import rpcapi as network_rpcapi
from nova_like import rpc
from nova_like import versions

AUTO_NETWORK_NAME = 'auto_allocated_network'
SERVER = 'fake-network'


class FakeNetwork:
    """The network RPC endpoint (topic network), in memory."""

    target = messaging.Target(version=versions.rpc_version('network'))

    def __init__(self):
        self.networks = {}
        self.ports = {}
        self.security_groups = {}
        self.port_quota = {}  # project: limit (absent: unlimited)
        self.calls = []
        self._lock = threading.Lock()
        self._server = None

    # Seeding and running

    def create_network(self, name, project_id, cidr='10.0.0.0/24',
                    shared=False, network_id=None, mtu=1450):
        network_id = network_id or uuidutils.generate_uuid()
        net = ipaddress.ip_network(cidr)
        hosts = [str(ip) for ip in net.hosts()]
        self.networks[network_id] = {
            'id': network_id, 'name': name, 'project_id': project_id,
            'shared': shared, 'mtu': mtu, 'cidr': cidr,
            'subnet_id': uuidutils.generate_uuid(),
            'gateway': hosts[0], 'dhcp_server': hosts[1],
            'pool': hosts[2:]}
        return network_id

    def create_port(self, network_id, project_id, device_id=''):
        """A port the user made (kept, unbound, when its server goes)."""
        port = self._new_port(network_id, project_id, None)
        port.update(device_id=device_id, preserve_on_delete=True)
        return port['id']

    def seed_security_group(self, name, project_id, rules=()):
        group_id = uuidutils.generate_uuid()
        self.security_groups[group_id] = {
            'id': group_id, 'name': name, 'description': name,
            'tenant_id': project_id, 'project_id': project_id,
            'security_group_rules': [
                dict(rule, id=uuidutils.generate_uuid(),
                     security_group_id=group_id, tenant_id=project_id)
                for rule in rules]}
        return group_id

    def start(self):
        self._server = rpc.get_server(
            messaging.Target(topic=network_rpcapi.RPC_TOPIC, server=SERVER),
            [self], executor_threads=2)
        self._server.start()
        return self

    def stop(self):
        if self._server is not None:
            self._server.stop()
            self._server.wait()
            self._server = None

    # Lookups as a project sees them

    @staticmethod
    def _sees(context, owner, shared=False):
        return context.is_admin or shared or owner == context.project_id

    def _network(self, context, network_id):
        network = self.networks.get(network_id)
        if network is None or not self._sees(
                context, network['project_id'], network['shared']):
            raise exception.NetworkNotFound(net_id=network_id)
        return network

    def _port(self, context, port_id):
        port = self.ports.get(port_id)
        if port is None or not self._sees(context, port['project_id']):
            raise exception.PortNotFound(port_id=port_id)
        return port

    def _group(self, context, name_or_id):
        found = [g for g in self.security_groups.values()
                 if name_or_id in (g['id'], g['name'])
                 and self._sees(context, g['project_id'])]
        if not found and name_or_id == 'default':
            return self.security_groups[self.seed_security_group(
                'default', context.project_id)]
        if not found:
            raise exception.SecurityGroupNotFound(id=name_or_id)
        if len(found) > 1:
            raise exception.Conflict(
                'Multiple security groups named %s' % name_or_id)
        return found[0]

    def _usable_networks(self, context):
        return [n for n in self.networks.values()
                if n['project_id'] == context.project_id or n['shared']]

    # Ports and addresses

    def _next_ip(self, network, wanted=None):
        used = {ip for port in self.ports.values()
                if port['network_id'] == network['id']
                for ip in port['ips']}
        if wanted is not None:
            if wanted in used:
                raise exception.IpAddressAlreadyAllocated(
                    ip=wanted, subnet_id=network['subnet_id'])
            return wanted
        for ip in network['pool']:
            if ip not in used:
                return ip
        raise exception.IpAddressGenerationFailure(
            net_id=network['id'], subnet=network['cidr'])

    def _new_port(self, network_id, project_id, fixed_ip, tag=None):
        network = self.networks[network_id]
        port_id = uuidutils.generate_uuid()
        mac = 'fa:16:3e:%02x:%02x:%02x' % tuple(
            int(port_id.replace('-', '')[i:i + 2], 16) for i in (0, 2, 4))
        port = {'id': port_id, 'network_id': network_id,
                'project_id': project_id, 'mac': mac,
                'ips': [self._next_ip(network, fixed_ip)], 'device_id': '',
                'host': None, 'preserve_on_delete': False, 'tag': tag,
                'security_groups': []}
        self.ports[port_id] = port
        return port

    def _vif(self, port):
        network = self.networks[port['network_id']]
        return {
            'id': port['id'], 'address': port['mac'],
            'devname': model.tap_name(port['id']), 'type': 'bridge',
            'active': bool(port['host']),
            'preserve_on_delete': port['preserve_on_delete'],
            'tag': port['tag'],
            'network': {
                'id': network['id'], 'label': network['name'],
                'tenant_id': network['project_id'],
                'bridge': model.bridge_name(network['id']),
                'mtu': network['mtu'], 'network_type': 'vxlan',
                'segmentation_id': 7, 'physical_network': None,
                'peers': [],
                'subnets': [{
                    'id': network['subnet_id'], 'cidr': network['cidr'],
                    'version': 4, 'gateway': network['gateway'],
                    'dns': [network['dhcp_server']], 'routes': [],
                    'dhcp_server': network['dhcp_server'],
                    'ips': [{'address': ip, 'type': 'fixed', 'version': 4}
                            for ip in port['ips']]}]},
            'security_groups': [
                {'id': g['id'], 'name': g['name'], 'rules': []}
                for g in (self.security_groups[i]
                          for i in port['security_groups'])]}

    def _ports_of(self, instance_uuid):
        return [p for p in self.ports.values()
                if p['device_id'] == instance_uuid]

    def _bind(self, port, instance_uuid, host, tag=None):
        port.update(device_id=instance_uuid, host=host)
        if tag is not None:
            port['tag'] = tag

    def _auto_network(self, context):
        for network in self.networks.values():
            if network['name'] == AUTO_NETWORK_NAME and \
                    network['project_id'] == context.project_id:
                return network['id']
        return self.create_network(AUTO_NETWORK_NAME, context.project_id,
                                cidr='10.128.0.0/24')

    # network rpcapi 1.0

    def validate_networks(self, context, requested_networks,
                          num_instances):
        self.calls.append(('validate_networks', requested_networks,
                           num_instances))
        with self._lock:
            ports_per_instance = 0
            if requested_networks is None:
                usable = self._usable_networks(context)
                if len(usable) > 1:
                    raise exception.NetworkAmbiguous()
                ports_per_instance = len(usable)
            elif requested_networks[0]['network_id'] == 'auto':
                ports_per_instance = 1
            elif requested_networks[0]['network_id'] != 'none':
                for request in requested_networks:
                    if request['port_id']:
                        port = self._port(context, request['port_id'])
                        if port['device_id']:
                            raise exception.PortInUse(
                                port_id=port['id'],
                                net_id=port['network_id'],
                                device_id=port['device_id'])
                        continue
                    network = self._network(context,
                                            request['network_id'])
                    if request['fixed_ip']:
                        used = {ip for p in self.ports.values()
                                if p['network_id'] == network['id']
                                for ip in p['ips']}
                        if request['fixed_ip'] in used:
                            raise exception.IpAddressAlreadyAllocated(
                                ip=request['fixed_ip'],
                                subnet_id=network['subnet_id'])
                    ports_per_instance += 1
            limit = self.port_quota.get(context.project_id)
            if limit is None or ports_per_instance == 0:
                return num_instances
            used = sum(1 for p in self.ports.values()
                       if p['project_id'] == context.project_id)
            return min(num_instances,
                       max(limit - used, 0) // ports_per_instance)

    def allocate_for_instance(self, context, instance_uuid, project_id,
                              host, local_ip, requested_networks,
                              security_groups=None, hostname=None):
        self.calls.append(('allocate_for_instance', instance_uuid))
        with self._lock:
            existing = self._ports_of(instance_uuid)
            if existing:
                return [self._vif(p) for p in existing]
            groups = [self._group(context, name)['id']
                      for name in security_groups or ['default']]
            if requested_networks is None:
                requested_networks = [
                    {'network_id': n['id'], 'port_id': None,
                     'fixed_ip': None, 'tag': None}
                    for n in self._usable_networks(context)]
            elif requested_networks[0]['network_id'] == 'none':
                return []
            elif requested_networks[0]['network_id'] == 'auto':
                requested_networks = [
                    {'network_id': self._auto_network(context),
                     'port_id': None, 'fixed_ip': None, 'tag': None}]
            vifs = []
            for request in requested_networks:
                if request['port_id']:
                    port = self._port(context, request['port_id'])
                else:
                    self._network(context, request['network_id'])
                    port = self._new_port(request['network_id'],
                                          project_id, request['fixed_ip'])
                    port['security_groups'] = list(groups)
                self._bind(port, instance_uuid, host, request['tag'])
                vifs.append(self._vif(port))
            return vifs

    def deallocate_for_instance(self, context, instance_uuid):
        self.calls.append(('deallocate_for_instance', instance_uuid))
        with self._lock:
            for port in self._ports_of(instance_uuid):
                self._release(port)

    def _release(self, port):
        if port['preserve_on_delete']:
            port.update(device_id='', host=None)
        else:
            del self.ports[port['id']]

    def resync_host(self, context, host):
        self.calls.append(('resync_host', host))

    def get_instance_nw_info(self, context, instance_uuid):
        with self._lock:
            return [self._vif(p) for p in self._ports_of(instance_uuid)]

    def attach_interface(self, context, instance_uuid, project_id, host,
                         local_ip, network_id=None, port_id=None,
                         fixed_ip=None, tag=None):
        self.calls.append(('attach_interface', instance_uuid, network_id,
                           port_id, fixed_ip, tag))
        with self._lock:
            if port_id:
                port = self._port(context, port_id)
                if port['device_id']:
                    raise exception.PortInUse(
                        port_id=port_id, net_id=port['network_id'],
                        device_id=port['device_id'])
            else:
                if network_id is None:
                    usable = self._usable_networks(context)
                    if len(usable) != 1:
                        raise exception.NetworkAmbiguous()
                    network_id = usable[0]['id']
                self._network(context, network_id)
                port = self._new_port(network_id, project_id, fixed_ip)
                port['security_groups'] = [
                    self._group(context, 'default')['id']]
            self._bind(port, instance_uuid, host, tag)
            return self._vif(port)

    def detach_interface(self, context, instance_uuid, port_id):
        self.calls.append(('detach_interface', instance_uuid, port_id))
        with self._lock:
            port = self.ports.get(port_id)
            if port is None or port['device_id'] != instance_uuid:
                raise exception.PortNotFound(port_id=port_id)
            self._release(port)

    # 1.1

    def get_bound_instances(self, context):
        with self._lock:
            bound = {}
            for port in self.ports.values():
                if port['device_id'] and port['host']:
                    bound.setdefault(port['device_id'], []).append(
                        port['id'])
            return bound

    def get_networks(self, context):
        with self._lock:
            return [{'id': n['id'], 'name': n['name'], 'shared': n['shared'],
                     'project_id': n['project_id']}
                    for n in self.networks.values()
                    if self._sees(context, n['project_id'], n['shared'])]

    def get_network(self, context, network_id):
        with self._lock:
            network = self._network(context, network_id)
            return {'id': network['id'], 'name': network['name'],
                    'shared': network['shared'],
                    'project_id': network['project_id']}

    def validate_security_groups(self, context, security_groups):
        with self._lock:
            return [self._group(context, name)['id']
                    for name in security_groups]

    def get_instance_security_groups(self, context, instance_uuid):
        with self._lock:
            ids = dict.fromkeys(i for p in self._ports_of(instance_uuid)
                                for i in p['security_groups'])
            return [self.security_groups[i] for i in ids]

    def add_security_group(self, context, instance_uuid, security_group):
        with self._lock:
            group = self._group(context, security_group)
            ports = self._ports_of(instance_uuid)
            if not ports:
                raise exception.PortNotFound(
                    'instance_id %s could not be found as device id on any '
                    'ports' % instance_uuid)
            for port in ports:
                if group['id'] not in port['security_groups']:
                    port['security_groups'].append(group['id'])

    def remove_security_group(self, context, instance_uuid,
                              security_group):
        with self._lock:
            group = self._group(context, security_group)
            ports = [p for p in self._ports_of(instance_uuid)
                     if group['id'] in p['security_groups']]
            if not ports:
                raise exception.SecurityGroupNotFound(
                    'Security group %s not associated with the instance %s'
                    % (security_group, instance_uuid))
            for port in ports:
                port['security_groups'].remove(group['id'])

    # 1.3: the Compute API's security group proxies

    def _group_by_id(self, context, group_id):
        group = self.security_groups.get(group_id)
        if group is None or not self._sees(context, group['project_id']):
            raise exception.SecurityGroupNotFound(id=group_id)
        return group

    def list_security_groups(self, context, all_projects=False):
        with self._lock:
            if not any(g['name'] == 'default'
                       and g['project_id'] == context.project_id
                       for g in self.security_groups.values()):
                self.seed_security_group('default', context.project_id)
            return [g for g in self.security_groups.values()
                    if g['project_id'] == context.project_id or (
                        all_projects and context.is_admin)]

    def get_security_group(self, context, group_id):
        with self._lock:
            return self._group_by_id(context, group_id)

    def create_security_group(self, context, name, description):
        with self._lock:
            if name == 'default':
                raise exception.Invalid(
                    'Invalid input for name. Reason: Default security '
                    'group already exists..')
            group_id = self.seed_security_group(name, context.project_id)
            self.security_groups[group_id]['description'] = description
            return self.security_groups[group_id]

    def update_security_group(self, context, group_id, name, description):
        with self._lock:
            group = self._group_by_id(context, group_id)
            if group['name'] == 'default' and name != 'default':
                raise exception.Invalid('Updating default security group '
                                        'not allowed.')
            group.update(name=name, description=description)
            return group

    def delete_security_group(self, context, group_id):
        with self._lock:
            group = self._group_by_id(context, group_id)
            if group['name'] == 'default' and not context.is_admin:
                raise exception.Conflict('Insufficient rights for removing '
                                         'default security group.')
            if any(group_id in p['security_groups']
                   for p in self.ports.values()):
                raise exception.Conflict('Security Group %s in use.'
                                         % group_id)
            del self.security_groups[group_id]
            for other in self.security_groups.values():
                other['security_group_rules'] = [
                    r for r in other['security_group_rules']
                    if r.get('remote_group_id') != group_id]

    def create_security_group_rule(self, context, rule):
        keys = ('direction', 'ethertype', 'protocol', 'port_range_min',
                'port_range_max', 'remote_ip_prefix', 'remote_group_id')
        with self._lock:
            group = self._group_by_id(context, rule['security_group_id'])
            if rule.get('remote_group_id'):
                self._group_by_id(context, rule['remote_group_id'])
            for old in group['security_group_rules']:
                if all(old.get(k) == rule.get(k) for k in keys):
                    raise exception.Conflict(
                        'Security group rule already exists. Rule id is '
                        '%s.' % old['id'])
            new = dict({k: rule.get(k) for k in keys},
                       id=uuidutils.generate_uuid(),
                       security_group_id=group['id'],
                       tenant_id=group['project_id'])
            group['security_group_rules'].append(new)
            return new

    def delete_security_group_rule(self, context, rule_id):
        with self._lock:
            for group in self.security_groups.values():
                for rule in group['security_group_rules']:
                    if rule['id'] == rule_id and self._sees(
                            context, group['project_id']):
                        group['security_group_rules'].remove(rule)
                        return
            raise exception.SecurityGroupRuleNotFound(id=rule_id)
