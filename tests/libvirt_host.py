# SPDX-License-Identifier: Apache-2.0
"""A second libvirt host on this machine: a libvirtd in a network namespace.

libvirtd keeps its state at fixed paths (/run/libvirt, /var/lib/libvirt,
/var/cache/libvirt, /var/log/libvirt, and persistent domains in
/etc/libvirt/qemu), so a second one runs in its own mount namespace with
those bound to private directories under a folder of the caller's, and in
a network namespace, where its guests' taps are made. Its socket is then
<folder>/run/libvirt-sock, reached from the host as
qemu+unix:///system?socket=<that path>. Guests run as the machine's
qemu.conf says (tools/ensure-libvirt.sh): the file is copied, not its
domains.
"""

import collections
import contextlib
import glob
import os
import shutil
import signal
import subprocess
import time

from tests import waiters

LibvirtHost = collections.namedtuple('LibvirtHost',
                                     'netns path uri pid made_netns')

# Where libvirtd keeps state: the private folder of each.
STATE_DIRS = {'run': '/run/libvirt', 'lib': '/var/lib/libvirt',
              'cache': '/var/cache/libvirt', 'log': '/var/log/libvirt',
              'etc': '/etc/libvirt'}
MAX_SOCKET_PATH = 107       # sun_path


def uri_of(path):
    """The libvirt URI of the libvirtd whose private folder is path."""
    return 'qemu+unix:///system?socket=%s' % os.path.join(
        path, 'run', 'libvirt-sock')


def _netns_exists(netns):
    return os.path.exists(os.path.join('/run/netns', netns))


def _pid_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        with open('/proc/%d/stat' % pid) as handle:
            return handle.read().split(')')[-1].split()[0] != 'Z'
    except OSError:
        return False


def log_tail(path, chars=1500):
    try:
        with open(os.path.join(path, 'log', 'libvirtd.log')) as handle:
            return handle.read()[-chars:]
    except OSError as exc:
        return 'no libvirtd.log: %s' % exc


def start(netns, path, timeout=30):
    """Start a libvirtd in netns (made if missing) with its state in path.

    :returns: a LibvirtHost; give it to stop().
    :raises: AssertionError naming what failed, with the log's end.
    """
    import libvirt
    uri = uri_of(path)
    socket = uri.split('socket=', 1)[1]
    if len(socket) > MAX_SOCKET_PATH:
        raise AssertionError('libvirtd socket path %s is longer than %d '
                             'characters' % (socket, MAX_SOCKET_PATH))
    for name in STATE_DIRS:
        os.makedirs(os.path.join(path, name), exist_ok=True)
    # The daemon's configuration, not the main libvirtd's domains,
    # networks or secrets.
    for conf in glob.glob('/etc/libvirt/*.conf'):
        shutil.copy(conf, os.path.join(path, 'etc'))
    made = not _netns_exists(netns)
    if made:
        subprocess.run(['ip', 'netns', 'add', netns], check=True,
                       capture_output=True)
    subprocess.run(['ip', '-n', netns, 'link', 'set', 'lo', 'up'],
                   check=True, capture_output=True)
    pidfile = os.path.join(path, 'libvirtd.pid')
    binds = ' && '.join('mount --bind %s %s' % (os.path.join(path, name),
                                                target)
                        for name, target in STATE_DIRS.items())
    result = subprocess.run(
        ['ip', 'netns', 'exec', netns, 'unshare', '--mount',
         '--propagation', 'private', 'sh', '-c',
         '%s && exec /usr/sbin/libvirtd -d --pid-file %s' % (binds,
                                                              pidfile)],
        env=dict(os.environ, LIBVIRT_LOG_OUTPUTS=(
            '3:file:/var/log/libvirt/libvirtd.log')),
        capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        if made:
            subprocess.run(['ip', 'netns', 'delete', netns],
                           capture_output=True)
        raise AssertionError('libvirtd in netns %s did not start (%d): %s %s'
                             % (netns, result.returncode, result.stderr,
                                log_tail(path)))

    def answers():
        conn = libvirt.open(uri)
        conn.close()
        return True
    try:
        waiters.wait_for(answers, timeout, 'libvirtd on %s' % uri,
                         interval=0.1, retry_on=libvirt.libvirtError)
        with open(pidfile) as handle:
            pid = int(handle.read().strip())
    except (AssertionError, OSError, ValueError) as exc:
        stop(LibvirtHost(netns, path, uri, _pid_in(pidfile), made))
        raise AssertionError('%s; log: %s' % (exc, log_tail(path))) from None
    return LibvirtHost(netns, path, uri, pid, made)


def _pid_in(pidfile):
    try:
        with open(pidfile) as handle:
            return int(handle.read().strip())
    except (OSError, ValueError):
        return None


def _destroy_domains(uri):
    """Destroy and undefine every domain of that (private) libvirtd."""
    import libvirt
    try:
        conn = libvirt.open(uri)
    except libvirt.libvirtError:
        return
    try:
        for dom in conn.listAllDomains(0):
            try:
                if dom.isActive():
                    dom.destroy()
                dom.undefineFlags(libvirt.VIR_DOMAIN_UNDEFINE_MANAGED_SAVE)
            except libvirt.libvirtError:
                pass    # gone meanwhile
    finally:
        conn.close()


def _netns_pids(netns):
    out = subprocess.run(['ip', 'netns', 'pids', netns], capture_output=True,
                         text=True).stdout
    return [int(word) for word in out.split() if word.isdigit()]


def _end(pids, timeout=10):
    """SIGTERM pids, SIGKILL those alive after timeout seconds."""
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while any(_pid_alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    for pid in pids:
        if _pid_alive(pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def stop(host):
    """Destroy its guests, stop libvirtd and anything else left in its
    namespace, and remove the namespace if start() made it. Private
    folders stay (their logs) for the caller to remove with its own."""
    if host.pid and _pid_alive(host.pid):
        _destroy_domains(host.uri)
        _end([host.pid])
    if _netns_exists(host.netns):
        # Only processes of this host live there (a QEMU a dead libvirtd
        # left running).
        _end(_netns_pids(host.netns))
        if host.made_netns:
            subprocess.run(['ip', 'netns', 'delete', host.netns],
                           capture_output=True)


def running(host):
    """Whether its libvirtd still runs."""
    return bool(host.pid) and _pid_alive(host.pid)


@contextlib.contextmanager
def libvirt_host(netns, path):
    """start() ... stop(), even when the body fails."""
    host = start(netns, path)
    try:
        yield host
    finally:
        stop(host)
