# SPDX-License-Identifier: Apache-2.0
"""Errors of the host plumbing: a failed command, missing kernel support."""

from nova_like import exception


class CommandFailed(exception.NovaLikeException):
    msg_fmt = ('%(cmd)s failed (exit %(returncode)s%(where)s): '
               '%(stderr)s')


class KernelSupportMissing(exception.PortBindingFailed):
    """A network type this host's kernel cannot carry (vlan without 8021q).

    A PortBindingFailed, so that a port's first bind fails with it.
    """

    msg_fmt = ('Network %(network_id)s (%(network_type)s) cannot be '
               'plugged on this host: %(reason)s')


class PlumbingConfigError(exception.PortBindingFailed):
    msg_fmt = ('Network %(network_id)s cannot be plugged on this host: '
               '%(reason)s')
