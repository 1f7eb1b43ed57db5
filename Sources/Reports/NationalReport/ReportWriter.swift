import Analysis
import Audit
import Foundation
import IndexCore
import Formats

/// Writes a ``NationalReport`` to a folder in the chosen formats. Deterministic: the same
/// inputs give byte-identical files (no timestamps; ordered output everywhere).
///
/// Layout: `index.html` and `units/<id>.html`; `index.md`, `units/<id>.md` and
/// `figures/<name>.svg`; `report.xlsx` (one sheet per table of the main page); `rankings.csv`
/// and `csv/<table>.csv`; `report.json`.
public enum ReportWriter {
    /// The output formats, by the name `--format` takes: HTML pages, Markdown with SVG figures, one
    /// XLSX workbook, CSV tables, one JSON document.
    public enum Format: String, Sendable, CaseIterable {
        /// `html`: pages per language; `md`: Markdown with SVG figures; `xlsx`: one workbook;
        /// `csv`: one file per table; `json`: the whole report as data.
        case html, md, xlsx, csv, json
    }

    /// The files of the report by relative path, in a stable order.
    public static func files(_ report: NationalReport, formats: Set<Format>) throws -> [(path: String, data: Data)] {
        var documents = report.documents
        let main = documents[0]
        addDownloads(to: &documents[0], formats: formats, language: report.language)
        var files: [(String, Data)] = []
        if formats.contains(.html) {
            files += documents.map { ($0.path + ".html", Data(HTMLRenderer.render($0).utf8)) }
        }
        if formats.contains(.md) {
            files += documents.map { ($0.path + ".md", Data(MarkdownRenderer.render($0).utf8)) }
            files += main.figureFiles.map { ("figures/\($0.fileName!).svg", Data(($0.svg + "\n").utf8)) }
        }
        if formats.contains(.xlsx) {
            var workbook = XLSXWorkbook()
            for table in main.tables { workbook.sheets.append(table.sheet(name: XLSXSheetName.unique(table.name, taken: workbook.sheets.map(\.name)))) }
            files.append(("report.xlsx", try workbook.data()))
        }
        if formats.contains(.csv) {
            files.append(("rankings.csv", Data(ResultFormatter(RankingTable(report.data.main)).csv().utf8)))
            files += main.tables.map { ("csv/\($0.name).csv", Data($0.csv.utf8)) }
        }
        if formats.contains(.json) {
            files.append(("report.json", Data((json(report).rendered() + "\n").utf8)))
        }
        let problems = files.compactMap { pathProblem($0.0) }
        if !problems.isEmpty { throw DiagnosticError(problems) }
        return files
    }

    /// Why `path` cannot be a file of the report, or `nil`: every path is relative and stays in
    /// the report's folder — each component letters, digits, `.`, `-` or `_`, starting with a
    /// letter or digit (so no `..`, no hidden files), at most 100 characters. A unit page's name
    /// is the unit's id and is checked against ``UnitID``.
    static func pathProblem(_ path: String) -> Diagnostic? {
        if path.hasPrefix("units/") {
            let name = path.dropFirst("units/".count)
            let id = String(name[..<(name.lastIndex(of: ".") ?? name.endIndex)])
            if let problem = UnitID.problem(id) {
                return Diagnostic(.invalidValue, .noPageForUnit(problem))
            }
        }
        let components = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        func isAlphanumeric(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) || ("a"..."z").contains(c) || ("A"..."Z").contains(c) }
        let safe = components.allSatisfy { component in
            guard let first = component.unicodeScalars.first, isAlphanumeric(first), component.utf8.count <= 100, !component.contains("..") else { return false }
            return component.unicodeScalars.allSatisfy { isAlphanumeric($0) || $0 == "." || $0 == "-" || $0 == "_" }
        }
        return safe ? nil : Diagnostic(.invalidValue, .unsafeReportPath(InputText.displayable(String(path.prefix(120)))))
    }

    /// Ends the main page with links to the other files written beside it (the workbook, the
    /// CSV tables, the Markdown and the JSON, only those of the chosen formats), listed in its
    /// table of contents.
    static func addDownloads(to main: inout ReportDocument, formats: Set<Format>, language: Language) {
        let blocks = downloads(main, formats: formats, language: language)
        guard case .heading(_, let title, let anchor?) = blocks.first else { return }
        main.blocks += blocks
        if let index = main.blocks.firstIndex(where: { if case .contents = $0 { true } else { false } }), case .contents(let entries) = main.blocks[index] {
            main.blocks[index] = .contents(entries + [(title, anchor)])
        }
    }

    static func downloads(_ main: ReportDocument, formats: Set<Format>, language: Language) -> [ReportDocument.Block] {
        func say(_ message: Message) -> String { message.text(in: language) }
        var files: [(text: String, file: String)] = []
        if formats.contains(.xlsx) { files.append((say(.downloadWorkbook), "report.xlsx")) }
        if formats.contains(.md) { files.append((say(.downloadMarkdown), "index.md")) }
        if formats.contains(.json) { files.append((say(.downloadJSON), "report.json")) }
        if formats.contains(.csv) {
            files.append((say(.downloadRankings), "rankings.csv"))
            files += main.tables.map { ("csv/\($0.name).csv", "csv/\($0.name).csv") }
        }
        guard !files.isEmpty else { return [] }
        return [.heading(level: 2, text: say(.downloadsHeading), anchor: "downloads"), .downloads(files)]
    }

    /// Writes the files under `directory`, creating folders as needed; returns the paths written.
    /// Every path is checked before anything is written (see ``files(_:formats:)``), and each
    /// file is written whole (to a temporary file, then renamed), so a report that fails leaves
    /// no half-written folder.
    @discardableResult
    public static func write(_ report: NationalReport, formats: Set<Format>, to directory: URL) throws -> [String] {
        let files = try files(report, formats: formats)
        let manager = FileManager.default
        for (path, data) in files {
            let url = directory.appendingPathComponent(path)
            do {
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url, options: .atomic)
            } catch {
                throw DiagnosticError([Diagnostic(.invalidValue, .cannotWriteReportFile(FileProblem.describe(error)), at: SourceLocation(file: url.path))])
            }
        }
        return files.map(\.path)
    }

    /// The machine-readable report: the main year's rankings (the `compute` JSON contract), the
    /// trends and each unit's assessment with its what-if scenarios.
    public static func json(_ report: NationalReport) -> JSONValue {
        let data = report.data
        var top: [(String, JSONValue)] = [
            ("index", .string(data.main.methodology.id)),
            ("edition", .string(data.main.methodology.edition)),
            ("period", data.main.period.map { .integer($0) } ?? .null),
            ("periods", .array(data.trends.periods.map { .integer($0) })),
            ("rankings", ResultFormatter(RankingTable(data.main)).json(language: report.language)),
            ("trends", trendsJSON(data.trends, language: report.language)),
            ("assessments", .array(data.unitPages.compactMap { data.assessments[$0] }.map(assessmentJSON))),
        ]
        if let uncertainty = data.uncertainty { top.append(("uncertainty", uncertaintyJSON(uncertainty, language: report.language))) }
        return .object(top)
    }

    static func rank(_ rank: Int) -> JSONValue { rank == 0 ? .null : .integer(rank) }

    static func trendsJSON(_ trends: Trends, language: Language) -> JSONValue {
        let blocks: [JSONValue] = trends.blocks.map { block in
            let excluded: [JSONValue] = (block.comparability?.excluded ?? []).map { .object([("node", .string($0.nodeID)), ("reason", .string($0.reason[language]))]) }
            let components: [JSONValue] = block.components.filter { $0.depth == 1 }.map { change in
                .object([("id", .string(change.id)), ("previous_mean", .optionalNumber(change.previousMean)), ("mean", .optionalNumber(change.mean)), ("change", .optionalNumber(change.change))])
            }
            let units: [JSONValue] = block.units.map { unit in
                .object([("id", .string(unit.id)), ("value", .optionalNumber(unit.value)), ("previous", .optionalNumber(unit.previous)),
                         ("rank", rank(unit.rank)), ("previous_rank", rank(unit.previousRank))])
            }
            return .object([
                ("id", .string(block.block.id)),
                ("means", .array(block.means.map(JSONValue.optionalNumber))),
                ("mean_change", .optionalNumber(block.meanChange)),
                ("excluded", .array(excluded)),
                ("components", .array(components)),
                ("units", .array(units)),
            ])
        }
        return .object([
            ("base", trends.base.map { .integer($0) } ?? .null),
            ("as_of", trends.asOf.map { .string($0.description) } ?? .null),
            ("blocks", .array(blocks)),
        ])
    }

    /// The rank intervals: the spec's method, runs, seed and inputs; per block and unit the
    /// nominal and median rank (`null` when unranked), the interval, the most influential input
    /// and the unit-page line. With `detail` (what `ictindex uncertainty --format json` writes),
    /// also each unit's name and nominal value, and the Sobol indices (first order and total) of
    /// each unit's rank and of the block's mean rank shift (`null` without them).
    public static func uncertaintyJSON(_ result: UncertaintyResult, language: Language, detail: Bool = false) -> JSONValue {
        let spec = result.spec
        func indices(_ s: SensitivityIndices?) -> JSONValue {
            guard let s else { return .null }
            return .object(spec.inputs.enumerated().map { i, input in
                (input.id, .object([("first", .number(s.first[i])), ("total", .number(s.total[i]))]))
            })
        }
        return .object([
            ("method", .string(spec.method.rawValue)),
            ("runs", .integer(spec.runs)),
            ("seed", .string(String(spec.seed))),
            ("interval", .number(spec.interval)),
            ("inputs", .array(spec.inputs.map { .object([("id", .string($0.id)), ("label", .string($0.label[language]))]) })),
            ("blocks", .array(result.blocks.map { block in
                var fields: [(String, JSONValue)] = [
                    ("id", .string(block.block.id)),
                    ("model_runs", .integer(block.runs)),
                    ("scenarios", .integer(block.scenarios)),
                    ("mean_rank_shift", .number(block.meanRankShift)),
                ]
                if detail { fields.append(("mean_rank_shift_sensitivity", indices(block.meanRankShiftSensitivity))) }
                fields.append(("units", .array(block.units.map { unit in
                    var fields: [(String, JSONValue)] = [("id", .string(unit.id))]
                    if detail { fields += [("name", .string(unit.name)), ("value", .optionalNumber(unit.nominalValue))] }
                    fields += [
                        ("rank", rank(unit.nominalRank)), ("median_rank", .integer(unit.medianRank)),
                        ("best_rank", .integer(unit.bestRank)), ("worst_rank", .integer(unit.worstRank)),
                        ("most_influential", unit.mostInfluentialInput.map { .string(spec.inputs[$0].id) } ?? .null),
                    ]
                    if detail { fields.append(("sensitivity", indices(unit.sensitivity))) }
                    fields.append(("summary", .string(unit.summary(inputs: spec.inputs, interval: spec.interval, language: language))))
                    return .object(fields)
                })))
                return .object(fields)
            })),
        ])
    }

    /// One unit's assessment: value, rank, strengths, weaknesses and what-if scenarios.
    public static func assessmentJSON(_ a: Assessment) -> JSONValue {
        .object(assessmentFields(a))
    }

    /// The self-assessment of `ictindex assess --format json`: ``assessmentJSON(_:)``'s fields,
    /// then `previous` (last year's `period`, `value`, `rank`, `of`; `null` when there is none),
    /// `plan` (the combined plan's `steps` as scenarios, `value`, `gain`, `points`, `rank`; `null`
    /// when no change raises the index) and `form` (the form the answers came from, or `null`).
    public static func assessmentJSON(_ a: Assessment, plan: Assessment.Plan?, previous: PreviousStanding?, formFile: String?) -> JSONValue {
        .object(assessmentFields(a) + [
            ("previous", previous.map { p in
                .object([("period", .integer(p.period)), ("value", .optionalNumber(p.value)), ("rank", rank(p.rank)), ("of", .integer(p.rankOf))])
            } ?? .null),
            ("plan", plan.map { p in
                .object([("steps", .array(p.steps.map(scenarioJSON))), ("value", .optionalNumber(p.valueAfter)), ("gain", .optionalNumber(p.gain)),
                         ("points", .optionalNumber(p.pointsGain)), ("rank", rank(p.rankAfter))])
            } ?? .null),
            ("form", formFile.map(JSONValue.string) ?? .null),
        ])
    }

    static func scenarioJSON(_ s: Assessment.WhatIf) -> JSONValue {
        let changes: [(String, JSONValue)] = s.changes.map { ($0.field, .number($0.after)) }
        return .object([
            ("node", .string(s.nodeID)),
            ("kind", .string(s.kind.rawValue)),
            ("changes", .object(changes)),
            ("value", .optionalNumber(s.valueAfter)),
            ("gain", .optionalNumber(s.gain)),
            ("points", .optionalNumber(s.pointsGain)),
            ("rank", rank(s.rankAfter)),
        ])
    }

    static func assessmentFields(_ a: Assessment) -> [(String, JSONValue)] {
        [
            ("id", .string(a.unitID)),
            ("block", .string(a.block.id)),
            ("value", .optionalNumber(a.value)),
            ("rank", rank(a.rank)),
            ("strengths", .array(a.strengths.map { .string($0.id) })),
            ("weaknesses", .array(a.weaknesses.map { .string($0.id) })),
            ("what_if", .array(a.whatIf.map(scenarioJSON))),
        ]
    }
}
