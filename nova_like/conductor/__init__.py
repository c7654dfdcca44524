# SPDX-License-Identifier: Apache-2.0
"""nova-like-conductor: long flows, and the compute hosts' DB proxy.

It orchestrates the long flows.
"""
