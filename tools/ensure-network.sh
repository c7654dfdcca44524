#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Make this Debian host able to run nova_like's data plane: ip/bridge, nft, dnsmasq.
# Idempotent and fast (a few dpkg-query calls) when everything is already there. Needs root.
# The kernel side (bridge, veth, netns, vxlan, nf_tables bridge family) is not installed
# here: docs/network.md ("The data plane") says what this machine's kernel has.
set -euo pipefail

PACKAGES="iproute2 nftables dnsmasq-base busybox-static"

if [ "$(id -u)" != 0 ]; then
    echo "ensure-network: needs root to install packages; skipped" >&2
    exit 0
fi

missing=""
for pkg in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
    echo "ensure-network: installing$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=600 update -qq
    # shellcheck disable=SC2086
    apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends $missing >/dev/null
fi

# dnsmasq-base ships no service: nova-like-network starts one dnsmasq per
# network itself. The firewall needs br_netfilter (conntrack of bridged
# traffic, docs/network.md "The data plane"); it sets the sysctl itself.
[ -d /proc/sys/net/bridge ] || echo "ensure-network: no br_netfilter in this kernel: [network] firewall_driver = nftables cannot see established traffic" >&2
for tool in ip bridge nft dnsmasq; do
    command -v "$tool" >/dev/null || { echo "ensure-network: $tool missing after install" >&2; exit 1; }
done
