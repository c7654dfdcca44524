# SPDX-License-Identifier: Apache-2.0
"""The conductor's long flows, one module each."""
