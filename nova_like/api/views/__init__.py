# SPDX-License-Identifier: Apache-2.0
"""View builders: objects to response bodies, per microversion."""
