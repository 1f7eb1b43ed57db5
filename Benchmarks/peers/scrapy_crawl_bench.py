"""The Scrapy peer of the crawl benchmark: crawls the generated site served by
`ictindex-crawl-bench serve` with settings equivalent to ictindex's (politeness off, 16 requests
at once, robots.txt obeyed, no retries, no cache), extracting every link and the title of each
page, and prints one JSON line: pages, seconds, pages per second, peak RSS."""
import json
import resource
import sys
import time

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.linkextractors import LinkExtractor


class SiteSpider(scrapy.Spider):
    name = "ictindex-bench"

    def __init__(self, start, **kwargs):
        super().__init__(**kwargs)
        self.start_urls = [start]
        self.links = LinkExtractor()
        self.pages = 0

    def parse(self, response):
        self.pages += 1
        yield {"title": response.css("title::text").get()}
        for link in self.links.extract_links(response):
            yield response.follow(link.url, callback=self.parse)


def main():
    start = sys.argv[1]
    concurrency = int(sys.argv[2]) if len(sys.argv) > 2 else 16
    process = CrawlerProcess(settings={
        "CONCURRENT_REQUESTS": concurrency,
        "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency,
        "CONCURRENT_REQUESTS_PER_IP": 0,
        "DOWNLOAD_DELAY": 0,
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
    })
    crawler = process.create_crawler(SiteSpider)
    began = time.perf_counter()
    process.crawl(crawler, start=start)
    process.start()
    seconds = time.perf_counter() - began
    pages = crawler.spider.pages
    print(json.dumps({
        "tool": "scrapy",
        "pages": pages,
        "seconds": round(seconds, 3),
        "pages_per_second": round(pages / seconds, 1),
        "peak_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }))


if __name__ == "__main__":
    main()
