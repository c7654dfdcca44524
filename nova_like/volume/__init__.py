# SPDX-License-Identifier: Apache-2.0
"""nova-like-volume: the volume worker, Block Storage v3 shaped."""
