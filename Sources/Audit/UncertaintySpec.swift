import Foundation
import IndexCore
import Yams

/// An uncertainty analysis declared in YAML: which methodological choices are uncertain, how
/// many runs, which seed. Loaded and validated against a methodology like the methodology itself:
/// every problem is reported at once, with file, line and column (``DiagnosticError``).
///
/// ```yaml
/// method: sobol          # or monte_carlo
/// runs: 1000             # Monte Carlo: runs; Sobol: N base samples, N · (k + 2) runs
/// seed: 20190101
/// interval: 90%          # the central rank interval reported (5th–95th percentile)
/// blocks: [province]     # default: every block with data
/// inputs:
///   - {id: category-weights, type: weights, level: 1, perturbation: 25%, each: true}
///   - {id: all-weights, type: weights, level: [1, 2], perturbation: 10%}
///   - {id: normalisation, type: normalisation, alternatives: [declared, min_max, rank, {rule: z_score, target: {mean: 10, sd: 2}}]}
///   - {id: aggregation, type: aggregation, level: 1, alternatives: [arithmetic, geometric], zero_scores: zero}
///   - {id: imputation, type: imputation, alternatives: [declared, none, mean]}
///   - {id: treatment, type: treatment, alternatives: [declared, none, {winsorise: {max_points: 3}}]}
///   - {id: exclusion, type: exclusion, indicators: [c2.portal_english, c5.cio]}
/// ```
public struct UncertaintySpec: Sendable {
    /// How scenarios are drawn.
    public enum Method: String, Sendable, CaseIterable {
        /// `runs` scenarios from a Sobol sequence: rank distributions only.
        case monteCarlo = "monte_carlo"
        /// Saltelli's design with `runs` base samples: rank distributions and Sobol indices.
        case sobol
    }

    /// One uncertain input.
    public struct Input: Sendable, Hashable {
        /// The input's id in the spec file, named in reports and sensitivity tables.
        public var id: String
        /// What the input is called in reports ("the weights of category 4").
        public var label: LocalizedText
        /// What the input varies and over which alternatives or range.
        public var kind: Kind
        /// Where the input is declared in the spec file, for messages.
        public var location: SourceLocation?
    }

    /// What an input varies.
    public enum Kind: Sendable, Hashable {
        /// Each node's weight is multiplied by 1 + p·(2u − 1), u uniform on [0, 1): ±p.
        case weights(nodes: [String], perturbation: Double)
        /// Leaves under `scope` (all when empty) are scored with one of the rules, each with its
        /// parameters (`nil`: as declared). Each leaf keeps its declared direction.
        case normalisation(scope: [String], alternatives: [Scoring?])
        /// Groups (`nodes`) aggregate with one of the alternatives (`nil`: as declared); with
        /// `zeroScores`, what a geometric or harmonic alternative does with a score of 0.
        case aggregation(nodes: [String], alternatives: [Aggregation?], zeroScores: ZeroScorePolicy? = nil)
        /// Leaves under `scope` (all when empty) impute with one of the alternatives (`nil`: as declared).
        case imputation(scope: [String], alternatives: [Imputation?])
        /// Leaves under `scope` (all when empty) are treated with one of the alternatives before
        /// scoring (`nil`: as declared; ``Treatment/none``: no treatment).
        case treatment(scope: [String], alternatives: [Treatment?])
        /// Either every indicator is kept, or one of `indicators` is left out (weight 0); equally likely.
        case exclusion(indicators: [String])

        /// How many dimensions of the sampling sequence the input takes.
        public var dimensions: Int {
            switch self {
            case .weights(let nodes, _): nodes.count
            default: 1
            }
        }

        /// The number of discrete alternatives (0 for continuous inputs).
        public var alternativeCount: Int {
            switch self {
            case .weights: 0
            case .normalisation(_, let a): a.count
            case .aggregation(_, let a, _): a.count
            case .imputation(_, let a): a.count
            case .treatment(_, let a): a.count
            case .exclusion(let indicators): indicators.count + 1
            }
        }
    }


    /// How scenarios are drawn: Monte Carlo (rank intervals) or Saltelli's design (also Sobol
    /// indices).
    public var method: Method
    /// Monte Carlo: the number of runs; Sobol: the number of base samples N.
    public var runs: Int
    /// The seed of the scrambled Sobol sequence: the same seed gives the same numbers on every
    /// machine and core count.
    public var seed: UInt64
    /// The probability mass of the reported central rank interval (0.9: 5th–95th percentile).
    public var interval: Double
    /// The blocks analysed; `nil`: every block with data.
    public var blocks: [String]?
    /// The uncertain inputs, in the order of the spec file (at least one).
    public var inputs: [Input]
    /// The spec file's name as the user gave it, for messages; empty for a spec built in code.
    public var fileName: String

    /// A spec as given, unchecked; ``load(yaml:fileName:methodology:)`` reads and checks one from
    /// YAML.
    public init(method: Method, runs: Int, seed: UInt64, interval: Double = 0.9, blocks: [String]? = nil, inputs: [Input], fileName: String = "") {
        self.method = method
        self.runs = runs
        self.seed = seed
        self.interval = interval
        self.blocks = blocks
        self.inputs = inputs
        self.fileName = fileName
    }

    /// Loads and validates the spec in the file at `url` against `methodology`.
    public static func load(contentsOf url: URL, methodology: Methodology) throws -> UncertaintySpec {
        guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) else {
            throw DiagnosticError([Diagnostic(.invalidValue, .cannotReadUncertaintySpec, at: SourceLocation(file: url.relativePath))])
        }
        return try load(yaml: text, fileName: url.relativePath, methodology: methodology)
    }

    /// Loads and validates a spec from YAML text; `fileName` is used in messages.
    public static func load(yaml text: String, fileName: String, methodology: Methodology) throws -> UncertaintySpec {
        let root: Node
        do {
            guard let composed = try Yams.compose(yaml: text) else {
                throw DiagnosticError([Diagnostic(.syntax, .uncertaintySpecEmpty, at: SourceLocation(file: fileName))])
            }
            root = composed
        } catch let error as DiagnosticError {
            throw error
        } catch let error as YamlError {
            throw DiagnosticError([YAMLReader.diagnostic(for: error, text: text, fileName: fileName)])
        }
        let reader = YAMLReader(file: fileName)
        let spec = SpecParser(reader: reader, methodology: methodology).parse(root)
        try reader.collector.throwIfAny()
        guard let spec else { throw DiagnosticError([Diagnostic(.syntax, .notAnUncertaintySpec, at: SourceLocation(file: fileName))]) }
        return spec
    }
}

private struct SpecParser {
    let reader: YAMLReader
    let methodology: Methodology

    func parse(_ node: Node) -> UncertaintySpec? {
        guard let map = reader.mapping(node, .theUncertaintySpec, allowed: ["method", "runs", "seed", "interval", "blocks", "inputs"], required: ["inputs"]) else { return nil }
        var method = UncertaintySpec.Method.sobol
        if let text = reader.string(map["method"], .key("method")) {
            if let value = UncertaintySpec.Method(rawValue: text) { method = value } else {
                reader.report(.invalidValue, .unknownUncertaintyMethod(text), at: map["method"])
            }
        }
        var runs = 1000
        if let value = reader.integer(map["runs"], .key("runs")) {
            if value < 2 || value > 10_000_000 { reader.report(.outOfRange, .runsOutOfRange(value), at: map["runs"]) } else { runs = value }
        }
        var seed: UInt64 = 1
        if let value = reader.integer(map["seed"], .key("seed")) {
            if value < 0 { reader.report(.invalidValue, .seedNegative(value), at: map["seed"]) } else { seed = UInt64(value) }
        }
        var interval = 0.9
        if let value = reader.number(map["interval"], .key("interval")) {
            if value <= 0 || value >= 1 { reader.report(.outOfRange, .intervalOutOfRange(value), at: map["interval"]) } else { interval = value }
        }
        let blocks = reader.identifiers(map["blocks"], .key("blocks"))
        for block in blocks ?? [] where methodology.block(block) == nil {
            reader.report(.unknownBlock, .specUnknownBlock(block, blocks: methodology.blocks.map(\.id)), at: map["blocks"])
        }
        let rows = reader.sequence(map["inputs"], .key("inputs"))
        if map["inputs"] != nil && rows.isEmpty { reader.report(.missingKey, .inputsEmpty, at: map["inputs"]) }
        var inputs: [UncertaintySpec.Input] = []
        for row in rows { inputs.append(contentsOf: parseInput(row)) }
        var seen: [String: Int] = [:]
        for input in inputs {
            if let line = seen[input.id] {
                reader.report(.duplicateID, .duplicateInputID(input.id, firstLine: line), at: input.location)
            } else {
                seen[input.id] = input.location?.line ?? 0
            }
        }
        return UncertaintySpec(method: method, runs: runs, seed: seed, interval: interval, blocks: blocks, inputs: inputs, fileName: reader.file)
    }

    static let kinds = ["weights", "normalisation", "aggregation", "imputation", "treatment", "exclusion"]

    func parseInput(_ node: Node) -> [UncertaintySpec.Input] {
        let keys = ["id", "label", "type", "level", "nodes", "perturbation", "each", "alternatives", "indicators", "zero_scores"]
        guard let map = reader.mapping(node, .anInput, allowed: keys, required: ["id", "type"]),
              let id = reader.identifier(map["id"], .key("input.id")),
              let type = reader.string(map["type"], .key("input.type")) else { return [] }
        let what = Message.input(id)
        let location = reader.location(node)
        let label = reader.localized(map["label"], .key("label", of: what))
        func allow(_ allowed: [String]) {
            for key in ["level", "nodes", "perturbation", "each", "alternatives", "indicators", "zero_scores"] where map[key] != nil && !allowed.contains(key) {
                reader.report(.unknownKey, .keyNotForInputType(what, key: key, type: type, allowed: allowed), at: map[key])
            }
        }
        func input(_ kind: UncertaintySpec.Kind, _ fallback: LocalizedText) -> UncertaintySpec.Input {
            UncertaintySpec.Input(id: id, label: label ?? fallback, kind: kind, location: location)
        }
        switch type {
        case "weights":
            allow(["level", "nodes", "perturbation", "each"])
            let nodes = selectNodes(map, what: what, groupsOnly: false, required: true)
            var perturbation = 0.0
            if let value = reader.number(map["perturbation"], .key("perturbation", of: what)) {
                if value <= 0 || value >= 1 { reader.report(.outOfRange, .perturbationOutOfRange(what, value), at: map["perturbation"]) } else { perturbation = value }
            } else if map["perturbation"] == nil {
                reader.report(.missingKey, .weightsNeedPerturbation(what), at: node)
            }
            if map["each"].flatMap({ reader.boolean($0, .key("each", of: what)) }) == true {
                return nodes.map { nodeID in
                    let nodeLabel = methodology.node(nodeID)?.label ?? LocalizedText(nodeID)
                    return UncertaintySpec.Input(id: "\(id):\(nodeID)", label: label.map { LocalizedText(vi: "\($0.vi): \(nodeLabel.vi)", en: "\($0.en): \(nodeLabel.en)") } ?? LocalizedText(vi: "trọng số của \(nodeLabel.vi)", en: "the weight of \(nodeLabel.en)"), kind: .weights(nodes: [nodeID], perturbation: perturbation), location: location)
                }
            }
            return [input(.weights(nodes: nodes, perturbation: perturbation), describe(nodes, vi: "trọng số", en: "the weights", map: map))]
        case "normalisation":
            allow(["nodes", "alternatives"])
            let scope = selectNodes(map, what: what, groupsOnly: false, required: false)
            // Each alternative is `declared` or a score as a methodology writes it, parameters included.
            let alternatives: [Scoring?] = parsedAlternatives(map, what: what, known: .alternativesOfScores) { node in
                guard let scoring = MethodologyLoader.parseScoring(node, reader: reader, what: .key("alternative", of: what)) else { return nil }
                // Each leaf keeps its declared direction: an alternative saying "lower" (explicitly,
                // or by goalposts written high to low) would be silently turned round otherwise.
                if scoring.direction == .lower {
                    reader.report(.invalidValue, .alternativeKeepsDirection(what), at: node)
                    return nil
                }
                return scoring
            }
            return [input(.normalisation(scope: scope, alternatives: alternatives), LocalizedText(vi: "cách chuẩn hoá", en: "the normalisation"))]
        case "aggregation":
            allow(["level", "nodes", "alternatives", "zero_scores"])
            var nodes = selectNodes(map, what: what, groupsOnly: true, required: false)
            if nodes.isEmpty { nodes = methodology.allNodes.filter { !$0.isLeaf }.map(\.id) }
            let alternatives: [Aggregation?] = parsedAlternatives(map, what: what, known: .alternativesOfAggregations(Aggregation.names)) { node in
                MethodologyLoader.parseAggregation(node, reader: reader, what: .key("alternative", of: what))
            }
            var zeroScores: ZeroScorePolicy?
            if let text = reader.string(map["zero_scores"], .key("zero_scores", of: what)) {
                zeroScores = ZeroScorePolicy(rawValue: text)
                if zeroScores == nil { reader.report(.invalidValue, .invalidZeroScores(what, text), at: map["zero_scores"]) }
            }
            return [input(.aggregation(nodes: nodes, alternatives: alternatives, zeroScores: zeroScores), describe(nodes, vi: "cách tổng hợp", en: "the aggregation", map: map))]
        case "treatment":
            allow(["nodes", "alternatives"])
            let scope = selectNodes(map, what: what, groupsOnly: false, required: false)
            let alternatives: [Treatment?] = parsedAlternatives(map, what: what, known: .alternativesOfTreatments) { node in
                MethodologyLoader.parseTreatment(node, reader: reader, what: .key("alternative", of: what))
            }
            return [input(.treatment(scope: scope, alternatives: alternatives), LocalizedText(vi: "cách xử lý giá trị ngoại lai", en: "the treatment of outliers"))]
        case "imputation":
            allow(["nodes", "alternatives"])
            let scope = selectNodes(map, what: what, groupsOnly: false, required: false)
            let names: [String] = choices(map, what: what, known: ["declared"] + Imputation.allCases.filter { !$0.isByGroup }.map(\.rawValue))
            return [input(.imputation(scope: scope, alternatives: names.map { Imputation(rawValue: $0) }), LocalizedText(vi: "cách bù giá trị thiếu", en: "the imputation"))]
        case "exclusion":
            allow(["indicators"])
            let indicators = reader.identifiers(map["indicators"], .key("indicators", of: what)) ?? []
            if map["indicators"] == nil { reader.report(.missingKey, .exclusionNeedsIndicators(what), at: node) }
            for indicator in indicators {
                guard let found = methodology.node(indicator) else { reportUnknownNode(indicator, what: what, at: map["indicators"]); continue }
                if !found.isLeaf { reader.report(.invalidValue, .excludedGroup(what, indicator), at: map["indicators"]) }
            }
            return [input(.exclusion(indicators: indicators), LocalizedText(vi: "việc bỏ bớt chỉ tiêu", en: "the exclusion of an indicator"))]
        default:
            reader.report(.unknownRule, .unknownInputType(what, type, known: Self.kinds, didYouMean: VietnameseText.closest(to: type, among: Self.kinds, limit: 1).first), at: map["type"])
            return []
        }
    }

    /// A default label: "the weights of <node>" for one node, "of level N" for a level.
    func describe(_ nodes: [String], vi: String, en: String, map: YAMLMapping) -> LocalizedText {
        if nodes.count == 1, let node = methodology.node(nodes[0]) { return LocalizedText(vi: "\(vi) của \(node.label.vi)", en: "\(en) of \(node.label.en)") }
        if let level = map["level"].flatMap({ $0.scalar?.string }) { return LocalizedText(vi: "\(vi) cấp \(level)", en: "\(en) of level \(level)") }
        return LocalizedText(vi: vi, en: en)
    }

    /// The nodes named by `nodes:` or at `level:` (the index is level 0).
    func selectNodes(_ map: YAMLMapping, what: Message, groupsOnly: Bool, required: Bool) -> [String] {
        if map["level"] != nil && map["nodes"] != nil {
            reader.report(.invalidValue, .levelOrNodes(what), at: map["nodes"])
        }
        if let levelNode = map["level"] {
            // One level (`level: 1`) or several (`level: [1, 2]`): the nodes of each, in tree order.
            let levels = levelNode.sequence != nil
                ? reader.sequence(levelNode, .key("level", of: what)).compactMap { reader.integer($0, .key("level", of: what)) }
                : reader.integer(levelNode, .key("level", of: what)).map { [$0] } ?? []
            var depths: [(IndicatorNode, Int)] = []
            func walk(_ node: IndicatorNode, _ depth: Int) { depths.append((node, depth)); node.children.forEach { walk($0, depth + 1) } }
            walk(methodology.root, 0)
            var found: [String] = []
            for level in levels {
                let atLevel = depths.filter { $0.1 == level && (!groupsOnly || !$0.0.isLeaf) }.map(\.0.id)
                if atLevel.isEmpty {
                    let deepest = depths.map(\.1).max() ?? 0
                    reader.report(.outOfRange, .noNodesAtLevel(what, groupsOnly: groupsOnly, level: level, deepest: deepest), at: levelNode)
                }
                found += atLevel.filter { !found.contains($0) }
            }
            return found
        }
        if let nodesNode = map["nodes"] {
            let ids = reader.identifiers(nodesNode, .key("nodes", of: what)) ?? []
            for id in ids {
                guard let node = methodology.node(id) else { reportUnknownNode(id, what: what, at: nodesNode); continue }
                if groupsOnly && node.isLeaf { reader.report(.invalidValue, .aggregationOnLeaf(what, id), at: nodesNode) }
            }
            return ids
        }
        if required { reader.report(.missingKey, .needsLevelOrNodes(what), at: map["id"]) }
        return []
    }

    func reportUnknownNode(_ id: String, what: Message, at node: Node?) {
        let suggestions = VietnameseText.closest(to: id, among: methodology.allNodes.map(\.id), limit: 3)
        reader.report(.unknownField, .noNodeInMethodology(what, id, suggestions: suggestions), at: node)
    }

    /// Alternatives that are `declared` (`nil`) or written as in a methodology and parsed by
    /// `parse`; duplicates and unparsable ones are reported.
    func parsedAlternatives<Value: Hashable>(_ map: YAMLMapping, what: Message, known: Message, parse: (Node) -> Value?) -> [Value?] {
        guard let node = map["alternatives"] else {
            reader.report(.missingKey, .needsAlternatives(what, known: known), at: map["id"])
            return []
        }
        let rows = reader.sequence(node, .key("alternatives", of: what))
        var values: [Value?] = []
        for row in rows {
            let value: Value?
            if row.scalar?.string == "declared" { value = nil } else {
                guard let parsed = parse(row) else { continue }
                value = parsed
            }
            if values.contains(value) {
                reader.report(.duplicateID, .alternativeTwice(what), at: row)
            } else {
                values.append(value)
            }
        }
        if rows.count < 2 && !rows.isEmpty { reader.report(.invalidValue, .tooFewAlternatives(what), at: node) }
        return values
    }

    func choices(_ map: YAMLMapping, what: Message, known: [String]) -> [String] {
        guard let node = map["alternatives"] else {
            reader.report(.missingKey, .needsAlternativesKnown(what, known: known), at: map["id"])
            return []
        }
        let rows = reader.sequence(node, .key("alternatives", of: what))
        var names: [String] = []
        for row in rows {
            guard let name = reader.string(row, .key("alternative", of: what)) else { continue }
            if !known.contains(name) {
                reader.report(.invalidValue, .unknownAlternative(what, name, known: known, didYouMean: VietnameseText.closest(to: name, among: known, limit: 1).first), at: row)
            } else if names.contains(name) {
                reader.report(.duplicateID, .namedAlternativeTwice(what, name), at: row)
            } else {
                names.append(name)
            }
        }
        if rows.count < 2 && !rows.isEmpty { reader.report(.invalidValue, .tooFewAlternatives(what), at: node) }
        return names
    }
}
