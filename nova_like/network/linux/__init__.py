# SPDX-License-Identifier: Apache-2.0
"""Host plumbing of networks: bridges, VXLAN, dnsmasq and nftables.

Plain values in (the VIF dicts of nova_like.network.model), kernel objects
out; nothing here reaches a database or RPC.
"""
