# SPDX-License-Identifier: Apache-2.0
"""nova-like-conductor: orchestration of long flows and the compute hosts' DB proxy."""
