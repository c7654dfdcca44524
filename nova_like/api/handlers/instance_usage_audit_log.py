# SPDX-License-Identifier: Apache-2.0
"""/os-instance_usage_audit_log (admin): the usage audit of a period.

No audit task runs in nova_like: the answer is the one Nova gives where
the task never ran (views/instance_usage_audit_log.py).
"""

import datetime

from nova_like.api import errors
from nova_like.api import policies
from nova_like.api.policies import instance_usage_audit_log as rules
from nova_like.api.views import instance_usage_audit_log as view
from nova_like.api import wsgi_util
from nova_like.compute.api import hosts as host_api
from nova_like.objects import service as service_obj


def _log(context, before):
    begin, end = view.last_completed_period(before)
    hosts = [service.host for service, _cell in host_api.service_list(
        context.elevated(), binary=service_obj.COMPUTE_BINARY)]
    return view.audit_log(begin, end, hosts)


def index(request):
    """GET: the last completed period."""
    context = wsgi_util.context_of(request)
    policies.authorize(context, rules.LIST)
    now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    return wsgi_util.json_response(
        {'instance_usage_audit_logs': _log(context, now)})


def show(request):
    """GET .../{before}: the last period completed before a UTC time
    'YYYY-MM-DD HH:MM:SS[.ffffff]'."""
    context = wsgi_util.context_of(request)
    policies.authorize(context, rules.SHOW)
    text = request.urlvars['before_timestamp']
    layout = '%Y-%m-%d %H:%M:%S.%f' if '.' in text else '%Y-%m-%d %H:%M:%S'
    try:
        before = datetime.datetime.strptime(text, layout)
    except ValueError:
        raise errors.bad_request('Invalid timestamp for date %s' % text)
    return wsgi_util.json_response(
        {'instance_usage_audit_log': _log(context, before)})
