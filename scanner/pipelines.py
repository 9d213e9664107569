"""Scrapy item pipelines: attribute each observation, read policies, file it all into the scan.

The spider yields raw observation records and policy documents; :class:`AttributionPipeline`
classifies the records (the ``classify`` stage), :class:`PolicyPipeline` reads the documents (the
``policy`` stage), and :class:`ScanPipeline` files records into the :class:`~scanner.model.Scan`
the spider carries. Checks and reports run after the crawl closes, on the finished scan.
"""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler

from scanner.classify import trackerdb
from scanner.classify.attribute import (
    attribute_behaviour,
    attribute_cookie,
    attribute_request,
    attribute_storage,
)
from scanner.classify.lists import installed_lists
from scanner.collect.spider import PrivacySpider
from scanner.model import (
    BehaviourRecord,
    CookieRecord,
    PageVisit,
    PolicyDocument,
    RequestRecord,
    StorageRecord,
)
from scanner.policy.analyse import analyse_document
from scanner.policy.genre import NotAPolicy
from scanner.policy.merge import combine
from scanner.policy.read import PolicyUnreadable


class SpiderPipeline:
    """A pipeline that reads the running spider through its crawler (Scrapy 2.13+ style)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SpiderPipeline:
        return cls(crawler)

    @property
    def spider(self) -> PrivacySpider:
        return self.crawler.spider  # type: ignore[return-value]


class AttributionPipeline(SpiderPipeline):
    """Owner, country, category, tracker and third-party flag for every record."""

    def open_spider(self) -> None:
        self.lists = installed_lists()
        path = self.spider.options.trackerdb
        self.trackerdb = trackerdb.load(path) if path else None

    def process_item(self, item: Any) -> Any:
        site_domain = self.spider.site_domain
        if isinstance(item, RequestRecord):
            attribute_request(item, site_domain, self.lists, self.trackerdb)
        elif isinstance(item, CookieRecord):
            attribute_cookie(item, site_domain)
        elif isinstance(item, StorageRecord):
            attribute_storage(item, site_domain)
        elif isinstance(item, BehaviourRecord):
            attribute_behaviour(item, site_domain)
        return item


class PolicyPipeline(SpiderPipeline):
    """Reads each policy document; a privacy and a cookie policy are combined into one."""

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, PolicyDocument):
            return item
        scan = self.spider.scan
        try:
            with scan.timings.stage("policy read"):
                read = analyse_document(item.content, item.content_type, item.url, genre=True)
        except PolicyUnreadable as error:
            scan.errors.append(f"policy: {error}")
            reason = error.reason if isinstance(error, NotAPolicy) else str(error)
            scan.policy_rejected.append({"url": item.url, "reason": reason})
            return item
        if scan.policy is None:
            scan.policy = read
        elif item.kind == "privacy":
            scan.policy = combine([read, scan.policy])
        else:
            scan.policy = combine([scan.policy, read])
        return item


class ScanPipeline(SpiderPipeline):
    """Files each record into its phase of the scan."""

    def process_item(self, item: Any) -> Any:
        if isinstance(item, PolicyDocument):
            return item
        phase = self.spider.scan.phases[item.phase]
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
