# SPDX-License-Identifier: Apache-2.0
"""InstanceList: one cell's servers that match a filter, in order.

Read one page at a time.
"""

from oslo_versionedobjects import fields

from nova_like.db.main import instances as db
from nova_like import exception
from nova_like.objects import base
from nova_like.objects import instance as instance_obj


@base.NovaLikeObjectRegistry.register
class InstanceList(base.ObjectListBase, base.NovaLikeObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {'objects': fields.ListOfObjectsField('Instance')}

    @classmethod
    @base.remotable
    def get_by_filters(cls, context, filters, sort_keys=None, sort_dirs=None,
                       limit=None, marker=None):
        """Instances of the context's cell matching filters.

        :param filters: see db instance_get_all_by_filters_sort.
        :param marker: uuid of the last instance of the previous page.
        :raises: MarkerNotFound when no instance of this cell has that uuid.
        """
        marker_values = None
        if marker is not None:
            try:
                marker_values = db.instance_get_by_uuid_any(context, marker)
            except exception.InstanceNotFound:
                raise exception.MarkerNotFound(marker=marker)
        return cls.get_by_filters_after(context, filters, sort_keys,
                                        sort_dirs, limit, marker_values)

    @classmethod
    def get_by_filters_after(cls, context, filters, sort_keys=None,
                             sort_dirs=None, limit=None, marker_values=None):
        """Like get_by_filters, with the marker given by its sort values.

        Lists across cells use this: the marker row may live in another
        cell (or be a build request), only its sort values matter.
        """
        rows = db.instance_get_all_by_filters_sort(
            context, filters, limit=limit, marker=marker_values,
            sort_keys=sort_keys, sort_dirs=sort_dirs)
        result = cls(context)
        result.objects = [instance_obj.Instance._from_db_object(
            context, instance_obj.Instance(), row) for row in rows]
        result._context = context
        result.obj_reset_changes()
        return result

    # Not remotable, the two below: for the API's operator views.

    @classmethod
    def get_by_hosts(cls, context, hosts):
        """The live instances on hosts in this cell, oldest first.

        Read in one narrow query: each Instance has only uuid, host and
        display_name set.
        """
        rows = db.instance_get_brief_by_hosts(context, hosts)
        result = cls(context)
        result.objects = [base.from_db(context, instance_obj.Instance(), row)
                          for row in rows]
        result.obj_reset_changes()
        return result

    @classmethod
    def get_active_by_window(cls, context, begin, end, project_id=None):
        """The instances of this cell, deleted ones too, that existed at
        some time in [begin, end), oldest first.

        :param begin: naive UTC datetime; so is end.
        :param project_id: only this project's, when given.
        """
        return base.list_from_db(context, cls,
                                 db.instance_get_active_by_window(
                                     context, begin, end, project_id))

    @staticmethod
    def marker_values(context, marker):
        """The column values of instance marker (deleted or not) in this cell.

        :raises: MarkerNotFound.
        """
        try:
            return db.instance_get_by_uuid_any(context, marker)
        except exception.InstanceNotFound:
            raise exception.MarkerNotFound(marker=marker)
