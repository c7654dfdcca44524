# SPDX-License-Identifier: Apache-2.0
"""Versioned objects: everything that crosses RPC.

``register_all()`` imports them.
"""


def register_all():
    """Import every object module so that the registry knows each class."""
    __import__('nova_like.objects.block_device_mapping')
    __import__('nova_like.objects.build_request')
    __import__('nova_like.objects.cell_mapping')
    __import__('nova_like.objects.compute_node')
    __import__('nova_like.objects.flavor')
    __import__('nova_like.objects.host_mapping')
    __import__('nova_like.objects.instance')
    __import__('nova_like.objects.instance_action')
    __import__('nova_like.objects.instance_fault')
    __import__('nova_like.objects.instance_group')
    __import__('nova_like.objects.instance_list')
    __import__('nova_like.objects.instance_mapping')
    __import__('nova_like.objects.request_spec')
    __import__('nova_like.objects.selection')
    __import__('nova_like.objects.service')
