import Foundation
import GRDB
import IndexCore

/// A crawl of one portal for one unit and period, as stored.
public struct CrawlRecord: Sendable, Hashable {
    /// The crawl's id in the workspace.
    public var id: Int64
    /// The unit whose portal was crawled; `nil` for a crawl of a URL without a unit.
    public var unitID: String?
    /// The data year the crawl's observations are recorded for.
    public var period: Int
    /// The URL the crawl started from.
    public var seed: String
    /// `running` (interrupted or in progress: the next crawl of the seed and period resumes it) or
    /// `finished`.
    public var status: String
    /// When the crawl started, ISO 8601 in UTC.
    public var startedAt: String
    /// When it finished, ISO 8601 in UTC; `nil` while running.
    public var finishedAt: String?
}

/// One fetch of a crawl (HTML or not, successful or not): what the crawler records as it goes
/// and what the workspace stores and replays when an interrupted crawl resumes
/// (``Store/recordCrawlPage(crawlID:page:facts:discovered:)``,
/// ``Store/replayCrawl(crawlID:page:)``). The page's extracted facts travel beside it, since
/// only the crawler knows their type.
public struct PageRecord: Sendable, Codable, Hashable {
    /// The URL as requested (absolute, as it sat in the frontier).
    public var url: String
    /// The URL the response came from after following redirects (`url` when there were none).
    public var finalURL: String
    /// Links followed from the seed to reach the page (the seed is 0).
    public var depth: Int
    /// The HTTP status of the final response; nil when no response came (a network failure).
    public var status: Int?
    /// The `Content-Type` header of the final response, as sent.
    public var contentType: String?
    /// Body bytes received (after decompression, at most the crawl's byte cap).
    public var bytes: Int
    /// Seconds the whole fetch took, redirects and body included.
    public var seconds: Double
    /// Seconds from the request to the response head (time to first byte).
    public var latency: Double
    /// Every hop before the final URL, as "STATUS URL", in order.
    public var redirectChain: [String]
    /// Why the fetch failed, as a short stable kind (PortalAudit's `FetchFailure` raw values,
    /// e.g. `timeout`, `size-cap`, or `binary-as-html`); nil when it succeeded.
    public var failure: String?
    /// What the failure was, in the HTTP client's words (at most 200 characters).
    public var failureDetail: String?

    /// A fetch; `failureDetail` is cut to its first 200 characters.
    public init(url: String, finalURL: String, depth: Int, status: Int?, contentType: String?, bytes: Int, seconds: Double, latency: Double, redirectChain: [String], failure: String?,
                failureDetail: String? = nil) {
        self.url = url
        self.finalURL = finalURL
        self.depth = depth
        self.status = status
        self.contentType = contentType
        self.bytes = bytes
        self.seconds = seconds
        self.latency = latency
        self.redirectChain = redirectChain
        self.failure = failure
        self.failureDetail = failureDetail.map { String($0.prefix(200)) }
    }
}

/// A finding of a crawl as stored: a check, whether it passed, and its evidence.
public struct StoredFinding: Sendable, Hashable {
    /// The unit whose portal was checked; `nil` for a crawl without a unit.
    public var unitID: String?
    /// The data year.
    public var period: Int
    /// The check's id in the checklist, e.g. `nd42.art4.contact` or `crawl.robots`.
    public var check: String
    /// Whether the portal passed the check.
    public var passed: Bool
    /// The page the evidence was found on (or the failure seen); `nil` for site-wide checks without
    /// one.
    public var url: String?
    /// The text of the evidence, shortened for display.
    public var snippet: String?
    /// The measured value for checks that count or time something (items found, days since the
    /// newest item).
    public var value: Double?

    /// A finding as the evaluator made it.
    public init(unitID: String?, period: Int, check: String, passed: Bool, url: String?, snippet: String?, value: Double?) {
        self.unitID = unitID
        self.period = period
        self.check = check
        self.passed = passed
        self.url = url
        self.snippet = snippet
        self.value = value
    }
}

/// A field's value measured by a crawl, with where it was seen and how it stands beside the
/// unit's survey answer.
public struct CrawlObservation: Sendable, Hashable {
    /// The survey field the crawl measured, e.g. `portal_https`.
    public var field: String
    /// The measured value, in the field's unit.
    public var value: Double
    /// The observation's location: the URL and the check ids.
    public var location: String
    /// Which value counts when the survey also answers the field, and what the crawl's value means.
    public var precedence: FieldPrecedence

    /// An observation of `field` with its evidence and the precedence declared for it.
    public init(field: String, value: Double, location: String, precedence: FieldPrecedence) {
        self.field = field
        self.value = value
        self.location = location
        self.precedence = precedence
    }
}

extension Store {
    /// The "v2-crawl" tables: crawls, their frontier and fetched pages, the robots.txt cache and
    /// findings.
    static func createCrawlTables(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE crawl (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                unit_id TEXT,
                period INTEGER NOT NULL,
                seed TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('running', 'finished')),
                started_at TEXT NOT NULL,
                finished_at TEXT
            );
            CREATE INDEX crawl_seed ON crawl(seed, period, status);
            CREATE TABLE crawl_frontier (
                crawl_id INTEGER NOT NULL REFERENCES crawl(id) ON DELETE CASCADE,
                url TEXT NOT NULL,
                depth INTEGER NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('pending', 'done')),
                PRIMARY KEY (crawl_id, url)
            );
            CREATE TABLE crawl_page (
                crawl_id INTEGER NOT NULL REFERENCES crawl(id) ON DELETE CASCADE,
                url TEXT NOT NULL,
                final_url TEXT NOT NULL,
                depth INTEGER NOT NULL,
                status INTEGER,
                content_type TEXT,
                bytes INTEGER NOT NULL,
                seconds REAL NOT NULL,
                latency REAL NOT NULL,
                redirect_chain TEXT NOT NULL,
                failure TEXT,
                facts TEXT,
                fetched_at TEXT NOT NULL,
                PRIMARY KEY (crawl_id, url)
            );
            CREATE TABLE robots_cache (
                host TEXT PRIMARY KEY,
                policy TEXT NOT NULL,
                fetched_at REAL NOT NULL
            );
            CREATE TABLE crawl_finding (
                crawl_id INTEGER NOT NULL REFERENCES crawl(id) ON DELETE CASCADE,
                unit_id TEXT,
                period INTEGER NOT NULL,
                check_id TEXT NOT NULL,
                passed INTEGER NOT NULL,
                url TEXT,
                snippet TEXT,
                value REAL
            );
            CREATE INDEX crawl_finding_unit ON crawl_finding(unit_id, period);
            """)
    }

    // MARK: Crawl state

    /// The unfinished crawl of `seed` for `period`, or a new one.
    public func openCrawl(seed: String, unitID: String?, period: Int) throws -> (id: Int64, resumed: Bool) {
        try pool.write { db in
            if let id = try Int64.fetchOne(db, sql: "SELECT id FROM crawl WHERE seed = ? AND period = ? AND status = 'running' ORDER BY id DESC LIMIT 1", arguments: [seed, period]) {
                return (id, true)
            }
            try db.execute(sql: "INSERT INTO crawl (unit_id, period, seed, status, started_at) VALUES (?, ?, ?, 'running', ?)", arguments: [unitID, period, seed, Self.now()])
            return (db.lastInsertedRowID, false)
        }
    }

    /// Records a fetched page with its facts as JSON (nil for a page without facts), marks it
    /// done in the frontier and adds the URLs it discovered as pending, in one transaction.
    public func recordCrawlPage(crawlID: Int64, page: PageRecord, facts: String?, discovered: [(url: String, depth: Int)]) throws {
        try pool.write { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO crawl_page (crawl_id, url, final_url, depth, status, content_type, bytes, seconds, latency, redirect_chain, failure, failure_detail, facts, fetched_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [crawlID, page.url, page.finalURL, page.depth, page.status, page.contentType, page.bytes, page.seconds, page.latency,
                                 page.redirectChain.joined(separator: "\n"), page.failure, page.failureDetail, facts, Self.now()])
            try db.execute(sql: "INSERT INTO crawl_frontier (crawl_id, url, depth, state) VALUES (?, ?, ?, 'done') ON CONFLICT(crawl_id, url) DO UPDATE SET state = 'done'",
                           arguments: [crawlID, page.url, page.depth])
            let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO crawl_frontier (crawl_id, url, depth, state) VALUES (?, ?, ?, 'pending')")
            for item in discovered { try insert.execute(arguments: [crawlID, item.url, item.depth]) }
        }
    }

    /// Walks the fetched pages of a crawl in fetch order, each with its facts as JSON (nil for a
    /// page without facts), one row at a time (a cursor: the pages are not all held at once), and
    /// returns its pending frontier in the order it is to be fetched (by depth, then as found).
    public func replayCrawl(crawlID: Int64, page: (PageRecord, _ facts: String?) throws -> Void) throws -> [(url: String, depth: Int)] {
        try pool.read { db in
            let pages = try Row.fetchCursor(db, sql: "SELECT * FROM crawl_page WHERE crawl_id = ? ORDER BY rowid", arguments: [crawlID])
            while let row = try pages.next() {
                let chain: String = row["redirect_chain"]
                try page(PageRecord(url: row["url"], finalURL: row["final_url"], depth: row["depth"], status: row["status"], contentType: row["content_type"],
                                    bytes: row["bytes"], seconds: row["seconds"], latency: row["latency"],
                                    redirectChain: chain.isEmpty ? [] : chain.components(separatedBy: "\n"),
                                    failure: row["failure"], failureDetail: row["failure_detail"]),
                         row["facts"])
            }
            return try Row.fetchAll(db, sql: "SELECT url, depth FROM crawl_frontier WHERE crawl_id = ? AND state = 'pending' ORDER BY depth, rowid", arguments: [crawlID])
                .map { (url: $0["url"] as String, depth: $0["depth"] as Int) }
        }
    }

    /// Marks a crawl finished.
    public func finishCrawl(_ crawlID: Int64) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE crawl SET status = 'finished', finished_at = ? WHERE id = ?", arguments: [Self.now(), crawlID])
        }
    }

    /// The crawls of the workspace, newest first.
    public func crawls() throws -> [CrawlRecord] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM crawl ORDER BY id DESC").map {
                CrawlRecord(id: $0["id"], unitID: $0["unit_id"], period: $0["period"], seed: $0["seed"], status: $0["status"], startedAt: $0["started_at"], finishedAt: $0["finished_at"])
            }
        }
    }

    /// Counts of the crawl tables, for tests.
    public func crawlCount(_ table: String) throws -> Int {
        precondition(["crawl", "crawl_frontier", "crawl_page", "robots_cache", "crawl_finding"].contains(table))
        return try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
    }

    // MARK: robots.txt cache

    /// A cached robots.txt policy (as JSON) younger than `maxAge` seconds.
    public func cachedRobots(host: String, maxAge: Double) throws -> String? {
        try pool.read { db in
            try String.fetchOne(db, sql: "SELECT policy FROM robots_cache WHERE host = ? AND fetched_at >= ?", arguments: [host, Date().timeIntervalSince1970 - maxAge])
        }
    }

    /// Caches `host`'s robots.txt policy (as JSON) as fetched at `fetchedAt`, replacing an older
    /// entry; ``cachedRobots(host:maxAge:)`` reads it back while it is young enough.
    public func storeRobots(host: String, policy: String, fetchedAt: Date = Date()) throws {
        try pool.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO robots_cache (host, policy, fetched_at) VALUES (?, ?, ?)", arguments: [host, policy, fetchedAt.timeIntervalSince1970])
        }
    }

    // MARK: Findings and observations

    /// Replaces the findings of a crawl.
    public func storeFindings(crawlID: Int64, _ findings: [StoredFinding]) throws {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM crawl_finding WHERE crawl_id = ?", arguments: [crawlID])
            let insert = try db.cachedStatement(sql: "INSERT INTO crawl_finding (crawl_id, unit_id, period, check_id, passed, url, snippet, value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
            for f in findings { try insert.execute(arguments: [crawlID, f.unitID, f.period, f.check, f.passed, f.url, f.snippet, f.value]) }
        }
    }

    /// The findings of the latest finished crawl of a unit for a period.
    public func findings(unitID: String, period: Int) throws -> [StoredFinding] {
        try pool.read { db in
            guard let crawlID = try Int64.fetchOne(db, sql: "SELECT id FROM crawl WHERE unit_id = ? AND period = ? AND status = 'finished' ORDER BY id DESC LIMIT 1", arguments: [unitID, period]) else { return [] }
            return try Row.fetchAll(db, sql: "SELECT * FROM crawl_finding WHERE crawl_id = ? ORDER BY rowid", arguments: [crawlID]).map {
                StoredFinding(unitID: $0["unit_id"], period: $0["period"], check: $0["check_id"], passed: $0["passed"], url: $0["url"], snippet: $0["snippet"], value: $0["value"])
            }
        }
    }

    /// Stores a crawl's field values as a submission of `unitID` for `period` (file name
    /// "crawl:<host>", source 'crawl', location = URL and checks) with each field's precedence.
    /// It supersedes only an earlier crawl submission of the same unit and period; survey
    /// submissions stay active beside it, and ``answers(period:)`` uses, per field, the value of
    /// the source that has precedence (``fieldComparisons(period:unitID:)`` shows both).
    /// Identical values are a no-op. Returns the submission id, or nil when unchanged.
    @discardableResult
    public func recordCrawlObservations(unitID: String, period: Int, host: String, observations: [CrawlObservation], methodologyHash: String? = nil) throws -> Int64? {
        let fileName = "crawl:\(host)"
        let lines = observations.sorted { $0.field < $1.field }.map { o in
            "\(o.field)=\(o.value.bitPattern)@\(o.location) \(o.precedence.counts.rawValue) \(o.precedence.crawlValue.rawValue) \(o.precedence.tolerance.bitPattern)"
        }
        let content = SHA256.hex(Data("\(unitID)|\(period)|crawl\n\(lines.joined(separator: "\n"))".utf8))
        return try pool.write { db -> Int64? in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM unit WHERE id = ?", arguments: [unitID]) != nil else {
                throw DiagnosticError([Diagnostic(.unknownUnit, .unitNotInWorkspaceRegistry(unitID), at: SourceLocation(file: fileName))])
            }
            let current = try Row.fetchOne(db, sql: "SELECT id, content_sha256 FROM submission WHERE unit_id = ? AND period = ? AND status = 'active' AND file_name LIKE 'crawl:%'", arguments: [unitID, period])
            if let current, current["content_sha256"] as String == content { return nil }
            try db.execute(sql: "INSERT OR IGNORE INTO period (year) VALUES (?)", arguments: [period])
            try db.execute(sql: """
                INSERT INTO submission (unit_id, period, methodology_hash, file_name, file_sha256, content_sha256, imported_at, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'active')
                """, arguments: [unitID, period, methodologyHash, fileName, content, content, Self.now()])
            let id = db.lastInsertedRowID
            if let current {
                try db.execute(sql: "UPDATE submission SET status = 'superseded', superseded_by = ? WHERE id = ?", arguments: [id, current["id"] as Int64])
            }
            let insert = try db.cachedStatement(sql: "INSERT INTO observation (submission_id, field, value, text, source, location) VALUES (?, ?, ?, NULL, 'crawl', ?)")
            let precedence = try db.cachedStatement(sql: "INSERT INTO crawl_field_precedence (submission_id, field, counts, crawl_value, tolerance) VALUES (?, ?, ?, ?, ?)")
            for observation in observations {
                try insert.execute(arguments: [id, observation.field, observation.value, observation.location])
                let rule = observation.precedence
                try precedence.execute(arguments: [id, observation.field, rule.counts.rawValue, rule.crawlValue.rawValue, rule.tolerance])
            }
            return id
        }
    }
}
