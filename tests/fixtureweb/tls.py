"""Self-signed certificate for the fixture web, generated once and cached.

Chromium runs with ``--ignore-certificate-errors``, so the certificate need not chain
to a trusted root; it still lists every fixture and vendor host (plus wildcards) so
tools that only skip chain validation, or humans reading it, see sensible names.
Generation costs ~50 ms but is cached in the temp dir keyed by the name list, so
parallel test processes and repeated runs reuse the same files.
"""

from __future__ import annotations

import datetime
import hashlib
import ipaddress
import os
import ssl
import tempfile
from collections.abc import Iterable
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

CACHE_DIR = Path(tempfile.gettempdir()) / "fixtureweb-tls"
VALIDITY = datetime.timedelta(days=365)


def certificate_names(hosts: Iterable[str]) -> list[str]:
    """Hosts plus ``*.<registrable domain>`` wildcards, so new subdomains are covered."""
    names = {"localhost"}
    for host in hosts:
        names.add(host)
        labels = host.lstrip("*.").split(".")
        if len(labels) >= 2:
            names.add("*." + ".".join(labels[-2:]))
    return sorted(names)


def server_context(hosts: Iterable[str]) -> ssl.SSLContext:
    """TLS server context speaking HTTP/1.1 only (the handler does not speak h2)."""
    cert_path, key_path = certificate_files(certificate_names(hosts))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_path, key_path)
    context.set_alpn_protocols(["http/1.1"])
    return context


def certificate_files(names: list[str]) -> tuple[Path, Path]:
    """Paths of a cached certificate and key for exactly these names."""
    digest = hashlib.sha256("\n".join(names).encode()).hexdigest()[:16]
    folder = CACHE_DIR / digest
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    if not (cert_path.is_file() and key_path.is_file()):
        folder.mkdir(parents=True, exist_ok=True)
        cert_pem, key_pem = _generate(names)
        # Key first: a reader that sees the certificate can rely on the key existing.
        _write_atomically(key_path, key_pem)
        _write_atomically(cert_path, cert_pem)
    return cert_path, key_path


def _generate(names: list[str]) -> tuple[bytes, bytes]:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "fixtureweb")])
    now = datetime.datetime.now(datetime.UTC)
    alt_names: list[x509.GeneralName] = [x509.DNSName(name) for name in names]
    alt_names.append(x509.IPAddress(ipaddress.ip_address("127.0.0.1")))
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + VALIDITY)
        .add_extension(x509.SubjectAlternativeName(alt_names), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return certificate.public_bytes(serialization.Encoding.PEM), key_pem


def _write_atomically(path: Path, data: bytes) -> None:
    handle, temp_name = tempfile.mkstemp(dir=path.parent)
    with os.fdopen(handle, "wb") as temp:
        temp.write(data)
    os.replace(temp_name, path)
