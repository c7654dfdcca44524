# SPDX-License-Identifier: Apache-2.0
"""Key pair material: fingerprints and server-side ssh key generation.

Fingerprints of ssh and x509 public keys.
"""

import base64
import hashlib

from cryptography import exceptions as cryptography_exceptions
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization
from cryptography import x509

from nova_like import exception

GENERATED_COMMENT = 'Generated-by-Nova'


def _colon_hex(digest):
    return ':'.join('%02x' % b for b in digest)


def ssh_fingerprint(public_key):
    """MD5 of the key blob as colon-separated hex, as `ssh-keygen -E md5`.

    :raises: InvalidKeypair when public_key is not an OpenSSH public key.
    """
    try:
        serialization.load_ssh_public_key(public_key.strip().encode())
        blob = base64.b64decode(public_key.split()[1], validate=True)
    except (ValueError, IndexError, UnicodeEncodeError,
            cryptography_exceptions.UnsupportedAlgorithm) as exc:
        raise exception.InvalidKeypair(
            reason='Keypair data is invalid: failed to generate '
                   'fingerprint') from exc
    return _colon_hex(hashlib.md5(blob, usedforsecurity=False).digest())


def x509_fingerprint(certificate):
    """SHA-1 of the DER certificate as colon-separated hex.

    :raises: InvalidKeypair when certificate is not a PEM certificate.
    """
    try:
        cert = x509.load_pem_x509_certificate(certificate.encode())
    except (ValueError, UnicodeEncodeError) as exc:
        raise exception.InvalidKeypair(
            reason='Keypair data is invalid: failed to generate '
                   'fingerprint') from exc
    return _colon_hex(cert.fingerprint(hashes.SHA1()))


def fingerprint(key_type, public_key):
    if key_type == 'x509':
        return x509_fingerprint(public_key)
    return ssh_fingerprint(public_key)


def generate_ssh_key():
    """A new RSA 2048 key pair.

    :returns: (private key in PEM, OpenSSH public key, fingerprint)
    """
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption()).decode()
    public = '%s %s' % (key.public_key().public_bytes(
        serialization.Encoding.OpenSSH,
        serialization.PublicFormat.OpenSSH).decode(), GENERATED_COMMENT)
    return private, public, ssh_fingerprint(public)
