# SPDX-License-Identifier: Apache-2.0
"""The compute service's facade, run only inside nova-like-api.

It covers servers, hosts, aggregates, groups and usage.

The rest of nova_like/compute is the compute daemon, which never touches a
database; these modules do (through objects and the db package), which is
why they live in their own package (docs/architecture.md, "Where code
lives").
"""

from nova_like.compute.api.servers import API  # noqa: F401
