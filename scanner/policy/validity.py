"""When each transfer mechanism could lawfully be relied on, and what ended it.

From ../shared/spec/rules.md sections 5 and 6b. A statement is judged twice: on the scan date
(is the site relying on something dead today?) and on the policy's own date (was it already dead
when the policy was written? Safe Harbor in a 2018 policy was).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from scanner.policy.lexicon import MECHANISM_LABELS
from scanner.policy.model import TransferStatement


@dataclass(frozen=True)
class Validity:
    """The window in which a mechanism was a lawful transfer basis."""

    valid_from: date | None
    valid_until: date | None
    note: str

    def valid_on(self, day: date) -> bool:
        started = self.valid_from is None or day >= self.valid_from
        return started and (self.valid_until is None or day <= self.valid_until)


MECHANISM_VALIDITY: dict[str, Validity] = {
    "safe-harbor": Validity(
        date(2000, 7, 26),
        date(2015, 10, 6),
        "invalid since 6 Oct 2015: the CJEU annulled the Safe Harbor decision (2000/520/EC) in "
        "C-362/14 Schrems I",
    ),
    "privacy-shield": Validity(
        date(2016, 7, 12),
        date(2020, 7, 16),
        "invalid since 16 Jul 2020: the CJEU annulled the Privacy Shield decision (2016/1250) in "
        "C-311/18 Schrems II; the EU-US Data Privacy Framework (Decision 2023/1795) covers listed "
        "US organisations since 10 Jul 2023",
    ),
    "scc-2010": Validity(
        None,
        date(2022, 12, 27),
        "superseded: Decision 2021/914 repealed the old standard contractual clauses on 27 Sep "
        "2021, and contracts on them could be relied on only until 27 Dec 2022",
    ),
    "scc-2021": Validity(
        date(2021, 6, 27),
        None,
        "valid: Implementing Decision (EU) 2021/914, with a transfer "
        "impact assessment (CJEU C-311/18)",
    ),
    "scc": Validity(
        None, None, "valid if the 2021/914 clauses are meant; the policy does not say which"
    ),
    "dpf": Validity(
        date(2023, 7, 10),
        None,
        "valid for organisations on the DPF List (Decision 2023/1795, upheld by the General Court "
        "in T-553/23 on 3 Sep 2025; appeal C-703/25 P pending)",
    ),
    "bcr": Validity(None, None, "valid: binding corporate rules approved under GDPR art. 47"),
    "art49-consent": Validity(
        None,
        None,
        "valid only for occasional transfers; not for systematic tracking flows (EDPB Guidelines "
        "2/2018)",
    ),
    "adequacy": Validity(None, None, "valid while the Commission's adequacy decision stands"),
}
#: Mechanisms whose citation as the current basis is a finding (TR-03, TR-04, TR-05).
DEAD_MECHANISMS = {"safe-harbor", "privacy-shield", "scc-2010"}


def judge(
    mechanism: str,
    *,
    current: bool,
    countries: list[str],
    evidence: str | None,
    scan_date: date,
    policy_date: date | None,
) -> TransferStatement:
    """A cited mechanism with its validity on the scan date and on the policy's own date."""
    validity = MECHANISM_VALIDITY[mechanism]
    return TransferStatement(
        mechanism=mechanism,
        label=MECHANISM_LABELS[mechanism],
        current=current,
        valid_on_scan_date=validity.valid_on(scan_date),
        valid_on_policy_date=validity.valid_on(policy_date) if policy_date else None,
        validity=validity.note,
        countries=countries,
        evidence=evidence,
    )
