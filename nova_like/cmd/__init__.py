# SPDX-License-Identifier: Apache-2.0
"""Console entry points: one per daemon, plus nova-like-manage."""
