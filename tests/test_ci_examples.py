"""The CI examples in docs/ci/ run as written: the steps marked as the scan (GitHub steps named
``privacyscan: ...``, GitLab's ``.privacyscan-scan`` and ``.privacyscan-gate`` anchors) are read
from the files and run, unchanged, with bash against a tiny built site on loopback and real
Chromium. Only the variables differ: the site folder and port, and host rules that send every
host to loopback (the site, or the fixture web for its tracker), so nothing leaves the machine.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from junitparser import JUnitXml

from tests.conftest import ROOT
from tests.fixtureweb import FixtureWeb
from tests.test_outputs import assert_valid_sarif

GITHUB = ROOT / "docs/ci/github-actions.yml"
GITLAB = ROOT / "docs/ci/gitlab-ci.yml"
SITE_HOST = "www.example.nl"
#: A built site's start page: Google's tag from the (fixture) tag manager, before any consent.
INDEX = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>CI example site</title>
<script async src="http://www.googletagmanager.com/gtag/js?id=G-CIEXAMPLE"></script>
<script>
  window.dataLayer = window.dataLayer || [];
  function gtag(){dataLayer.push(arguments);}
  gtag('js', new Date());
  gtag('config', 'G-CIEXAMPLE');
</script></head>
<body><h1>Built site</h1><p>Served from the build folder.</p></body></html>
"""


def github_scan_steps() -> list[str]:
    """The ``run`` scripts of the steps named ``privacyscan: ...``, in order."""
    workflow = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    marked = [s for s in steps if str(s.get("name", "")).startswith("privacyscan:")]
    assert [s["name"] for s in marked] == [
        "privacyscan: serve the built site on loopback",
        "privacyscan: scan",
        "privacyscan: gate",
    ]
    for step in marked:
        assert "${{" not in step["run"], "a marked step must run outside GitHub as it is"
    return [step["run"] for step in marked]


def _flatten(items: list) -> list[str]:
    return [
        leaf for item in items for leaf in (_flatten(item) if isinstance(item, list) else [item])
    ]


def gitlab_scan_commands() -> list[str]:
    """The anchors' commands, checked to be what the job's script runs (GitLab flattens the
    nested lists the anchors make)."""
    pipeline = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    scan, gate = pipeline[".privacyscan-scan"], pipeline[".privacyscan-gate"]
    script = _flatten(pipeline["privacyscan"]["script"])
    assert script[: len(scan)] == scan and script[-len(gate) :] == gate
    return [*scan, *gate]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Workspace:
    """A CI job's working directory with a built site and the variables the examples read."""

    path: Path
    env: dict[str, str]
    groups: list[int]

    def run(self, script: str, shell: tuple[str, ...] = ("bash", "-e", "-c")) -> int:
        """Run one script as the CI runner would, in a process group of its own so that what it
        leaves in the background (the site server) is stopped after the test."""
        done = subprocess.Popen(
            [*shell, script], cwd=self.path, env=self.env, start_new_session=True
        )
        self.groups.append(done.pid)
        return done.wait(timeout=600)


@pytest.fixture
def workspace(tmp_path: Path, web: FixtureWeb) -> Iterator[Workspace]:
    site = tmp_path / "public"
    site.mkdir()
    (site / "index.html").write_text(INDEX, encoding="utf-8")
    work = tmp_path / "job"
    work.mkdir()
    (work / "privacyscan-baseline.yaml").write_text("version: 1\nfindings: []\n")
    port = free_port()
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "SITE_HOST": SITE_HOST,
        "SITE_DIR": str(site),
        "SITE_PORT": str(port),
        "PRIVACYSCAN_HOST_RULES": (
            f"MAP {SITE_HOST}:80 127.0.0.1:{port}, MAP *:80 127.0.0.1:{web.http_port}, "
            f"MAP *:443 127.0.0.1:{web.https_port}, MAP * ~NOTFOUND"
        ),
        "PRIVACYSCAN_FAIL_ON": "high",
        "PRIVACYSCAN_BASELINE": "privacyscan-baseline.yaml",
        "GITHUB_OUTPUT": str(tmp_path / "github-output"),
    }
    space = Workspace(work, env, [])
    yield space
    for group in space.groups:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(group, signal.SIGTERM)


def assert_reports(reports: Path, failing: bool) -> dict:
    """The machine outputs exist and are what their consumers accept."""
    report = json.loads((reports / "report.json").read_text(encoding="utf-8"))
    assert report["target"] == f"http://{SITE_HOST}/"
    hosts = {r["host"] for r in report["phases"]["pre-consent"]["requests"]}
    assert "www.googletagmanager.com" in hosts  # the site really was served and scanned
    assert_valid_sarif(json.loads((reports / "report.sarif").read_text(encoding="utf-8")))
    suite = next(iter(JUnitXml.fromfile(str(reports / "report.junit.xml"))))
    assert (suite.failures > 0) == failing
    summary = (reports / "report.md").read_text(encoding="utf-8")
    assert len(summary) < 65_000
    assert ("Fails the gate" in summary) == failing
    assert (reports / "report.html").is_file()
    return report


@pytest.fixture
def github_run(workspace: Workspace) -> tuple[Workspace, list[int]]:
    """The GitHub example's marked steps, each in its own ``bash -e`` as GitHub runs ``run``."""
    codes = [workspace.run(script) for script in github_scan_steps()]
    return workspace, codes


def test_github_example_scans_the_built_site_and_fails_the_gate(github_run) -> None:
    workspace, codes = github_run
    assert codes == [0, 0, 1]  # served, scanned (code kept), gate: findings
    reports = workspace.path / "reports"
    assert (reports / "exit-code").read_text().strip() == "1"
    report = assert_reports(reports, failing=True)
    assert any(f["id"] == "EP-02" and f["severity"] == "high" for f in report["findings"])

    # Accepting the findings into the baseline turns the next run green: fingerprints hold.
    accept = "privacyscan baseline reports/report.json --file privacyscan-baseline.yaml"
    assert workspace.run(accept + " --reason 'CI example'") == 0
    for script in github_scan_steps()[1:]:
        assert workspace.run(script) == 0
    assert (reports / "exit-code").read_text().strip() == "0"
    assert_reports(reports, failing=False)


def test_gitlab_example_scans_the_built_site_and_fails_the_gate(workspace: Workspace) -> None:
    script = "\n".join(gitlab_scan_commands())
    assert workspace.run(script, shell=("bash", "-eo", "pipefail", "-c")) == 1
    assert (workspace.path / "reports/exit-code").read_text().strip() == "1"
    assert_reports(workspace.path / "reports", failing=True)


def test_gitlab_example_fails_the_pipeline_on_a_configuration_error(workspace) -> None:
    workspace.env["PRIVACYSCAN_BASELINE"] = "no-such-baseline.yaml"
    script = "\n".join(gitlab_scan_commands())
    assert workspace.run(script, shell=("bash", "-eo", "pipefail", "-c")) == 2
    assert (workspace.path / "reports/exit-code").read_text().strip() == "2"
