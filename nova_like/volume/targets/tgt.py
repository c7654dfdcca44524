# SPDX-License-Identifier: Apache-2.0
"""Export volumes over iSCSI with tgt's userspace target (tgtd, tgtadm).

One target per attachment: its name is the configured prefix plus
volume-<volume id>:<attachment id>, LUN 1 is the volume's path, one CHAP
account is bound to it and one initiator name may log in (tgt's ACL).
So an attachment's credentials open nothing else, and ending one
attachment of a multiattach volume leaves the others alone.

tgtd keeps targets in memory only: after it restarts, recover() puts
back the exports the volume service knows of (their CHAP passwords are
the service's to keep: tgtadm cannot show them). Every command goes
through execute(), so unit tests record commands by replacing one
function (set_runner). Changes hold a lock between threads and
processes of this machine: tgtadm needs a free target id chosen by the
caller.
"""

import contextlib
import fcntl
import os
import re
import secrets
import string
import subprocess
import tempfile
import threading

from nova_like import exception

DEFAULT_IQN_PREFIX = 'iqn.2010-10.org.openstack:'
DEFAULT_PORTAL = '127.0.0.1:3260'
LUN = 1
_NOT_RUNNING = 'Transport endpoint is not connected'
_ALPHABET = string.ascii_letters + string.digits


class TargetError(exception.NovaLikeException):
    msg_fmt = '%(cmd)s failed (exit %(returncode)s): %(stderr)s'


def _subprocess_runner(argv):
    proc = subprocess.run(argv, capture_output=True, text=True, check=False,
                          timeout=60)
    return proc.returncode, proc.stdout, proc.stderr


_runner = _subprocess_runner
_thread_lock = threading.Lock()


def set_runner(runner):
    """Replace how commands run: runner(argv) -> (rc, out, err).

    Returns the previous runner (tests put it back).
    """
    global _runner
    previous, _runner = _runner, runner
    return previous


def _shown(argv):
    """argv as a log or an error shows it: no CHAP password."""
    return ' '.join('***' if i and argv[i - 1] == '--password' else arg
                    for i, arg in enumerate(argv))


def execute(args, ok_errors=()):
    """tgtadm --lld iscsi <args>; its stdout.

    :raises TargetError: on a non-zero exit whose stderr holds none of
        ok_errors (then '' is returned), naming the command and why
    """
    argv = ['tgtadm', '--lld', 'iscsi'] + list(args)
    try:
        rc, out, err = _runner(argv)
    except FileNotFoundError as exc:
        raise TargetError(cmd=_shown(argv), returncode=127,
                          stderr='tgtadm is not installed (tools/ensure-'
                                 'storage.sh installs tgt)') from exc
    if rc == 0:
        return out
    if any(text in err for text in ok_errors):
        return ''
    reason = err.strip() or out.strip() or '(no output)'
    if _NOT_RUNNING in err:
        reason += ' (tgtd is not running: tools/ensure-storage.sh starts it)'
    raise TargetError(cmd=_shown(argv), returncode=rc, stderr=reason)


@contextlib.contextmanager
def _host_lock():
    path = os.path.join(tempfile.gettempdir(), 'nova_like-tgt.lock')
    with _thread_lock, open(path, 'a') as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def target_name(volume_id, attachment_id, prefix=DEFAULT_IQN_PREFIX):
    """The iqn of the target of one attachment of a volume."""
    return '%svolume-%s:%s' % (prefix, volume_id, attachment_id)


_TARGET = re.compile(r'^Target (\d+): (\S+)$')
_SECTION = re.compile(r'^    (\S.*):$')
_LUN = re.compile(r'^        LUN: (\d+)$')
_PATH = re.compile(r'^            Backing store path: (.*)$')
_NEXUS_INITIATOR = re.compile(r'^            Initiator: (\S+)')
_ENTRY = re.compile(r'^        (\S+)')


def parse_targets(text):
    """{iqn: target} of `tgtadm --mode target --op show` output.

    A target is {'tid', 'luns' {lun: backing path}, 'accounts',
    'acls', 'sessions' (initiator names logged in)}.
    """
    targets, target, section, lun = {}, None, None, None
    for line in text.splitlines():
        match = _TARGET.match(line)
        if match:
            target = {'tid': int(match.group(1)), 'luns': {},
                      'accounts': [], 'acls': [], 'sessions': []}
            targets[match.group(2)] = target
            section = None
            continue
        if target is None:
            continue
        match = _SECTION.match(line)
        if match:
            section = match.group(1)
            continue
        if section == 'LUN information':
            match = _LUN.match(line)
            if match:
                lun = int(match.group(1))
            match = _PATH.match(line)
            if match and lun is not None:
                target['luns'][lun] = match.group(1).strip()
        elif section == 'I_T nexus information':
            match = _NEXUS_INITIATOR.match(line)
            if match:
                target['sessions'].append(match.group(1))
        elif section in ('Account information', 'ACL information'):
            match = _ENTRY.match(line)
            if match:
                key = ('accounts' if section.startswith('Account')
                       else 'acls')
                if not line.rstrip().endswith('(outgoing)'):
                    target[key].append(match.group(1))
    return targets


def targets():
    """{iqn: target} of every target tgtd has (parse_targets)."""
    return parse_targets(execute(['--mode', 'target', '--op', 'show']))


def _free_tid(current):
    taken = {target['tid'] for target in current.values()}
    tid = 1
    while tid in taken:
        tid += 1
    return tid


def new_credentials():
    """A fresh CHAP (username, password), letters and digits only."""
    return ('nl' + ''.join(secrets.choice(_ALPHABET) for _ in range(18)),
            ''.join(secrets.choice(_ALPHABET) for _ in range(16)))


def _connection_info(volume_id, iqn, portal, username, password):
    return {'driver_volume_type': 'iscsi',
            'data': {'target_discovered': False, 'target_iqn': iqn,
                     'target_portal': portal, 'target_lun': LUN,
                     'volume_id': volume_id, 'auth_method': 'CHAP',
                     'auth_username': username, 'auth_password': password,
                     'access_mode': 'rw', 'encrypted': False}}


def export(volume_id, attachment_id, path, initiator,
           portal=DEFAULT_PORTAL, prefix=DEFAULT_IQN_PREFIX, auth=None):
    """Export path for one attachment; its Cinder-shaped connection info.

    Idempotent: an existing target of the attachment is brought to this
    path, initiator and account (auth (username, password), else fresh
    credentials). The password is reset each time: tgtd cannot tell it.

    :param initiator: the only iSCSI initiator name that may log in
        (the connector's 'initiator')
    :raises ValueError: when path is no file or device, or no initiator
    :raises TargetError: when tgtadm fails
    """
    if not initiator:
        raise ValueError('an iSCSI export needs the initiator name of the '
                         'host that attaches the volume (the connector\'s '
                         '"initiator")')
    if not os.path.exists(path):
        raise ValueError('volume %s has nothing at %s to export'
                         % (volume_id, path))
    username, password = auth or new_credentials()
    iqn = target_name(volume_id, attachment_id, prefix)
    with _host_lock():
        current = targets()
        target = current.get(iqn)
        if target is not None and target['luns'].get(LUN) != path:
            _delete(target)
            del current[iqn]
            target = None
        if target is None:
            target = {'tid': _create(iqn, path, current), 'accounts': [],
                      'acls': []}
        tid = str(target['tid'])
        for other in target['accounts']:
            if other != username:
                _delete_account(other)
        _delete_account(username)
        execute(['--mode', 'account', '--op', 'new', '--user', username,
                 '--password', password])
        execute(['--mode', 'account', '--op', 'bind', '--tid', tid,
                 '--user', username])
        for other in target['acls']:
            if other != initiator:
                execute(['--mode', 'target', '--op', 'unbind', '--tid', tid,
                         '--initiator-name', other],
                        ok_errors=('does not exist',))
        if initiator not in target['acls']:
            execute(['--mode', 'target', '--op', 'bind', '--tid', tid,
                     '--initiator-name', initiator])
    return _connection_info(volume_id, iqn, portal, username, password)


def _create(iqn, path, current):
    """A new target iqn with path as LUN 1; its tid.

    A target id taken behind tgtadm's back (not by this module, which
    holds the lock) makes it try the next free one.
    """
    for attempt in range(5):
        tid = str(_free_tid(current))
        try:
            execute(['--mode', 'target', '--op', 'new', '--tid', tid,
                     '--targetname', iqn])
            break
        except TargetError as exc:
            if 'already exists' not in exc.message or attempt == 4:
                raise
            current = targets()
    try:
        execute(['--mode', 'logicalunit', '--op', 'new', '--tid', tid,
                 '--lun', str(LUN), '--backing-store', path])
    except TargetError:
        execute(['--mode', 'target', '--op', 'delete', '--force',
                 '--tid', tid], ok_errors=("can't find",))
        raise
    return int(tid)


def _delete_account(username):
    execute(['--mode', 'account', '--op', 'delete', '--user', username],
            ok_errors=("can't find the account",))


def _delete(target):
    execute(['--mode', 'target', '--op', 'delete', '--force',
             '--tid', str(target['tid'])], ok_errors=("can't find",))
    for username in target['accounts']:
        _delete_account(username)


def unexport(volume_id, attachment_id, prefix=DEFAULT_IQN_PREFIX,
             username=None):
    """Remove the attachment's target (even with sessions) and account.

    Idempotent. username: the attachment's CHAP user, removed even when
    its target is already gone.

    :raises TargetError: when tgtadm fails
    """
    iqn = target_name(volume_id, attachment_id, prefix)
    with _host_lock():
        target = targets().get(iqn)
        if target is not None:
            _delete(target)
        if username:
            _delete_account(username)


def recover(exports, portal=DEFAULT_PORTAL, prefix=DEFAULT_IQN_PREFIX,
            prune=True):
    """Make tgtd hold exactly these exports (after tgtd restarted).

    exports: dicts with volume_id, attachment_id, path, initiator,
    auth_username and auth_password. With prune, targets under prefix
    that no export names are removed (an attachment deleted while the
    volume service was down). Returns {attachment_id: connection info}.

    :raises TargetError: when tgtadm fails
    """
    recovered, wanted = {}, set()
    for item in exports:
        info = export(item['volume_id'], item['attachment_id'], item['path'],
                      item['initiator'], portal=portal, prefix=prefix,
                      auth=(item['auth_username'], item['auth_password']))
        recovered[item['attachment_id']] = info
        wanted.add(info['data']['target_iqn'])
    if prune:
        remove_targets(prefix + 'volume-', keep=wanted)
    return recovered


def remove_targets(iqn_prefix, keep=()):
    """Remove every target whose iqn starts with iqn_prefix (but those in
    keep), with their accounts; the iqns removed.

    :raises TargetError: when tgtadm fails
    """
    removed = []
    with _host_lock():
        for iqn, target in targets().items():
            if iqn.startswith(iqn_prefix) and iqn not in keep:
                _delete(target)
                removed.append(iqn)
    return removed
