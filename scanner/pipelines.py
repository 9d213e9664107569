"""Scrapy item pipelines: attribute each observation, read policies, file it all into the scan.

The spider yields raw observation records and policy documents; :class:`AttributionPipeline`
classifies the records (the ``classify`` stage), :class:`PolicyPipeline` reads the documents (the
``policy`` stage), and :class:`ScanPipeline` files records into the :class:`~scanner.model.Scan`
the spider carries. Checks and reports run after the crawl closes, on the finished scan.
"""

from __future__ import annotations

from typing import Any

from scrapy import Spider

from scanner.classify import trackerdb
from scanner.classify.attribute import (
    attribute_behaviour,
    attribute_cookie,
    attribute_request,
    attribute_storage,
)
from scanner.classify.lists import installed_lists
from scanner.model import (
    BehaviourRecord,
    CookieRecord,
    PageVisit,
    PolicyDocument,
    RequestRecord,
    StorageRecord,
)
from scanner.policy.analyse import analyse_document
from scanner.policy.merge import combine
from scanner.policy.read import PolicyUnreadable


class AttributionPipeline:
    """Owner, country, category, tracker and third-party flag for every record."""

    def open_spider(self, spider: Spider) -> None:
        self.lists = installed_lists()
        path = spider.options.trackerdb  # type: ignore[attr-defined]
        self.trackerdb = trackerdb.load(path) if path else None

    def process_item(self, item: Any, spider: Spider) -> Any:
        site_domain: str = spider.site_domain  # type: ignore[attr-defined]
        if isinstance(item, RequestRecord):
            attribute_request(item, site_domain, self.lists, self.trackerdb)
        elif isinstance(item, CookieRecord):
            attribute_cookie(item, site_domain)
        elif isinstance(item, StorageRecord):
            attribute_storage(item, site_domain)
        elif isinstance(item, BehaviourRecord):
            attribute_behaviour(item, site_domain)
        return item


class PolicyPipeline:
    """Reads each policy document; a privacy and a cookie policy are combined into one."""

    def process_item(self, item: Any, spider: Spider) -> Any:
        if not isinstance(item, PolicyDocument):
            return item
        scan = spider.scan  # type: ignore[attr-defined]
        try:
            read = analyse_document(item.content, item.content_type, item.url)
        except PolicyUnreadable as error:
            scan.errors.append(f"policy: {error}")
            return item
        if scan.policy is None:
            scan.policy = read
        elif item.kind == "privacy":
            scan.policy = combine([read, scan.policy])
        else:
            scan.policy = combine([scan.policy, read])
        return item


class ScanPipeline:
    """Files each record into its phase of the scan."""

    def process_item(self, item: Any, spider: Spider) -> Any:
        if isinstance(item, PolicyDocument):
            return item
        phase = spider.scan.phases[item.phase]  # type: ignore[attr-defined]
        if isinstance(item, PageVisit):
            phase.pages.append(item)
        elif isinstance(item, RequestRecord):
            phase.requests.append(item)
        elif isinstance(item, CookieRecord):
            phase.cookies.append(item)
        elif isinstance(item, StorageRecord):
            phase.storage.append(item)
        elif isinstance(item, BehaviourRecord):
            phase.behaviours.append(item)
        return item
