# SPDX-License-Identifier: Apache-2.0
"""FakeKernel: records the commands of ip_lib and answers the queries.

A small model of links (name -> kind, master, mtu, up, vxlan data) and
flooding FDB entries, enough for plumbing to be idempotent against it.
Commands named in fail_on (a substring of the joined argv) fail with the
given stderr, as the real ip would.
"""

import json


class FakeKernel:
    def __init__(self):
        self.commands = []
        self.links = {}
        self.fdb = {}
        self.addrs = {}
        self.fail_on = {}

    def __call__(self, argv, input_text):
        self.commands.append((list(argv), input_text))
        text = ' '.join(argv)
        for needle, stderr in self.fail_on.items():
            if needle in text:
                return 2, '', stderr
        if argv[:3] == ['ip', 'netns', 'exec']:
            argv = argv[4:]
        return self._handle(argv)

    def changing(self):
        """The commands that would change something (not queries)."""
        return [' '.join(argv) for argv, _ in self.commands
                if 'show' not in argv]

    def _missing(self, name):
        return 1, '', 'Device "%s" does not exist.' % name

    def _link_json(self, name):
        link = self.links[name]
        info = {'ifname': name, 'mtu': link['mtu'],
                'flags': ['UP'] if link['up'] else [],
                'linkinfo': {'info_kind': link['kind'],
                             'info_data': link.get('data', {})}}
        if link.get('master'):
            info['master'] = link['master']
        return info

    def _handle(self, argv):
        if argv[0] == 'bridge' and argv[2] == 'show':
            dev = argv[-1]
            return 0, ''.join('00:00:00:00:00:00 dst %s self permanent\n'
                              % peer for peer in self.fdb.get(dev, [])), ''
        if argv[0] == 'bridge':
            dev, peer = argv[argv.index('dev') + 1], argv[-1]
            peers = self.fdb.setdefault(dev, [])
            if argv[2] == 'append':
                peers.append(peer)
            else:
                peers.remove(peer)
            return 0, '', ''
        if argv[0] != 'ip':
            return 0, '', ''
        args = argv[1:]
        if args[:3] == ['-d', '-j', 'link']:
            name = args[-1]
            if name not in self.links:
                return self._missing(name)
            return 0, json.dumps([self._link_json(name)]), ''
        if args[:3] == ['-j', 'link', 'show']:
            master = args[-1]
            return 0, json.dumps([self._link_json(n) for n, link
                                  in sorted(self.links.items())
                                  if link.get('master') == master]), ''
        if args[:3] == ['-j', 'addr', 'show']:
            dev = args[-1]
            return 0, json.dumps([{'ifname': dev, 'addr_info': [
                {'family': 'inet', 'local': a.split('/')[0],
                 'prefixlen': int(a.split('/')[1])}
                for a in self.addrs.get(dev, [])]}]), ''
        if args[:2] == ['link', 'add']:
            return self._link_add(args[2:])
        if args[:3] == ['link', 'set', 'dev']:
            name = args[3]
            if name not in self.links:
                return self._missing(name)
            link = self.links[name]
            key, value = args[4], (args[5] if len(args) > 5 else None)
            if key == 'up':
                link['up'] = True
            elif key == 'mtu':
                link['mtu'] = int(value)
            elif key == 'master':
                link['master'] = value
            elif key == 'nomaster':
                link['master'] = None
            return 0, '', ''
        if args[:3] == ['link', 'del', 'dev']:
            if args[3] not in self.links:
                return self._missing(args[3])
            del self.links[args[3]]
            return 0, '', ''
        if args[:2] == ['addr', 'add']:
            self.addrs.setdefault(args[-1], []).append(args[2])
        return 0, '', ''

    def _link_add(self, args):
        if args[0] == 'link':          # ip link add link IFACE name X ...
            name, kind = args[3], args[args.index('type') + 1]
        else:
            name, kind = args[0], args[args.index('type') + 1]
        if name in self.links:
            return 2, '', 'RTNETLINK answers: File exists'
        link = {'kind': kind, 'mtu': 1500, 'up': False}
        if kind == 'vxlan':
            link['data'] = {'id': int(args[args.index('id') + 1]),
                            'local': args[args.index('local') + 1],
                            'port': int(args[args.index('dstport') + 1])}
        self.links[name] = link
        if kind == 'veth':
            peer = args[args.index('name') + 1]
            self.links[peer] = {'kind': 'veth', 'mtu': 1500, 'up': False}
        return 0, '', ''
