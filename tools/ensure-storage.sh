#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Make this Debian host able to export and attach volumes: tgt (userspace iSCSI target), QEMU's iSCSI initiator.
# Idempotent and fast (a few dpkg-query calls and one tgtadm) when everything is already there. Needs root.
#
# docs/volumes-backends.md says why only these: this kernel has no
# device-mapper (so no LVM), no SCSI layer (so no open-iscsi initiator) and
# no configfs (so no LIO target). tgtd runs without systemd, in the
# foreground under setsid, logging to /var/log/tgt/tgtd.log; it listens on
# $NOVA_LIKE_ISCSI_PORTAL (default 127.0.0.1:3260: every compute host of
# the lab is on this machine; give an address other hosts reach for a
# multi-machine setup). Targets live in tgtd's memory only: after tgtd
# restarts, nova-like-volume re-creates them (targets.tgt.recover).
set -euo pipefail

PACKAGES="tgt qemu-block-extra qemu-utils"
PORTAL=${NOVA_LIKE_ISCSI_PORTAL:-127.0.0.1:3260}
LOG=/var/log/tgt/tgtd.log

if [ "$(id -u)" != 0 ]; then
    echo "ensure-storage: needs root to install packages and start tgtd; skipped" >&2
    exit 0
fi

missing=""
for pkg in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
    echo "ensure-storage: installing$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=600 update -qq
    # shellcheck disable=SC2086
    apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends $missing >/dev/null
fi

# QEMU loads its iSCSI initiator (libiscsi) as a module from qemu-block-extra.
ls /usr/lib/*/qemu/block-iscsi.so >/dev/null 2>&1 || {
    echo "ensure-storage: QEMU's block-iscsi.so is missing after installing qemu-block-extra" >&2
    exit 1
}

answers() { tgtadm --lld iscsi --mode system --op show >/dev/null 2>&1; }
if ! answers; then
    mkdir -p "$(dirname "$LOG")"
    setsid /usr/sbin/tgtd -f --iscsi "portal=$PORTAL" >>"$LOG" 2>&1 </dev/null &
    for _ in $(seq 100); do answers && break; sleep 0.05; done
    answers || { echo "ensure-storage: tgtd did not answer tgtadm (see $LOG)" >&2; exit 1; }
    echo "ensure-storage: started tgtd on $PORTAL"
fi
