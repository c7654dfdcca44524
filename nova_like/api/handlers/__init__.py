# SPDX-License-Identifier: Apache-2.0
"""REST handlers, one module per resource.

Handlers are plain functions (request) -> response.
"""
