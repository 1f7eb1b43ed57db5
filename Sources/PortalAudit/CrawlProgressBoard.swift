import Foundation
import NIOConcurrencyHelpers

/// The progress output of a ``MultiSiteCrawl``. On a terminal: one line per portal being
/// crawled, redrawn in place, and a line kept for each portal as it finishes. Elsewhere (CI
/// logs): plain lines when a portal starts and finishes, and at most every `interval` seconds
/// per portal while it runs. Feed it the crawl's events; write what it returns to stderr.
public struct CrawlProgressBoard: Sendable {
    /// Whether the output is a terminal: lines are redrawn in place rather than appended.
    public let interactive: Bool
    /// Seconds between two plain progress lines of one portal.
    public let interval: Double
    /// Terminal lines are cut to this many characters, so that none wraps and the redraw
    /// (cursor up one line per portal) stays exact.
    public let width: Int
    private var running: [(index: Int, line: String)] = []
    private var drawn = 0
    private var lastPlain: [Int: Double] = [:]

    /// A board for a terminal (`interactive`) or a log, with plain lines at most every `interval`
    /// seconds per portal and terminal lines of at most `width` characters.
    public init(interactive: Bool, interval: Double = 10, width: Int = 100) {
        self.interactive = interactive
        self.interval = interval
        self.width = width
    }

    /// The text to write after `event`, `now` seconds into the run.
    public mutating func text(after event: MultiSiteCrawl.Event, now: Double) -> String {
        var kept: [String] = []
        switch event {
        case .started(let index, let target):
            running.append((index, "\(target.label): starting \(target.seed.absoluteString)"))
            if !interactive { kept.append(Self.stamp(now) + "\(target.label): started \(target.seed.absoluteString)") }
            lastPlain[index] = now
        case .progress(let index, let target, let progress):
            let line = "\(target.label): " + Self.describe(progress)
            if let row = running.firstIndex(where: { $0.index == index }) { running[row].line = line }
            if !interactive, now - (lastPlain[index] ?? 0) >= interval {
                kept.append(Self.stamp(now) + line)
                lastPlain[index] = now
            }
        case .finished(let index, let target, let report):
            running.removeAll { $0.index == index }
            let p = report.crawl.progress
            var line = "\(target.label): done, \(p.pages) pages (\(p.errors) errors) in \(String(format: "%.1f", p.seconds)) s"
            if let stop = report.crawl.stoppedBy { line += stop.isBudget ? ", stopped by the \(stop.rawValue) budget" : ", interrupted" }
            kept.append(interactive ? line : Self.stamp(now) + line)
            lastPlain[index] = nil
        }
        guard interactive else { return kept.map { $0 + "\n" }.joined() }
        var out = drawn > 0 ? "\u{1B}[\(drawn)A" : ""
        out += "\r\u{1B}[J"
        for line in kept { out += line + "\n" }
        for row in running { out += String(row.line.prefix(width)) + "\n" }
        drawn = running.count
        return out
    }

    /// Erases the lines of the portals still shown (terminal), e.g. before printing results.
    public mutating func clear() -> String {
        guard interactive, drawn > 0 else { return "" }
        defer { drawn = 0; running = [] }
        return "\u{1B}[\(drawn)A\r\u{1B}[J"
    }

    /// "12 pages, 0 errors, 3.4 pages/s, 40 queued, ETA 12s": one portal's progress.
    public static func describe(_ p: CrawlProgress) -> String {
        let eta = p.eta.map { "\(Int($0.rounded()))s" } ?? "?"
        let rate = (p.rate * 10).rounded() / 10
        return "\(p.pages) pages, \(p.errors) errors, \(rate) pages/s, \(p.queued) queued, ETA \(eta)"
    }

    static func stamp(_ seconds: Double) -> String { "[" + String(format: "%6.1f", seconds) + " s] " }
}

/// A ``CrawlProgressBoard`` that events from many crawls may reach at once: it serialises them
/// and writes the board's text, stamped with the seconds since it was made.
public final class CrawlProgressPrinter: Sendable {
    private let state: NIOLockedValueBox<CrawlProgressBoard>
    private let clock = CrawlClock(budget: .infinity)
    private let write: @Sendable (String) -> Void

    /// A printer passing the board's text to `write` (usually standard error).
    public init(interactive: Bool, interval: Double = 10, write: @escaping @Sendable (String) -> Void) {
        state = NIOLockedValueBox(CrawlProgressBoard(interactive: interactive, interval: interval))
        self.write = write
    }

    /// Writes what `event` changes.
    public func handle(_ event: MultiSiteCrawl.Event) {
        state.withLockedValue { board in write(board.text(after: event, now: clock.now())) }
    }

    /// Erases the progress lines still shown (a terminal), before the results are printed.
    public func finish() {
        state.withLockedValue { board in write(board.clear()) }
    }
}
