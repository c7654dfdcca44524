# SPDX-License-Identifier: Apache-2.0
"""Handlers of the Block Storage API, one module per resource."""
