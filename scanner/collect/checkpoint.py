"""The scan's checkpoint: evidence persisted as it is collected, so an interrupted scan keeps it.

A scan writes ``<out>/checkpoint/`` while it runs, one small JSON file at a time, each replaced
atomically (written beside, then renamed), so a kill at any moment leaves every file either in
its old or its new state, never half written:

* ``scan.json``: the options (so ``--resume`` needs no repeat of them), the start time, the
  page set (visited, queued, requested), the consent outcome, errors and policy look-ups;
* ``pages/<phase>/<NNN>.json``: one per page a phase has finished (the visit and that page's
  requests, storage and behaviour records), in finishing order;
* ``phases/<phase>.json``: the phase's browser state after its last finished page (Playwright
  storage state, the decision and what the decision boundary needs) and, once the phase has
  ended, its final records (all requests, the cookie jar, behaviours);
* ``policy/<NNN>.json``: each policy document fetched.

Records are stored as collected, before attribution: whoever reads them back attributes them
again with the same tables (``scanner.pipelines.attribute``). :mod:`scanner.collect.resumable`
writes the checkpoint; :mod:`scanner.partial` turns it into a report or a resumed scan.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from scanner.model import (
    Attribution,
    BannerFacts,
    BehaviourRecord,
    ConsentDecision,
    ConsentOutcome,
    CookieRecord,
    PageVisit,
    PolicyDocument,
    RequestRecord,
    StorageRecord,
)
from scanner.options import ScanOptions

CHECKPOINT_VERSION = 1
RECORD_TYPES: dict[str, type] = {
    cls.__name__: cls
    for cls in (PageVisit, RequestRecord, CookieRecord, StorageRecord, BehaviourRecord)
}
#: Option fields kept as paths; the rule configuration is not stored (it is read again from
#: ``--config`` or the working directory when the scan resumes).
PATH_OPTIONS = ("out_dir", "declared_policy", "policies_dir", "trackerdb", "baseline")
UNSTORED_OPTIONS = ("rule_config",)


def write_json(path: Path, data: Any) -> None:
    """Write ``data`` to ``path`` atomically: a reader (or a resume after a kill) sees the
    old file or the new one, never a torn one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    with temporary.open("w", encoding="utf-8") as stream:
        json.dump(data, stream, ensure_ascii=False)
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(temporary, path)


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


# -- (de)serialising ---------------------------------------------------------------------------


def record_to_dict(record: Any) -> dict:
    """A collected record as JSON, tagged with its type."""
    return {"type": type(record).__name__, **asdict(record)}


def record_from_dict(data: dict) -> Any:
    """The record :func:`record_to_dict` wrote (attribution included when it was set).

    Fields this version does not know are dropped: a checkpoint written by another version
    of the scanner still resumes."""
    cls = RECORD_TYPES[data["type"]]
    known = {item.name for item in fields(cls)}
    values = {key: value for key, value in data.items() if key in known}
    if "attribution" in values:
        values["attribution"] = Attribution(**values["attribution"])
    return cls(**values)


def consent_from_dict(data: dict) -> ConsentOutcome:
    """A :class:`ConsentOutcome` from its ``asdict`` form."""
    values = dict(data)
    values["accept"] = ConsentDecision(**values["accept"])
    values["reject"] = ConsentDecision(**values["reject"])
    if values.get("banner") is not None:
        values["banner"] = BannerFacts(**values["banner"])
    return ConsentOutcome(**values)


def policy_to_dict(document: PolicyDocument) -> dict:
    values = asdict(document)
    values["content"] = base64.b64encode(document.content).decode("ascii")
    return values


def policy_from_dict(data: dict) -> PolicyDocument:
    values = dict(data)
    values["content"] = base64.b64decode(values["content"])
    return PolicyDocument(**values)


def options_to_dict(options: ScanOptions) -> dict:
    """The scan's options as JSON (paths as text, tuples as lists)."""
    stored: dict[str, Any] = {}
    for option in fields(options):
        if option.name in UNSTORED_OPTIONS:
            continue
        value = getattr(options, option.name)
        if isinstance(value, Path):
            value = str(value)
        elif isinstance(value, tuple):
            value = list(value)
        stored[option.name] = value
    return stored


def options_from_dict(data: dict, **overrides: Any) -> ScanOptions:
    """The :class:`ScanOptions` a checkpoint was written with, ``overrides`` applied."""
    known = {option.name for option in fields(ScanOptions)}
    values = {key: value for key, value in data.items() if key in known}
    for name in PATH_OPTIONS:
        if values.get(name) is not None:
            values[name] = Path(values[name])
    for name in ("formats", "exclude_patterns", "viewport"):
        if name in values:
            values[name] = tuple(values[name])
    values.update(overrides)
    return ScanOptions(**values)


# -- the files ---------------------------------------------------------------------------------


@dataclass
class PhaseCheckpoint:
    """What the checkpoint holds for one phase."""

    #: Finished pages in finishing order: {"index", "visit", "records": [record dicts]}.
    pages: list[dict] = field(default_factory=list)
    #: The browser state and decision after the last finished page (``phases/<name>.json``).
    state: dict = field(default_factory=dict)

    @property
    def finished(self) -> bool:
        """The phase ended (or was skipped) before the interruption."""
        return bool(self.state.get("finished"))

    @property
    def urls(self) -> list[str]:
        return [page["visit"]["url"] for page in self.pages]


@dataclass
class Restored:
    """A checkpoint read back: everything ``--resume`` and the partial report need."""

    scan: dict
    phases: dict[str, PhaseCheckpoint]
    policy_documents: list[PolicyDocument]

    @property
    def options(self) -> dict:
        return self.scan["options"]


class Checkpoint:
    """The ``checkpoint/`` folder of one scan's output folder."""

    def __init__(self, out_dir: Path) -> None:
        self.root = out_dir / "checkpoint"
        #: ``scan.json``'s content, updated in place and written by :meth:`save_scan`.
        self.data: dict = {}
        self._policy_count = 0

    def exists(self) -> bool:
        return (self.root / "scan.json").is_file()

    def begin(self, options: ScanOptions, started_at: str) -> None:
        """A new scan: an earlier scan's checkpoint in the same folder is discarded."""
        shutil.rmtree(self.root, ignore_errors=True)
        self.root.mkdir(parents=True)
        self.data = {
            "version": CHECKPOINT_VERSION,
            "started_at": started_at,
            "options": options_to_dict(options),
            "runs": 1,
        }
        self.save_scan()

    def continue_from(self, restored: Restored) -> None:
        """A resumed scan keeps writing into the same checkpoint."""
        self._policy_count = len(restored.policy_documents)
        self.data = restored.scan
        self.data["runs"] = int(self.data.get("runs", 1)) + 1
        self.save_scan()

    def save_scan(self) -> None:
        write_json(self.root / "scan.json", self.data)

    def save_page(self, phase: str, number: int, page: dict) -> None:
        write_json(self.root / "pages" / phase / f"{number:03d}.json", page)

    def save_phase(self, phase: str, state: dict) -> None:
        write_json(self.root / "phases" / f"{phase}.json", state)

    def save_policy(self, document: PolicyDocument) -> None:
        write_json(
            self.root / "policy" / f"{self._policy_count:03d}.json", policy_to_dict(document)
        )
        self._policy_count += 1

    def forget_policy(self) -> None:
        """An interrupted policy fetch is done again from the start: drop what it stored."""
        shutil.rmtree(self.root / "policy", ignore_errors=True)
        self._policy_count = 0

    def load(self) -> Restored:
        """Read the checkpoint back; raises ``FileNotFoundError`` when there is none."""
        scan = read_json(self.root / "scan.json")
        phases: dict[str, PhaseCheckpoint] = {}
        for folder in sorted((self.root / "pages").glob("*")):
            pages = [read_json(path) for path in sorted(folder.glob("[0-9]*.json"))]
            phases.setdefault(folder.name, PhaseCheckpoint()).pages = pages
        for path in sorted((self.root / "phases").glob("*.json")):
            phases.setdefault(path.stem, PhaseCheckpoint()).state = read_json(path)
        documents = [
            policy_from_dict(read_json(path))
            for path in sorted((self.root / "policy").glob("[0-9]*.json"))
        ]
        return Restored(scan=scan, phases=phases, policy_documents=documents)

    def discard(self) -> None:
        """The scan completed and its report is written: nothing is left to resume."""
        shutil.rmtree(self.root, ignore_errors=True)
