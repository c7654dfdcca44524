# SPDX-License-Identifier: Apache-2.0
"""JSON schemas of Placement request bodies and query strings."""
