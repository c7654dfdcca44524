# SPDX-License-Identifier: Apache-2.0
"""How a volume reaches a compute host: local (same host) or iSCSI (tgt)."""
