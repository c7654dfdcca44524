# SPDX-License-Identifier: Apache-2.0
"""nova_like: a multi-process compute control plane in the style of OpenStack Nova."""
