# SPDX-License-Identifier: Apache-2.0
"""Security groups and rules as the Compute API's proxies change them.

Network RPC 1.3 (os-security-groups, os-security-group-rules): the same
objects and checks as the Networking API's /v2.0/security-groups, with its
errors turned into nova_like.exception ones, the only ones RPC carries.
"""

import contextlib

from nova_like import exception
from nova_like.network import errors
from nova_like.network.objects import security_group as sg_obj


@contextlib.contextmanager
def rpc_errors():
    """Networking API errors as exceptions that cross RPC."""
    try:
        yield
    except errors.BadRequest as exc:
        raise exception.Invalid(str(exc))
    except errors.OverQuota as exc:
        raise exception.Forbidden(str(exc))
    except errors.SecurityGroupInUse as exc:
        raise exception.Conflict(str(exc))
    except errors.SecurityGroupCannotRemoveDefault as exc:
        raise exception.Conflict(str(exc))
    except errors.SecurityGroupRuleExists as exc:
        raise exception.Conflict(str(exc))


def list_groups(ctx, all_projects):
    """ctx's project's groups (its default made on first use); every
    project's for an admin asking all_projects."""
    with rpc_errors():
        groups = sg_obj.list_all(ctx)
    if all_projects and ctx.admin:
        return groups
    return [g for g in groups if g['project_id'] == ctx.project_id]


def get_group(ctx, group_id):
    with rpc_errors():
        return sg_obj.get(ctx, group_id)


def create_group(ctx, name, description):
    with rpc_errors():
        return sg_obj.create(ctx, {'name': name,
                                   'description': description})


def update_group(ctx, group_id, name, description):
    with rpc_errors():
        return sg_obj.update(ctx, group_id, {'name': name,
                                             'description': description})


def delete_group(ctx, group_id):
    """:returns: the ids of the groups whose rules named it (they lost
    those rules)."""
    with rpc_errors():
        return sg_obj.delete(ctx, group_id)


def create_rule(ctx, rule):
    with rpc_errors():
        return sg_obj.create_rule(ctx, rule)


def delete_rule(ctx, rule_id):
    """:returns: the id of the rule's group."""
    with rpc_errors():
        rule = sg_obj.get_rule(ctx, rule_id)
        sg_obj.delete_rule(ctx, rule_id)
    return rule['security_group_id']
