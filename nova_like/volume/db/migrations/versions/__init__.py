# SPDX-License-Identifier: Apache-2.0
"""Revisions of the volume database, oldest first."""
