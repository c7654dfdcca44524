# SPDX-License-Identifier: Apache-2.0
"""ImagePropertiesFilter: image properties that must match the host.

The image's hw_architecture and img_hv_type.
"""

from oslo_serialization import jsonutils


def image_properties(spec):
    """The image's properties: RequestSpec.image holds strings only, so
    the API sends them as JSON under 'properties'."""
    image = spec.image or {}
    properties = image.get('properties') or {}
    if isinstance(properties, str):
        properties = jsonutils.loads(properties)
    return properties


class ImagePropertiesFilter:

    def host_passes(self, host_state, spec):
        properties = image_properties(spec)
        arch = properties.get('hw_architecture') or properties.get(
            'architecture')
        if arch and arch != host_state.cpu_info.get('arch'):
            return 'architecture %s' % host_state.cpu_info.get('arch')
        hv_type = properties.get('img_hv_type') or properties.get(
            'hypervisor_type')
        if hv_type and hv_type != host_state.hypervisor_type:
            return 'hypervisor %s' % host_state.hypervisor_type
        return None
