# SPDX-License-Identifier: Apache-2.0
"""nova_like: a multi-process compute control plane like OpenStack Nova."""

import warnings

# oslo.messaging imports oslo.service, which imports eventlet only to warn
# that it is deprecated; nova_like never uses or monkey-patches eventlet.
warnings.filterwarnings('ignore', message=r'\s*Eventlet is deprecated')
