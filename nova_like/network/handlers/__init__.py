# SPDX-License-Identifier: Apache-2.0
"""Handlers of the Networking API, one module per resource."""
