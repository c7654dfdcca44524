# SPDX-License-Identifier: Apache-2.0
"""targets.tgt against a stand-in tgtd answering as tgtd 1.0.85 does."""

import pytest

from nova_like.volume.targets import local
from nova_like.volume.targets import tgt

INITIATOR = 'iqn.2008-11.org.linux-kvm:compute1'


class FakeTgtd:
    """tgtd's state and tgtadm's answers (messages copied from a real run)."""

    def __init__(self):
        self.targets = {}   # tid: {'name', 'luns', 'accounts', 'acls'}
        self.accounts = {}  # user: password
        self.commands = []
        self.running = True

    def __call__(self, argv):
        assert argv[:3] == ['tgtadm', '--lld', 'iscsi']
        self.commands.append(argv[3:])
        if not self.running:
            return 107, '', ('tgtadm: failed to send request hdr to tgt '
                             'daemon, Transport endpoint is not connected\n')
        args = [arg for arg in argv[3:] if arg != '--force']
        opts = dict(zip(args[::2], args[1::2]))
        try:
            out = getattr(self, '%s_%s' % (opts['--mode'], opts['--op']))(
                opts)
        except LookupError as exc:
            return 22, '', 'tgtadm: %s\n' % exc.args[0]
        return 0, out or '', ''

    def _target(self, opts):
        tid = int(opts['--tid'])
        if tid not in self.targets:
            raise LookupError("can't find the target")
        return self.targets[tid]

    def target_new(self, opts):
        tid = int(opts['--tid'])
        if tid in self.targets or opts['--targetname'] in [
                t['name'] for t in self.targets.values()]:
            raise LookupError('this target already exists')
        self.targets[tid] = {'name': opts['--targetname'], 'luns': {},
                             'accounts': [], 'acls': []}

    def target_delete(self, opts):
        self._target(opts)
        del self.targets[int(opts['--tid'])]

    def logicalunit_new(self, opts):
        target = self._target(opts)
        if int(opts['--lun']) in target['luns']:
            raise LookupError('this logical unit number already exists')
        target['luns'][int(opts['--lun'])] = opts['--backing-store']

    def account_new(self, opts):
        if opts['--user'] in self.accounts:
            raise LookupError('this account already exists')
        self.accounts[opts['--user']] = opts['--password']

    def account_delete(self, opts):
        if self.accounts.pop(opts['--user'], None) is None:
            raise LookupError("can't find the account")
        for target in self.targets.values():
            if opts['--user'] in target['accounts']:
                target['accounts'].remove(opts['--user'])

    def account_bind(self, opts):
        target = self._target(opts)
        if opts['--user'] not in self.accounts:
            raise LookupError("can't find the account")
        if opts['--user'] in target['accounts']:
            raise LookupError('this account already exists')
        target['accounts'].append(opts['--user'])

    def target_bind(self, opts):
        target = self._target(opts)
        if opts['--initiator-name'] in target['acls']:
            raise LookupError('this access control rule already exists')
        target['acls'].append(opts['--initiator-name'])

    def target_unbind(self, opts):
        target = self._target(opts)
        if opts['--initiator-name'] not in target['acls']:
            raise LookupError('this access control rule does not exist')
        target['acls'].remove(opts['--initiator-name'])

    def target_show(self, opts):
        lines = []
        for tid, target in sorted(self.targets.items()):
            lines += ['Target %d: %s' % (tid, target['name']),
                      '    System information:', '        Driver: iscsi',
                      '        State: ready', '    I_T nexus information:',
                      '    LUN information:', '        LUN: 0',
                      '            Type: controller',
                      '            Backing store path: None']
            for lun, path in sorted(target['luns'].items()):
                lines += ['        LUN: %d' % lun, '            Type: disk',
                          '            Size: 67 MB, Block size: 512',
                          '            Backing store path: %s' % path,
                          '            Backing store flags: ']
            lines.append('    Account information:')
            lines += ['        %s' % user for user in target['accounts']]
            lines.append('    ACL information:')
            lines += ['        %s' % acl for acl in target['acls']]
        return '\n'.join(lines) + '\n' if lines else ''

    def changes(self):
        return [c for c in self.commands if c[3] != 'show']


@pytest.fixture
def tgtd(tmp_path):
    fake = FakeTgtd()
    previous = tgt.set_runner(fake)
    yield fake
    tgt.set_runner(previous)


@pytest.fixture
def volume(tmp_path):
    path = tmp_path / 'volume-v1'
    path.write_bytes(b'\0' * 512)
    return str(path)


def test_export_makes_a_target_with_lun_account_and_acl(tgtd, volume):
    info = tgt.export('v1', 'a1', volume, INITIATOR)
    data = info['data']
    assert info['driver_volume_type'] == 'iscsi'
    assert data['target_iqn'] == 'iqn.2010-10.org.openstack:volume-v1:a1'
    assert data['target_portal'] == '127.0.0.1:3260'
    assert data['target_lun'] == 1
    assert data['volume_id'] == 'v1'
    assert data['auth_method'] == 'CHAP'
    assert tgtd.accounts == {data['auth_username']: data['auth_password']}
    assert len(data['auth_password']) == 16
    assert tgtd.targets == {1: {
        'name': data['target_iqn'], 'luns': {1: volume},
        'accounts': [data['auth_username']], 'acls': [INITIATOR]}}


def test_two_attachments_get_two_targets_and_accounts(tgtd, volume):
    one = tgt.export('v1', 'a1', volume, INITIATOR)['data']
    two = tgt.export('v1', 'a2', volume, 'iqn.2008-11.org.linux-kvm:c2')[
        'data']
    assert one['target_iqn'] != two['target_iqn']
    assert one['auth_username'] != two['auth_username']
    assert sorted(tgtd.targets) == [1, 2]
    tgt.unexport('v1', 'a1')
    assert [t['name'] for t in tgtd.targets.values()] == [two['target_iqn']]
    assert list(tgtd.accounts) == [two['auth_username']]


def test_export_again_with_the_same_auth_changes_nothing_visible(
        tgtd, volume):
    data = tgt.export('v1', 'a1', volume, INITIATOR)['data']
    before = ({k: dict(v) for k, v in tgtd.targets.items()},
              dict(tgtd.accounts))
    auth = (data['auth_username'], data['auth_password'])
    again = tgt.export('v1', 'a1', volume, INITIATOR, auth=auth)['data']
    assert again == data
    assert ({k: dict(v) for k, v in tgtd.targets.items()},
            dict(tgtd.accounts)) == before
    # No second target, LUN or ACL: only the password is set again.
    last = tgtd.changes()[-3:]
    assert [c[1] + ' ' + c[3] for c in last] == [
        'account delete', 'account new', 'account bind']


def test_export_converges_a_half_made_target(tgtd, volume, tmp_path):
    iqn = tgt.target_name('v1', 'a1')
    tgtd.targets[1] = {'name': iqn, 'luns': {}, 'accounts': ['old'],
                       'acls': ['iqn.other:host']}
    tgtd.accounts['old'] = 'oldpassword12'
    data = tgt.export('v1', 'a1', volume, INITIATOR,
                      auth=('user1', 'pass1pass1pass'))['data']
    assert data['target_iqn'] == iqn
    (target,) = tgtd.targets.values()
    assert target == {'name': iqn, 'luns': {1: volume},
                      'accounts': ['user1'], 'acls': [INITIATOR]}
    assert tgtd.accounts == {'user1': 'pass1pass1pass'}


def test_export_skips_target_ids_in_use(tgtd, volume):
    tgtd.targets[1] = {'name': 'iqn.other:x', 'luns': {}, 'accounts': [],
                       'acls': []}
    tgt.export('v1', 'a1', volume, INITIATOR)
    assert tgtd.targets[2]['name'] == tgt.target_name('v1', 'a1')


def test_a_failed_lun_removes_the_new_target(tgtd, volume):
    def no_lun(opts):
        raise LookupError('bad backing store')
    tgtd.logicalunit_new = no_lun
    with pytest.raises(tgt.TargetError, match='bad backing store'):
        tgt.export('v1', 'a1', volume, INITIATOR)
    assert tgtd.targets == {}


def test_export_refuses_a_missing_path_or_initiator(tgtd, tmp_path, volume):
    with pytest.raises(ValueError, match='nothing at'):
        tgt.export('v1', 'a1', str(tmp_path / 'nope'), INITIATOR)
    with pytest.raises(ValueError, match='initiator'):
        tgt.export('v1', 'a1', volume, None)
    assert tgtd.commands == []


def test_unexport_is_idempotent_and_removes_a_lone_account(tgtd, volume):
    data = tgt.export('v1', 'a1', volume, INITIATOR)['data']
    tgt.unexport('v1', 'a1')
    tgt.unexport('v1', 'a1')
    assert tgtd.targets == {} and tgtd.accounts == {}
    # An account whose target went away before its bind (a crash).
    tgtd.accounts[data['auth_username']] = 'x'
    tgt.unexport('v1', 'a1', username=data['auth_username'])
    assert tgtd.accounts == {}


def test_recover_puts_back_exports_and_prunes_stale_ones(tgtd, volume):
    data = tgt.export('v1', 'a1', volume, INITIATOR)['data']
    stale = tgt.export('v2', 'a9', volume, INITIATOR)['data']
    tgtd.targets.clear()  # tgtd restarted: its memory is gone
    tgtd.accounts.clear()
    tgt.export('v2', 'a9', volume, INITIATOR)
    other = {'name': 'iqn.2003-01.org.example:not-ours', 'luns': {},
             'accounts': [], 'acls': []}
    tgtd.targets[7] = other
    got = tgt.recover([{
        'volume_id': 'v1', 'attachment_id': 'a1', 'path': volume,
        'initiator': INITIATOR, 'auth_username': data['auth_username'],
        'auth_password': data['auth_password']}])
    assert got == {'a1': {'driver_volume_type': 'iscsi', 'data': data}}
    names = sorted(t['name'] for t in tgtd.targets.values())
    assert names == sorted([data['target_iqn'], other['name']])
    assert stale['target_iqn'] not in names
    assert tgtd.accounts == {data['auth_username']: data['auth_password']}


def test_remove_targets_by_prefix(tgtd, volume):
    one = tgt.export('v1', 'a1', volume, INITIATOR)['data']
    two = tgt.export('v2', 'a2', volume, INITIATOR,
                     prefix='iqn.2026-01.test.lab:')['data']
    assert tgt.remove_targets('iqn.2026-01.test.lab:') == [two['target_iqn']]
    assert [t['name'] for t in tgtd.targets.values()] == [one['target_iqn']]
    assert list(tgtd.accounts) == [one['auth_username']]


def test_the_iqn_prefix_and_portal_are_the_callers(tgtd, volume):
    data = tgt.export('v1', 'a1', volume, INITIATOR, portal='10.0.0.5:3260',
                      prefix='iqn.2026-01.test.lab:')['data']
    assert data['target_iqn'] == 'iqn.2026-01.test.lab:volume-v1:a1'
    assert data['target_portal'] == '10.0.0.5:3260'


def test_tgtd_down_says_how_to_start_it(tgtd, volume):
    tgtd.running = False
    with pytest.raises(tgt.TargetError, match='ensure-storage.sh starts it'):
        tgt.export('v1', 'a1', volume, INITIATOR)


def test_errors_never_show_the_password(tgtd, volume):
    def refuse(opts):
        raise LookupError('out of memory')
    tgtd.account_new = refuse
    with pytest.raises(tgt.TargetError) as info:
        tgt.export('v1', 'a1', volume, INITIATOR, auth=('u', 'sekrit12345x'))
    assert 'sekrit12345x' not in str(info.value)
    assert '--password ***' in str(info.value)


def test_missing_tgtadm_names_the_script(volume):
    def absent(argv):
        raise FileNotFoundError(2, 'No such file', 'tgtadm')
    previous = tgt.set_runner(absent)
    try:
        with pytest.raises(tgt.TargetError, match='ensure-storage.sh'):
            tgt.targets()
    finally:
        tgt.set_runner(previous)


def test_parse_reads_sessions_and_skips_outgoing_accounts():
    text = '\n'.join([
        'Target 3: iqn.x:y', '    System information:',
        '    I_T nexus information:', '        I_T nexus: 2',
        '            Initiator: iqn.a:b alias: none',
        '            Connection: 0', '                IP Address: 127.0.0.1',
        '    LUN information:', '        LUN: 1',
        '            Backing store path: /v', '    Account information:',
        '        in1', '        out1 (outgoing)', '    ACL information:',
        '        ALL'])
    assert tgt.parse_targets(text) == {'iqn.x:y': {
        'tid': 3, 'luns': {1: '/v'}, 'accounts': ['in1'], 'acls': ['ALL'],
        'sessions': ['iqn.a:b']}}


def test_local_connection_info():
    assert local.connection_info('v1', '/srv/v1', 'qcow2') == {
        'driver_volume_type': 'local',
        'data': {'device_path': '/srv/v1', 'volume_id': 'v1',
                 'format': 'qcow2', 'access_mode': 'rw'}}
