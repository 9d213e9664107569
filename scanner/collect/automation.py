"""Scripts that probe for automation: what a page read to tell a scanner from a visitor.

Why: a site can serve a headless browser something else than a visitor (hide its trackers,
show a block page). The scanner presents as a desktop Chrome (``browser.py``: a user agent
without "Headless", ``navigator.webdriver`` false, brands without "HeadlessChrome"), so such a
site mostly serves it what a visitor gets; and it says where a site looked. ``instrument.js``
reports each read of a headless-revealing property once per script; a script counts as probing
when it read ``navigator.webdriver``, which has no use but telling automation apart. Reads of
the user agent string alone are not reported: nearly every analytics script reads it.
"""

from __future__ import annotations

from scanner.collect.recorder import PageRecorder

#: The property whose read makes a script an automation probe.
PROBE_PROPERTY = "webdriver"
#: Scripts kept per page.
PROBES_KEPT = 20


def probes_seen(recorder: PageRecorder) -> list[dict]:
    """Per probing script on this page: the script and every headless tell it read, in order."""
    read: dict[str, list[str]] = {}
    for event in recorder.script_events:
        if event.kind == "behaviour" and event.name == "automation-probe" and event.script:
            properties = read.setdefault(event.script, [])
            if event.api and event.api not in properties:
                properties.append(event.api)
    return [
        {"script": script, "properties": properties}
        for script, properties in read.items()
        if PROBE_PROPERTY in properties
    ][:PROBES_KEPT]
