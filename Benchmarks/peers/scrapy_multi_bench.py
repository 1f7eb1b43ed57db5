"""The Scrapy peer of the multi-site crawl benchmark: crawls the sites served by
`ictindex-crawl-bench serve-sites` (one per loopback address 127.0.0.2 …) with the same
politeness as ictindex's `crawl --all` — one download slot per host, a fixed delay between the
requests to a host (no randomisation, no AutoThrottle), robots.txt obeyed, a global limit on
requests in flight — and prints one JSON line: sites, pages, seconds, the slowest site's seconds
(from the start to its last page), peak RSS.

    python scrapy_multi_bench.py SITES PORT DELAY_SECONDS [FIRST] [MAX_REQUESTS]
"""
import json
import resource
import sys
import time
from urllib.parse import urlparse

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.linkextractors import LinkExtractor


class SitesSpider(scrapy.Spider):
    name = "ictindex-multi-bench"

    def __init__(self, starts, began, **kwargs):
        super().__init__(**kwargs)
        self.start_urls = starts
        self.began = began
        self.links = LinkExtractor()
        self.pages = 0
        self.last_page = {}

    def parse(self, response):
        self.pages += 1
        host = urlparse(response.url).hostname
        self.last_page[host] = time.perf_counter() - self.began
        yield {"title": response.css("title::text").get()}
        for link in self.links.extract_links(response):
            # Same host only: ictindex stays on the portal's site.
            if urlparse(link.url).hostname == host:
                yield response.follow(link.url, callback=self.parse)


def main():
    sites, port, delay = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    first = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    max_requests = int(sys.argv[5]) if len(sys.argv) > 5 else 32
    starts = [f"http://127.0.0.{n + 2}:{port}/p/0" for n in range(first, first + sites)]
    process = CrawlerProcess(settings={
        "CONCURRENT_REQUESTS": max_requests,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
        "CONCURRENT_REQUESTS_PER_IP": 0,
        "DOWNLOAD_DELAY": delay,
        "DOWNLOAD_DELAY_JITTER": 0,
        # Scrapy's advice for broad crawls: pick requests from the download slots that are free.
        "SCHEDULER_PRIORITY_QUEUE": "scrapy.pqueues.DownloaderAwarePriorityQueue",
        "AUTOTHROTTLE_ENABLED": False,
        "ROBOTSTXT_OBEY": True,
        "RETRY_ENABLED": False,
        "HTTPCACHE_ENABLED": False,
        "COOKIES_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": "WARNING",
        "USER_AGENT": "scrapy-peer (ictindex benchmark)",
        "DOWNLOAD_MAXSIZE": 10 * 1024 * 1024,
        "ITEM_PIPELINES": {},
        "REQUEST_FINGERPRINTER_IMPLEMENTATION": "2.7",
        "DEPTH_LIMIT": 5,
    })
    crawler = process.create_crawler(SitesSpider)
    began = time.perf_counter()
    process.crawl(crawler, starts=starts, began=began)
    process.start()
    seconds = time.perf_counter() - began
    spider = crawler.spider
    print(json.dumps({
        "tool": "scrapy",
        "sites": sites,
        "first": first,
        "pages": spider.pages,
        "seconds": round(seconds, 3),
        "slowest_site_seconds": round(max(spider.last_page.values(), default=0), 3),
        "peak_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }))


if __name__ == "__main__":
    main()
