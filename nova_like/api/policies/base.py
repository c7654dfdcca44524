# SPDX-License-Identifier: Apache-2.0
"""The check strings the rules use, as functions of (context, target)."""

ADMIN = 'role:admin'
PROJECT_MEMBER_OR_ADMIN = 'role:admin or (role:member and project_id:%(project_id)s)'
PROJECT_READER_OR_ADMIN = 'role:admin or (role:reader and project_id:%(project_id)s)'
ANY = '@'


def _is_admin(context):
    return bool(context.is_admin) or 'admin' in (context.roles or [])


def _owner(context, target):
    return target.get('project_id') in (None, context.project_id)


CHECKS = {
    ADMIN: lambda ctx, target: _is_admin(ctx),
    PROJECT_MEMBER_OR_ADMIN: lambda ctx, target: (
        _is_admin(ctx) or _owner(ctx, target)),
    PROJECT_READER_OR_ADMIN: lambda ctx, target: (
        _is_admin(ctx) or _owner(ctx, target)),
    ANY: lambda ctx, target: True,
}
