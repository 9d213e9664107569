"""First-party websites served from folders named after their host.

A site is just ``sites/<host>/``; adding a folder adds a website, no code needed.
Sites without their own ``/favicon.ico`` get the shared one from ``common/``.
``/__npm/<package>/<path>`` serves files of the npm packages in package.json's
``devDependencies`` (real consent managers the banner sites load), from ``node_modules/``.
Per-file ``<file>.headers`` sidecars add response headers (``Set-Cookie``, ``Location``)
and may carry a ``Status: <code>`` pseudo-header so a page can be a redirect, which is
how ``www.redirect-fixture.nl`` answers ``/`` with a 302.
A site-wide ``sites/<host>/site.headers`` adds its headers to every HTTPS response of the site
(``Strict-Transport-Security``, say); its ``Plain-HTTP: <code>`` pseudo-header answers every
plain-HTTP request with that redirect to the same URL over HTTPS. Without it, plain HTTP gets
the same pages as HTTPS, as on a site that never enforces HTTPS.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from urllib.parse import unquote

from tests.fixtureweb.response import Response, binary, content_type_for, html, redirect, text

PACKAGE_DIR = Path(__file__).resolve().parent
SITES_DIR = PACKAGE_DIR / "sites"
COMMON_DIR = PACKAGE_DIR / "common"
COMMON_PREFIX = "/__fixture/"
REPO_ROOT = PACKAGE_DIR.parent.parent
NODE_MODULES_DIR = REPO_ROOT / "node_modules"
PACKAGE_JSON = REPO_ROOT / "package.json"
NPM_PREFIX = "/__npm/"
SIDECAR_SUFFIX = ".headers"
SITE_SIDECAR = "site.headers"
PLAIN_HTTP = "plain-http"
FAVICON_PATH = "/favicon.ico"

NOT_FOUND_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>404 Not Found</title></head>
<body><h1>Not Found</h1><p>The requested URL was not found on this server.</p></body></html>
"""


def site_hosts() -> list[str]:
    """Hosts that have a site folder (used for the certificate's names)."""
    if not SITES_DIR.is_dir():
        return []
    return sorted(p.name for p in SITES_DIR.iterdir() if p.is_dir())


def serve_first_party(host: str, path: str, scheme: str = "https", query: str = "") -> Response:
    """Answer a request for a host that no vendor emulation claims."""
    site_headers = _site_headers(SITES_DIR / host / SITE_SIDECAR)
    if scheme == "http" and PLAIN_HTTP in site_headers:
        location = f"https://{host}{path}" + (f"?{query}" if query else "")
        return redirect(location, int(site_headers[PLAIN_HTTP]))
    response = _serve_site(host, path)
    if scheme == "https":
        response.headers.extend((k, v) for k, v in site_headers.items() if k != PLAIN_HTTP)
    return response


def _site_headers(sidecar: Path) -> dict[str, str]:
    """The site-wide headers (lower-cased names), with the ``plain-http`` pseudo-header."""
    return {name.lower(): value for name, value in _sidecar_lines(sidecar)}


def _sidecar_lines(sidecar: Path) -> list[tuple[str, str]]:
    """``Name: value`` lines of a sidecar file (none when it does not exist), comments skipped."""
    if not sidecar.is_file():
        return []
    lines = []
    for line in sidecar.read_text(encoding="utf-8").splitlines():
        name, sep, value = line.partition(":")
        if sep and not line.lstrip().startswith("#"):
            lines.append((name.strip(), value.strip()))
    return lines


def site_folder(host: str) -> Path:
    """``sites/<host>/``, else a wildcard folder ``sites/*.<parent>/`` serving one site under
    many host names (``*.vloot-fixture.nl``: the fleet tests' twenty identical sites)."""
    exact = SITES_DIR / host
    wildcard = SITES_DIR / ("*." + host.partition(".")[2])
    return wildcard if not exact.is_dir() and wildcard.is_dir() else exact


def _serve_site(host: str, path: str) -> Response:
    if path.startswith(COMMON_PREFIX):
        return _serve_file(COMMON_DIR, path[len(COMMON_PREFIX) :], url_path=path)
    if path.startswith(NPM_PREFIX):
        return _serve_npm(path)
    site_dir = site_folder(host)
    if not site_dir.is_dir():
        return text(f"no fixture for host {host}\n", 404)
    if path == FAVICON_PATH and not (site_dir / FAVICON_PATH[1:]).is_file():
        # Chromium fetches it for every page; a 404 would add console noise to each test.
        return _serve_file(COMMON_DIR, FAVICON_PATH[1:], url_path=path)
    return _serve_file(site_dir, path.lstrip("/"), url_path=path)


@cache
def npm_packages() -> frozenset[str]:
    """Packages the fixture web may serve: package.json's devDependencies, nothing else."""
    if not PACKAGE_JSON.is_file():
        return frozenset()
    manifest = json.loads(PACKAGE_JSON.read_text(encoding="utf-8"))
    return frozenset(manifest.get("devDependencies", {}))


def _serve_npm(path: str) -> Response:
    """``/__npm/<package>/<file>``, where ``<package>`` may be scoped (``@scope/name``)."""
    parts = path[len(NPM_PREFIX) :].split("/")
    size = 2 if parts[0].startswith("@") else 1
    package, relative = "/".join(parts[:size]), "/".join(parts[size:])
    if package not in npm_packages():
        return text(f"npm package {package!r} is not a devDependency in package.json\n", 404)
    package_dir = NODE_MODULES_DIR / package
    if not package_dir.is_dir():
        return text(
            f"node_modules/{package} is missing: run scripts/setup.sh (npm ci) first\n", 404
        )
    return _serve_file(package_dir.resolve(), relative, url_path=path)


def _serve_file(root: Path, relative: str, *, url_path: str) -> Response:
    target = _resolve_inside(root, unquote(relative))
    if target is None or target.name.endswith(SIDECAR_SUFFIX):
        return _not_found(root)
    if target.is_dir():
        if not url_path.endswith("/"):
            # Like Apache/nginx: without the slash, relative links on the page would break.
            return redirect(url_path + "/", 301)
        target = target / "index.html"
    if not target.is_file():
        return _not_found(root)
    response = binary(target.read_bytes(), content_type_for(target.name))
    return _apply_sidecar(response, target.with_name(target.name + SIDECAR_SUFFIX))


def _resolve_inside(root: Path, relative: str) -> Path | None:
    """Resolve a URL path under root, refusing ``..`` escapes out of the site folder."""
    candidate = (root / relative).resolve()
    if candidate != root and root not in candidate.parents:
        return None
    return candidate


def _apply_sidecar(response: Response, sidecar: Path) -> Response:
    for name, value in _sidecar_lines(sidecar):
        if name.lower() == "status":
            response.status = int(value.split()[0])
        else:
            response.headers.append((name, value))
    return response


def _not_found(root: Path) -> Response:
    custom = root / "404.html"
    page = custom.read_text(encoding="utf-8") if custom.is_file() else NOT_FOUND_PAGE
    return html(page, 404)
