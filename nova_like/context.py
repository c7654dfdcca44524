# SPDX-License-Identifier: Apache-2.0
"""RequestContext: who is asking, and which cell database a call targets."""

import contextlib
import copy

from oslo_context import context as o_context


class RequestContext(o_context.RequestContext):
    """A request's identity plus the cell it targets.

    ``db_connection`` is the cell database URL set by ``target_cell``; when
    None, cell-DB calls use [database] connection.
    """

    def __init__(self, user_id=None, project_id=None, is_admin=None,
                 read_deleted='no', remote_address=None, timestamp=None,
                 db_connection=None, cell_uuid=None, **kwargs):
        kwargs.setdefault('user_id', user_id)
        kwargs.setdefault('project_id', project_id)
        super().__init__(is_admin=bool(is_admin), **kwargs)
        self.read_deleted = read_deleted
        self.remote_address = remote_address
        self.db_connection = db_connection
        self.cell_uuid = cell_uuid

    def to_dict(self):
        values = super().to_dict()
        values.update({'user_id': self.user_id,
                       'project_id': self.project_id,
                       'read_deleted': self.read_deleted,
                       'remote_address': self.remote_address,
                       'cell_uuid': self.cell_uuid})
        return values

    @classmethod
    def from_dict(cls, values):
        # The cell DB URL never travels: the receiver resolves cell_uuid.
        allowed = cls._allowed_keys()
        kwargs = {k: v for k, v in values.items() if k in allowed}
        return cls(**kwargs)

    @classmethod
    def _allowed_keys(cls):
        return {'user_id', 'project_id', 'is_admin', 'read_deleted',
                'remote_address', 'request_id', 'global_request_id',
                'roles', 'user_name', 'project_name', 'domain_id',
                'user_domain_id', 'project_domain_id', 'auth_token',
                'service_catalog', 'cell_uuid', 'system_scope',
                'is_admin_project', 'show_deleted'}

    def elevated(self, read_deleted=None):
        ctx = copy.copy(self)
        ctx.roles = list(self.roles)
        ctx.is_admin = True
        if 'admin' not in ctx.roles:
            ctx.roles.append('admin')
        if read_deleted is not None:
            ctx.read_deleted = read_deleted
        return ctx


def get_admin_context(read_deleted='no'):
    """A context for the services' own work, not tied to any user."""
    return RequestContext(is_admin=True, read_deleted=read_deleted,
                          roles=['admin'], overwrite=False)


@contextlib.contextmanager
def target_cell(context, cell_mapping):
    """Yield a copy of context whose cell-DB calls go to cell_mapping's DB."""
    cctx = copy.copy(context)
    if cell_mapping is not None:
        cctx.db_connection = cell_mapping.database_connection
        cctx.cell_uuid = cell_mapping.uuid
    yield cctx
