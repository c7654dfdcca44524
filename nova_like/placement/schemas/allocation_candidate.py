# SPDX-License-Identifier: Apache-2.0
"""The fixed query parameters of GET /allocation_candidates.

Request-group parameters (resources, required, member_of, in_tree and
their suffixed forms) are parsed by objects/request_group.py.
"""


def fixed_params(version):
    """Names of the non-group parameters allowed at version."""
    names = set()
    if version >= (1, 16):
        names.add('limit')
    if version >= (1, 25):
        names.add('group_policy')
    if version >= (1, 35):
        names.add('root_required')
    if version >= (1, 36):
        names.add('same_subtree')
    return names
