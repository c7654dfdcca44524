#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Make this Debian host a libvirt + QEMU hypervisor for nova_like: packages, qemu.conf, a running libvirtd.
# Idempotent and fast (well under a second) when everything is already there. Needs root.
# Without systemd: the monolithic libvirtd is started with -d; QEMU writes console logs itself
# (stdio_handler=file), so no virtlogd is needed.
set -euo pipefail

PACKAGES="libvirt-daemon libvirt-daemon-driver-qemu libvirt-clients libvirt-dev pkg-config gcc
qemu-system-x86 qemu-utils genisoimage busybox-static cpio"

if [ "$(id -u)" != 0 ]; then
    echo "ensure-libvirt: needs root to install and start libvirtd; skipped" >&2
    exit 0
fi

missing=""
for pkg in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
    echo "ensure-libvirt: installing$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=600 update -qq
    # shellcheck disable=SC2086
    apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends $missing >/dev/null
fi

# libvirtd refuses to start when its built-in default user is missing, even
# though qemu.conf below runs guests as root.
getent group libvirt-qemu >/dev/null || groupadd --system libvirt-qemu
getent passwd libvirt-qemu >/dev/null || useradd --system --no-create-home \
    -g libvirt-qemu -s /usr/sbin/nologin libvirt-qemu

conf=/etc/libvirt/qemu.conf
want='user = "root"
group = "root"
security_driver = "none"
stdio_handler = "file"'
changed=0
if [ "$(cat "$conf" 2>/dev/null)" != "$want" ]; then
    mkdir -p /etc/libvirt
    [ -f "$conf" ] && [ ! -f "$conf.dist" ] && cp "$conf" "$conf.dist"
    printf '%s\n' "$want" > "$conf"
    changed=1
fi

running() { [ -f /run/libvirtd.pid ] && kill -0 "$(cat /run/libvirtd.pid)" 2>/dev/null; }
if running && [ "$changed" = 1 ]; then
    kill -TERM "$(cat /run/libvirtd.pid)"
    for _ in $(seq 50); do running || break; sleep 0.1; done
fi
if ! running; then
    mkdir -p /var/log/libvirt
    LIBVIRT_LOG_OUTPUTS="3:file:/var/log/libvirt/libvirtd.log" /usr/sbin/libvirtd -d
fi
for _ in $(seq 300); do
    virsh -q -c qemu:///system uri >/dev/null 2>&1 && exit 0
    sleep 0.1
done
echo "ensure-libvirt: libvirtd did not answer on qemu:///system (see /var/log/libvirt/libvirtd.log)" >&2
exit 1
