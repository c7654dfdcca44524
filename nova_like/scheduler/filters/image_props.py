# SPDX-License-Identifier: Apache-2.0
"""ImagePropertiesFilter: the image's hw_architecture and img_hv_type must match the host."""


class ImagePropertiesFilter:

    def host_passes(self, host_state, spec):
        properties = (spec.image or {})
        arch = properties.get('hw_architecture') or properties.get(
            'architecture')
        if arch and arch != host_state.cpu_info.get('arch'):
            return 'architecture %s' % host_state.cpu_info.get('arch')
        hv_type = properties.get('img_hv_type') or properties.get(
            'hypervisor_type')
        if hv_type and hv_type != host_state.hypervisor_type:
            return 'hypervisor %s' % host_state.hypervisor_type
        return None
