# SPDX-License-Identifier: Apache-2.0
"""[conductor] options."""

from oslo_config import cfg

conductor_group = cfg.OptGroup('conductor', title='Conductor options')

conductor_opts = [
    cfg.IntOpt('executor_threads', default=64, min=1,
               help='Threads that serve RPC requests in nova-like-conductor; '
                    'every compute object call takes one while it runs.'),
    cfg.IntOpt('reconcile_interval', default=15, min=1,
               help='Seconds between two passes that repair servers a '
                    'crash left half-done: BUILD or DELETING on a compute '
                    'host that is down becomes ERROR (or is deleted).'),
    cfg.IntOpt('build_request_timeout', default=180, min=1,
               help='Seconds after which a server still waiting to be '
                    'scheduled (a build request) is taken to have been '
                    'lost with a conductor that died: it goes to ERROR. '
                    'Keep it well above [DEFAULT] rpc_response_timeout, '
                    'which bounds one scheduling call.'),
    cfg.IntOpt('placement_audit_interval', default=60, min=0,
               help='Seconds between two Placement audits, which remove '
                    'allocations of servers that are gone and give servers '
                    'that lost theirs their allocation back (each only when '
                    'two audits in a row agree, so within twice this). '
                    '0 turns the audit off.'),
    cfg.IntOpt('port_audit_interval', default=60, min=0,
               help='Seconds between two port audits, which give back to '
                    'nova-like-network the ports of servers that are gone '
                    'or never ran (only when two audits in a row agree, so '
                    'within twice this). 0 turns the audit off; so does '
                    '[network] enabled = False.'),
    cfg.IntOpt('volume_audit_interval', default=60, min=0,
               help='Seconds between two volume audits, which delete the '
                    'volume attachments of servers that are gone (only '
                    'when two audits in a row agree, so within twice '
                    'this), so their volumes become available again. 0 '
                    'turns the audit off; it also skips a pass while no '
                    'nova-like-volume service is up.'),
]


def register_opts(conf):
    conf.register_group(conductor_group)
    conf.register_opts(conductor_opts, group=conductor_group)


def list_opts():
    return {conductor_group.name: conductor_opts}
