# SPDX-License-Identifier: Apache-2.0
"""nova-like-scheduler: picks hosts from Placement's allocation candidates."""
