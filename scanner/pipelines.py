"""Scrapy item pipelines: attribute each observation, then file it into the scan.

The spider yields raw observation records; :class:`AttributionPipeline` classifies them (the
``classify`` stage), and :class:`ScanPipeline` files them into the :class:`~scanner.model.Scan`
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
from scanner.model import BehaviourRecord, CookieRecord, PageVisit, RequestRecord, StorageRecord


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


class ScanPipeline:
    """Files each record into its phase of the scan."""

    def process_item(self, item: Any, spider: Spider) -> Any:
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
