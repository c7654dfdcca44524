# SPDX-License-Identifier: Apache-2.0
"""Run ip, bridge, nft and friends, optionally inside a network namespace.

Every command goes through execute(), so unit tests record commands by
replacing one function (set_runner) and a failure always names the
command, the namespace and the command's stderr.
"""

import contextlib
import fcntl
import json
import os
import subprocess
import tempfile

from nova_like.network.linux import errors

MAX_IFNAME = 15


def _subprocess_runner(argv, input_text):
    proc = subprocess.run(argv, input=input_text, capture_output=True,
                          text=True, check=False)
    return proc.returncode, proc.stdout, proc.stderr


_runner = _subprocess_runner


def set_runner(runner):
    """Replace how commands run: runner(argv, input_text) -> (rc, out, err).

    Returns the previous runner (tests put it back).
    """
    global _runner
    previous, _runner = _runner, runner
    return previous


def netns_argv(argv, netns=None):
    """argv run inside netns (ip netns exec), or argv itself."""
    if netns:
        return ['ip', 'netns', 'exec', netns] + list(argv)
    return list(argv)


def execute(argv, netns=None, check=True, input_text=None,
            ok_errors=()):
    """Run argv (inside netns); return stdout.

    A non-zero exit raises CommandFailed unless check is False or stderr
    contains one of ok_errors (then '' is returned).
    """
    full = netns_argv(argv, netns)
    try:
        rc, out, err = _runner(full, input_text)
    except FileNotFoundError as exc:
        raise errors.CommandFailed(
            cmd=' '.join(full), returncode=127,
            where=' in netns %s' % netns if netns else '',
            stderr='%s is not installed (tools/ensure-network.sh '
                   'installs it)' % exc.filename) from exc
    if rc == 0:
        return out
    if any(text in err for text in ok_errors) or not check:
        return ''
    raise errors.CommandFailed(
        cmd=' '.join(full), returncode=rc,
        where=' in netns %s' % netns if netns else '',
        stderr=err.strip() or out.strip() or '(no output)')


def ip(args, netns=None, **kwargs):
    """ip <args> (in netns)."""
    return execute(['ip'] + list(args), netns=netns, **kwargs)


def check_ifname(name):
    if not name or len(name) > MAX_IFNAME:
        raise ValueError('interface name %r is longer than %d characters'
                         % (name, MAX_IFNAME))
    return name


def link_info(name, netns=None):
    """ip -d -j link show <name> as a dict, or None when it does not exist."""
    out = ip(['-d', '-j', 'link', 'show', 'dev', name], netns=netns,
             ok_errors=('does not exist', 'Cannot find device'))
    if not out.strip():
        return None
    return json.loads(out)[0]


def device_exists(name, netns=None):
    """Whether a network device called name exists (in netns)."""
    return link_info(name, netns) is not None


def link_kind(info):
    """'bridge', 'vxlan', 'veth', ... of a link_info dict (None: plain)."""
    return (info or {}).get('linkinfo', {}).get('info_kind')


def bridge_ports(bridge, netns=None):
    """Names of the devices enslaved to bridge (in netns)."""
    out = ip(['-j', 'link', 'show', 'master', bridge], netns=netns,
             ok_errors=('does not exist', 'Cannot find device'))
    return [link['ifname'] for link in json.loads(out or '[]')]


def netns_exists(name):
    return os.path.exists(os.path.join('/run/netns', name))


def ensure_netns(name):
    """Create network namespace name (with lo up) unless it exists."""
    if not netns_exists(name):
        ip(['netns', 'add', name], ok_errors=('File exists',))
    ip(['link', 'set', 'lo', 'up'], netns=name)


def delete_netns(name):
    ip(['netns', 'delete', name],
       ok_errors=('No such file', 'Cannot remove namespace'))


def delete_link(name, netns=None):
    ip(['link', 'del', 'dev', name], netns=netns,
       ok_errors=('does not exist', 'Cannot find device'))


def _lock_dir():
    path = os.path.join(tempfile.gettempdir(), 'nova_like-netlocks')
    os.makedirs(path, exist_ok=True)
    return path


def lock_path(netns=None):
    """The lock file of a namespace's plumbing (see host_lock)."""
    return os.path.join(_lock_dir(), 'netns-%s' % (netns or '-'))


@contextlib.contextmanager
def host_lock(netns=None):
    """An exclusive lock between processes of this machine on the
    bridges of one namespace (netns None: the host's own)."""
    with open(lock_path(netns), 'a') as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
