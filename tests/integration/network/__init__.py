# SPDX-License-Identifier: Apache-2.0
"""Network service tests (integration/network tier)."""
