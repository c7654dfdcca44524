# SPDX-License-Identifier: Apache-2.0
"""JSON Schemas of request bodies and query strings, a module per resource."""
