# SPDX-License-Identifier: Apache-2.0
"""The cell database: instances, faults, services and compute nodes."""
