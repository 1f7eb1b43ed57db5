import Foundation
import Yams

/// Reads methodology files (YAML) into a validated ``Methodology``.
///
/// Loading reports every problem it finds (unknown keys, unknown fields in expressions, cycles,
/// duplicate ids, unknown rules, missing weights, type mismatches), each with the file, line and
/// column, in one ``DiagnosticError``. The language is documented in `docs/methodology-language.md`.
public enum MethodologyLoader {
    /// Loads the methodology in the file at `url`.
    public static func load(contentsOf url: URL) throws -> Methodology {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw DiagnosticError([Diagnostic(.invalidValue, "cannot read the methodology file: \(error.localizedDescription)", at: SourceLocation(file: url.relativePath))])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DiagnosticError([Diagnostic(.invalidValue, "the methodology file is not UTF-8 text", at: SourceLocation(file: url.relativePath))])
        }
        return try load(yaml: text, fileName: url.relativePath)
    }

    /// Loads a methodology from YAML text; `fileName` is used in messages.
    public static func load(yaml text: String, fileName: String) throws -> Methodology {
        let root: Node
        do {
            // The basic resolver tags every scalar as text without trying Yams's regular
            // expressions for numbers, booleans, dates and nulls on each one (about 40% of the
            // time it takes to read a methodology): the parser reads every scalar as text and
            // interprets it itself. Merge keys (`<<: *anchor`) would need the default resolver;
            // the methodology language does not use them.
            guard let composed = try Yams.compose(yaml: text, .basic) else {
                throw DiagnosticError([Diagnostic(.syntax, "the methodology file is empty", at: SourceLocation(file: fileName, line: 1))])
            }
            root = composed
        } catch let error as DiagnosticError {
            throw error
        } catch let error as YamlError {
            throw DiagnosticError([YAMLReader.diagnostic(for: error, text: text, fileName: fileName)])
        }
        let reader = YAMLReader(file: fileName)
        reader.keyPlaces = MethodologyParser.keyPlaces
        let parsed = MethodologyParser(reader: reader).parse(root)
        if let parsed {
            // Where the top-level keys are written, for problems of the whole file (no blocks, an
            // attribute that is not a field), so that every diagnostic has a line.
            var places: [String: SourceLocation] = [:]
            if let mapping = root.mapping {
                for (key, value) in mapping { if let name = key.scalar?.string { places[name] = reader.location(value) } }
            }
            MethodologyValidator(methodology: parsed, reader: reader, places: places, start: reader.location(root)).validate()
        }
        try reader.collector.throwIfAny()
        guard var parsed else { throw DiagnosticError([Diagnostic(.syntax, "not a methodology", at: reader.location(root))]) }
        parsed.warnings = reader.warnings
        return parsed
    }

}

extension MethodologyLoader {
    /// Parses a score written as in a methodology (`min_max`, `{rule: z_score, target: {mean: 10,
    /// sd: 2}}`), reporting problems to `reader`: the uncertainty specification's normalisation
    /// alternatives are written in the same language.
    package static func parseScoring(_ node: Node, reader: YAMLReader, what: String) -> Scoring? {
        MethodologyParser(reader: reader).parseScoring(node, what: what)
    }

    /// Parses an aggregation written as in a methodology (`geometric`, `{method: power_mean, p: 2}`).
    package static func parseAggregation(_ node: Node, reader: YAMLReader, what: String) -> Aggregation? {
        MethodologyParser(reader: reader).parseAggregation(node, what: what)
    }

    /// Parses a treatment written as in a methodology (`none`, `{winsorise: {max_points: 5}}`).
    package static func parseTreatment(_ node: Node, reader: YAMLReader, what: String) -> Treatment? {
        MethodologyParser(reader: reader).parseTreatment(node, what: what)
    }
}

/// Turns the YAML tree into model values, reporting structural problems.
private struct MethodologyParser {
    let reader: YAMLReader
    /// Whether the file declares `scale: points` (or no scale), where output scales do not apply.
    var methodologyIsPoints = true

    static let topKeys = ["id", "family", "edition", "period", "title", "sources", "notes", "scale", "ranking", "missing", "blocks", "fields", "constraints", "derived", "index", "treatment", "impute",
                          "aggregate", "score", "zero_scores", "data_threshold", "attributes", "screening", "classification"]

    /// Where each key of the language may be written, for messages about a key written elsewhere.
    static let keyPlaces: [String: String] = {
        var places: [String: String] = [:]
        for (key, rules) in scoreKeyRules { places[key] = "a key of \(rules.joined(separator: ", ")) scores (score: {rule: …, \(key): …})" }
        places["aggregate"] = "a key of groups and of the methodology's top level (the default for groups below)"
        places["score"] = "a key of leaves, and of groups and the top level as the default rule of the leaves below"
        places["missing"] = "a key of nodes and of the methodology's top level"
        places["zero_scores"] = "a key of groups and of the methodology's top level"
        places["data_threshold"] = "a key of groups and of the methodology's top level"
        places["treatment"] = "a key of nodes and of the methodology's top level"
        places["impute"] = "a key of nodes and of the methodology's top level"
        places["weight"] = "a key of nodes"
        places["children"] = "a key of nodes"
        places["value"] = "a key of leaves and derived values"
        places["rule"] = "a key of a score mapping (score: {rule: …})"
        places["direction"] = "a key of a score mapping and of leaves"
        return places
    }()

    func parse(_ node: Node) -> Methodology? {
        guard let map = reader.mapping(node, "the methodology", allowed: Self.topKeys, required: ["id", "title", "blocks", "fields", "index"]) else { return nil }
        let id = reader.identifier(map["id"], "id") ?? "?"
        let scale = map["scale"].map { enumValue($0, "scale", Methodology.Scale.self) ?? .points } ?? .points
        var parser = self
        parser.methodologyIsPoints = scale == .points
        return parser.parseMethodology(map, id: id, scale: scale, at: node)
    }

    func parseMethodology(_ map: YAMLMapping, id: String, scale: Methodology.Scale, at top: Node) -> Methodology? {
        let missing = map["missing"].map { enumValue($0, "missing", MissingPolicy.self) ?? .zero } ?? .zero
        var ranking = RankingPolicy()
        if let rankingMap = reader.mapping(map["ranking"], "ranking", allowed: ["decimals", "method"]) {
            if let decimals = reader.integer(rankingMap["decimals"], "ranking decimals") {
                if (0...12).contains(decimals) { ranking.decimals = decimals } else {
                    reader.report(.invalidValue, "ranking decimals must be between 0 and 12, found \(decimals)", at: rankingMap["decimals"])
                }
            }
            if let method = reader.string(rankingMap["method"], "ranking method"), method != "competition" {
                reader.report(.unknownRule, "unknown ranking method '\(method)' (known: competition)", at: rankingMap["method"])
            }
        }
        let defaults = Defaults(
            aggregation: map["aggregate"].flatMap { parseAggregation($0, what: "the methodology") },
            scoring: map["score"].flatMap { parseScoring($0, what: "the methodology's default score") }
        )
        let rootNode = map["index"].flatMap { parseNode($0, path: "index", inherited: defaults) }
        var methodology = Methodology(
            id: id,
            family: map["family"].flatMap { reader.identifier($0, "family") } ?? id,
            edition: map["edition"].flatMap { reader.string($0, "edition") } ?? "",
            period: map["period"].flatMap { reader.integer($0, "period") },
            title: reader.localized(map["title"], "title") ?? LocalizedText(id),
            sources: reader.sequence(map["sources"], "sources").compactMap(parseSource),
            notes: reader.localized(map["notes"], "notes"),
            scale: scale,
            ranking: ranking,
            missing: missing,
            blocks: reader.sequence(map["blocks"], "blocks").compactMap(parseBlock),
            fields: reader.sequence(map["fields"], "fields").compactMap(parseField),
            constraints: reader.sequence(map["constraints"], "constraints").compactMap(parseConstraint),
            derived: reader.sequence(map["derived"], "derived").compactMap(parseDerived),
            // An index that could not be read stands in as an empty group, at its place (or the
            // file's start), so that later checks of it still say where.
            root: rootNode ?? IndicatorNode(id: "index", label: LocalizedText("index"), children: [], aggregation: .arithmetic, overrides: [:], location: reader.location(map["index"] ?? top)),
            fileName: reader.file
        )
        methodology.treatment = map["treatment"].flatMap { parseTreatment($0, what: "the methodology") }
        if let (imputation, group) = map["impute"].flatMap({ parseImputation($0, what: "the methodology") }) {
            methodology.imputation = imputation
            methodology.imputationGroup = group
        }
        methodology.attributes = reader.identifiers(map["attributes"], "attributes") ?? []
        if let screening = reader.mapping(map["screening"], "screening", allowed: ["data_threshold"], required: ["data_threshold"]),
           let threshold = screening["data_threshold"].flatMap({ parseShare($0, what: "screening data_threshold") }) {
            methodology.screening = Screening(dataThreshold: threshold)
        }
        methodology.zeroScores = map["zero_scores"].flatMap { enumValue($0, "zero_scores", ZeroScorePolicy.self) }
        methodology.dataThreshold = map["data_threshold"].flatMap { parseShare($0, what: "the methodology data_threshold") }
        if scale == .points, let output = defaults.scoring?.output { reportPointsScale(output, at: map["score"]) }
        methodology.classification = parseClassification(map["classification"])
        return methodology
    }

    /// The defaults a node inherits from its parent (or the top level) when it declares none.
    struct Defaults {
        var aggregation: Aggregation?
        var scoring: Scoring?
    }

    /// `impute: mean`, or `impute: {method: group_mean, by: region}` for group imputation.
    func parseImputation(_ node: Node, what: String) -> (Imputation, String?)? {
        if node.scalar != nil {
            guard let imputation = enumValue(node, "impute method", Imputation.self) else { return nil }
            if imputation.isByGroup {
                reader.report(.missingKey, "\(what): \(imputation.rawValue) needs the attribute grouping the units: impute: {method: \(imputation.rawValue), by: region}", at: node)
                return nil
            }
            return (imputation, nil)
        }
        guard let map = reader.mapping(node, "\(what) impute", allowed: ["method", "by"], required: ["method"]),
              let imputation = enumValue(map["method"]!, "impute method", Imputation.self) else { return nil }
        let group = reader.identifier(map["by"], "\(what) impute by")
        if imputation.isByGroup && group == nil && map["by"] == nil {
            reader.report(.missingKey, "\(what): \(imputation.rawValue) needs 'by', the attribute grouping the units", at: node)
            return nil
        }
        if !imputation.isByGroup, let byNode = map["by"] {
            reader.warn("\(what): 'by' is used by group_mean and group_median only; impute \(imputation.rawValue) ignores it", at: byNode)
            return (imputation, nil)
        }
        return (imputation, group)
    }

    /// A share on 0–1, written `0.66` or `66%`.
    func parseShare(_ node: Node, what: String) -> Double? {
        guard let value = reader.number(node, what) else { return nil }
        guard (0...1).contains(value) else {
            reader.report(.outOfRange, "\(what) must be a share between 0 and 1 (e.g. 66%), found \(NumberFormatting.format(value))", at: node)
            return nil
        }
        return value
    }

    /// `aggregate: geometric`, or `aggregate: {method: power_mean, p: 2}`.
    func parseAggregation(_ node: Node, what: String) -> Aggregation? {
        var map = YAMLMapping()
        let name: String
        if node.scalar != nil {
            guard let text = reader.string(node, "\(what) aggregate") else { return nil }
            name = text
        } else {
            guard let parsed = reader.mapping(node, "\(what) aggregate", allowed: ["method", "p"], required: ["method"]),
                  let text = reader.string(parsed["method"], "\(what) aggregate method") else { return nil }
            map = parsed
            name = text
        }
        if name == "power_mean" {
            guard let pNode = map["p"] else {
                reader.report(.missingKey, "\(what): power_mean needs its exponent: aggregate: {method: power_mean, p: 2}", at: node)
                return nil
            }
            guard let p = reader.number(pNode, "\(what) power_mean p") else { return nil }
            if p == 0 {
                reader.report(.invalidValue, "\(what): power_mean with p = 0 is the geometric mean; write aggregate: geometric", at: pNode)
                return nil
            }
            if abs(p) > 100 {
                reader.report(.outOfRange, "\(what): power_mean p must lie between -100 and 100, found \(NumberFormatting.format(p))", at: pNode)
                return nil
            }
            return .power(p)
        }
        if let pNode = map["p"] { reader.warn("\(what): 'p' is used by power_mean only; aggregate \(name) ignores it", at: pNode) }
        if let found = Aggregation(rawValue: name) { return found }
        let hint = YAMLReader.closeKey(to: name, among: Aggregation.names).map { "; did you mean '\($0)'?" } ?? ""
        reader.report(.invalidValue, "unknown aggregation '\(name)' (known: \(Aggregation.names.joined(separator: ", ")))\(hint)", at: map["method"] ?? node)
        return nil
    }

    func reportPointsScale(_ output: OutputScale, at node: Node?) {
        reader.report(.invalidValue, "a points methodology scores on 0–1 (points = score × weight); 'range' and 'target' need scale: unit", at: node)
    }

    /// `classification: [{label: {vi: Tốt, en: Good}, min: 0.8}, …]`: named bands of the index
    /// (0–1), each from its `min` up to the next band's; returned highest first.
    func parseClassification(_ node: Node?) -> [ClassificationBand] {
        guard let node else { return [] }
        var bands: [ClassificationBand] = []
        for item in reader.sequence(node, "classification") {
            guard let map = reader.mapping(item, "a classification band", allowed: ["label", "min"], required: ["label", "min"]),
                  let label = reader.localized(map["label"], "classification label"), let minimum = reader.number(map["min"], "classification min") else { continue }
            guard (0...1).contains(minimum) else {
                reader.report(.invalidValue, "a classification band's min is an index value from 0 to 1, found \(NumberFormatting.format(minimum))", at: map["min"])
                continue
            }
            if let same = bands.first(where: { $0.minimum == minimum }) {
                reader.report(.invalidValue, "classification bands '\(same.label.en)' and '\(label.en)' have the same min \(NumberFormatting.format(minimum))", at: map["min"])
                continue
            }
            bands.append(ClassificationBand(label: label, minimum: minimum))
        }
        return bands.sorted { $0.minimum > $1.minimum }
    }

    /// `treatment: {winsorise: {max_points: 5}, log_if_skewed: true, skewness: 2, kurtosis: 3.5}`,
    /// or `treatment: none`.
    func parseTreatment(_ node: Node, what: String) -> Treatment? {
        if node.scalar != nil {
            guard let text = reader.string(node, "\(what) treatment") else { return nil }
            if text == "none" { return Treatment.none }
            reader.report(.invalidValue, "\(what) treatment must be 'none' or a mapping {winsorise: {max_points: N}, log_if_skewed: true}, found '\(text)'", at: node)
            return nil
        }
        guard let map = reader.mapping(node, "\(what) treatment", allowed: ["winsorise", "log_if_skewed", "skewness", "kurtosis"]) else { return nil }
        var treatment = Treatment()
        if let winsorise = reader.mapping(map["winsorise"], "\(what) winsorise", allowed: ["max_points"], required: ["max_points"]),
           let points = reader.integer(winsorise["max_points"], "\(what) winsorise max_points") {
            if points < 0 { reader.report(.invalidValue, "\(what): winsorise max_points must be 0 or more, found \(points)", at: winsorise["max_points"]) }
            treatment.winsoriseMaxPoints = max(points, 0)
        }
        treatment.logIfSkewed = map["log_if_skewed"].flatMap { reader.boolean($0, "\(what) log_if_skewed") } ?? false
        if let limit = map["skewness"].flatMap({ reader.number($0, "\(what) treatment skewness") }) {
            if limit <= 0 { reader.report(.invalidValue, "\(what): treatment skewness must be above 0", at: map["skewness"]) } else { treatment.skewnessLimit = limit }
        }
        if let limit = map["kurtosis"].flatMap({ reader.number($0, "\(what) treatment kurtosis") }) { treatment.kurtosisLimit = limit }
        return treatment
    }

    func enumValue<E: RawRepresentable & CaseIterable>(_ node: Node, _ what: String, _ type: E.Type) -> E? where E.RawValue == String {
        guard let text = reader.string(node, what) else { return nil }
        if let value = E(rawValue: text) { return value }
        let known = E.allCases.map(\.rawValue).joined(separator: ", ")
        reader.report(.invalidValue, "unknown \(what) '\(text)' (known: \(known))", at: node)
        return nil
    }

    func parseSource(_ node: Node) -> LegalSource? {
        guard let map = reader.mapping(node, "a source", allowed: ["id", "date", "title", "url"], required: ["id"]) else { return nil }
        guard let id = reader.string(map["id"], "source id") else { return nil }
        return LegalSource(id: id, date: reader.string(map["date"], "source date"), title: reader.localized(map["title"], "source title"), url: reader.string(map["url"], "source url"))
    }

    func parseBlock(_ node: Node) -> Block? {
        guard let map = reader.mapping(node, "a block", allowed: ["id", "name", "appendix"], required: ["id", "name"]) else { return nil }
        guard let id = reader.identifier(map["id"], "block id") else { return nil }
        return Block(id: id, name: reader.localized(map["name"], "block name") ?? LocalizedText(id), appendix: reader.string(map["appendix"], "appendix"), location: reader.location(node))
    }

    func parseField(_ node: Node) -> Field? {
        let keys = ["id", "label", "type", "unit", "min", "max", "blocks", "help", "section", "choices"]
        guard let map = reader.mapping(node, "a field", allowed: keys, required: ["id", "label", "type"]) else { return nil }
        guard let id = reader.identifier(map["id"], "field id") else { return nil }
        let what = "field '\(id)'"
        var type: FieldType?
        if let typeName = reader.string(map["type"], "\(what) type") {
            switch typeName {
            case "count": type = .count
            case "number": type = .number
            case "percent": type = .percent
            case "boolean": type = .boolean
            case "text": type = .text
            case "choice":
                let choices = reader.sequence(map["choices"], "\(what) choices").compactMap { parseChoice($0, field: id) }
                if choices.isEmpty { reader.report(.missingKey, "\(what) is a choice and needs a non-empty 'choices' list", at: node) }
                type = .choice(choices)
            default:
                reader.report(.invalidValue, "\(what) has unknown type '\(typeName)' (known: count, number, percent, boolean, choice, text)", at: map["type"])
            }
        }
        if map["choices"] != nil, let type, case .choice = type {} else if map["choices"] != nil {
            reader.report(.invalidValue, "\(what) has 'choices' but is not of type choice", at: map["choices"])
        }
        var minimum = map["min"].flatMap { reader.number($0, "\(what) min") }
        var maximum = map["max"].flatMap { reader.number($0, "\(what) max") }
        if type == .count { minimum = max(minimum ?? 0, 0) }
        if type == .percent { minimum = minimum ?? 0; maximum = maximum ?? 100 }
        if let lo = minimum, let hi = maximum, lo > hi {
            reader.report(.invalidValue, "\(what) has min \(NumberFormatting.format(lo)) above max \(NumberFormatting.format(hi))", at: map["min"])
        }
        return Field(
            id: id,
            label: reader.localized(map["label"], "\(what) label") ?? LocalizedText(id),
            type: type ?? .number,
            unit: reader.localized(map["unit"], "\(what) unit"),
            minimum: minimum,
            maximum: maximum,
            blocks: reader.identifiers(map["blocks"], "\(what) blocks"),
            help: reader.localized(map["help"], "\(what) help"),
            section: map["section"].flatMap { reader.string($0, "\(what) section") },
            location: reader.location(node)
        )
    }

    func parseChoice(_ node: Node, field: String) -> Choice? {
        guard let map = reader.mapping(node, "a choice of field '\(field)'", allowed: ["id", "label", "value"], required: ["id", "value"]) else { return nil }
        guard let id = reader.identifier(map["id"], "choice id"), let value = reader.number(map["value"], "choice value") else { return nil }
        return Choice(id: id, label: reader.localized(map["label"], "choice label") ?? LocalizedText(id), value: value)
    }

    func parseConstraint(_ node: Node) -> Constraint? {
        guard let map = reader.mapping(node, "a constraint", allowed: ["id", "check", "message", "blocks"], required: ["id", "check"]) else { return nil }
        guard let id = reader.identifier(map["id"], "constraint id"), let check = reader.expression(map["check"], "constraint '\(id)'") else { return nil }
        return Constraint(id: id, check: check, message: reader.localized(map["message"], "constraint message") ?? LocalizedText(check.description), blocks: reader.identifiers(map["blocks"], "constraint blocks"), location: reader.location(map["check"]))
    }

    func parseDerived(_ node: Node) -> DerivedValue? {
        guard let map = reader.mapping(node, "a derived value", allowed: ["id", "label", "value"], required: ["id", "value"]) else { return nil }
        guard let id = reader.identifier(map["id"], "derived id"), let expression = reader.expression(map["value"], "derived value '\(id)'") else { return nil }
        return DerivedValue(id: id, label: reader.localized(map["label"], "derived label"), expression: expression, location: reader.location(map["value"]))
    }

    static let nodeKeys = ["id", "label", "description", "weight", "value", "score", "children", "aggregate", "rescale", "missing", "blocks", "by_block", "provenance", "note", "zero_when", "treatment", "impute",
                           "zero_scores", "data_threshold", "direction"]

    func parseNode(_ node: Node, path: String, inherited: Defaults) -> IndicatorNode? {
        guard let map = reader.mapping(node, "node \(path)", allowed: Self.nodeKeys, required: ["id"]) else { return nil }
        guard let id = reader.identifier(map["id"], "node id") else { return nil }
        let what = "node '\(id)'"
        let isGroup = map["children"] != nil
        let ownAggregation = map["aggregate"].flatMap { parseAggregation($0, what: what) }
        var ownScoring = map["score"].flatMap { parseScoring($0, what: what) }
        // `direction:` on a leaf turns the rule it inherits (or declares) the other way.
        if let directionNode = map["direction"] {
            if isGroup {
                reader.report(.invalidValue, "\(what): 'direction' belongs on leaves (or inside a score mapping); a group has no direction", at: directionNode)
            } else if let text = reader.string(directionNode, "\(what) direction") {
                if let direction = Direction(rawValue: text) {
                    if var scoring = ownScoring ?? inherited.scoring {
                        if map["score"]?.mapping?.contains(where: { $0.key.scalar?.string == "direction" }) == true {
                            reader.report(.invalidValue, "\(what): direction is given twice (on the node and in its score)", at: directionNode)
                        }
                        scoring.direction = direction
                        ownScoring = scoring
                    }
                } else {
                    reader.report(.invalidValue, "\(what): direction must be 'higher' or 'lower', found '\(text)'", at: directionNode)
                }
            }
        }
        let defaults = Defaults(aggregation: ownAggregation ?? inherited.aggregation, scoring: isGroup ? ownScoring ?? inherited.scoring : inherited.scoring)
        let children = reader.sequence(map["children"], "\(what) children").compactMap { parseNode($0, path: "under '\(id)'", inherited: defaults) }
        let value = map["value"].flatMap { reader.expression($0, "\(what) value") }
        if isGroup && map["value"] != nil {
            reader.report(.invalidValue, "\(what) has children and also a value; a node is either a leaf or a group (a 'score' on a group is the default rule of its leaves)", at: node)
        }
        if !isGroup {
            if map["value"] == nil { reader.report(.missingKey, "leaf \(what) needs a 'value' expression", at: node) }
            if map["score"] == nil && inherited.scoring == nil {
                reader.report(.missingKey, "leaf \(what) needs a 'score' rule (on the leaf, or a default 'score' on a group above it or at the top level)", at: node)
            }
            for key in ["aggregate", "zero_scores", "data_threshold"] where map[key] != nil {
                reader.warn("\(what) is a leaf: '\(key)' applies to groups and is ignored here", at: map[key])
            }
        }
        let scoring = isGroup ? nil : ownScoring ?? inherited.scoring
        let nodeImputation = map["impute"].flatMap { parseImputation($0, what: what) }
        if methodologyIsPoints, let output = ownScoring?.output { reportPointsScale(output, at: map["score"]) }
        var overrides: [String: IndicatorNode.Override] = [:]
        if let byBlock = map["by_block"] {
            if let blockMap = byBlock.mapping {
                for (keyNode, valueNode) in blockMap {
                    guard let block = reader.identifier(keyNode, "\(what) by_block key") else { continue }
                    guard let parts = reader.mapping(valueNode, "\(what) by_block '\(block)'", allowed: ["weight", "value", "score"]) else { continue }
                    overrides[block] = IndicatorNode.Override(
                        weight: parts["weight"].flatMap { reader.number($0, "\(what) weight for \(block)") },
                        value: parts["value"].flatMap { reader.expression($0, "\(what) value for \(block)") },
                        scoring: parts["score"].flatMap { parseScoring($0, what: "\(what) for \(block)") }
                    )
                }
            } else {
                reader.report(.invalidValue, "\(what) by_block must map block ids to overrides", at: byBlock)
            }
        }
        return IndicatorNode(
            id: id,
            label: reader.localized(map["label"], "\(what) label") ?? LocalizedText(id),
            description: reader.localized(map["description"], "\(what) description"),
            weight: map["weight"].flatMap { reader.number($0, "\(what) weight") },
            value: value,
            scoring: scoring,
            children: children,
            aggregation: ownAggregation ?? inherited.aggregation ?? .arithmetic,
            rescale: map["rescale"].flatMap { enumValue($0, "rescale", Rescale.self) },
            missing: map["missing"].flatMap { enumValue($0, "missing policy", MissingPolicy.self) },
            blocks: reader.identifiers(map["blocks"], "\(what) blocks"),
            overrides: overrides,
            provenance: map["provenance"].flatMap { parseProvenance($0) },
            location: reader.location(node),
            zeroWhen: map["zero_when"].flatMap { reader.expression($0, "\(what) zero_when") },
            treatment: map["treatment"].flatMap { parseTreatment($0, what: what) },
            imputation: nodeImputation?.0,
            imputationGroup: nodeImputation?.1,
            zeroScores: map["zero_scores"].flatMap { enumValue($0, "zero_scores", ZeroScorePolicy.self) },
            dataThreshold: map["data_threshold"].flatMap { parseShare($0, what: "\(what) data_threshold") }
        )
    }

    func parseProvenance(_ node: Node) -> Provenance? {
        guard let text = reader.string(node, "provenance") else { return nil }
        guard let value = Provenance(rawValue: text) else {
            reader.report(.invalidValue, "provenance must be 'published' or 'reconstructed', found '\(text)'", at: node)
            return nil
        }
        return value
    }

    static let ruleNames = ["ratio", "as_is", "yes_no", "relative_to_best", "fraction_of_max", "goalpost", "steps", "capped_count", "min_max", "distance_to_max",
                            "z_score", "rank", "percentile", "percent_rank", "borda", "distance_to_reference", "distance_to_target"]

    /// The keys a score mapping may hold besides `rule` and `direction`, and the rules that use each.
    static let scoreKeyRules: [(String, [String])] = [
        ("low", ["goalpost"]), ("high", ["goalpost"]), ("steps", ["steps"]), ("cap", ["capped_count"]),
        ("sd", ["z_score"]), ("clamp", ["as_is"]), ("unit", ["distance_to_reference"]),
        ("target", ["z_score", "distance_to_target"]),
        ("truncate", ["goalpost", "distance_to_reference", "distance_to_target"]),
        ("range", ["ratio", "as_is", "yes_no", "relative_to_best", "fraction_of_max", "goalpost", "steps", "capped_count", "min_max", "distance_to_max", "rank", "percentile", "percent_rank"]),
    ]

    /// A score is a rule name (`ratio`) or a mapping (`{rule: goalpost, low: 0, high: 0.3}`).
    func parseScoring(_ node: Node, what: String) -> Scoring? {
        var map = YAMLMapping()
        let ruleName: String
        if node.scalar != nil {
            guard let name = reader.string(node, "\(what) score") else { return nil }
            ruleName = name
        } else {
            let keys = ["rule", "direction"] + Self.scoreKeyRules.map(\.0)
            guard let parsed = reader.mapping(node, "\(what) score", allowed: keys, required: ["rule"]),
                  let name = reader.string(parsed["rule"], "\(what) score rule") else { return nil }
            map = parsed
            ruleName = name
        }
        // A key the rule does not use is accepted with a warning that names the rule.
        for (key, rules) in Self.scoreKeyRules where map[key] != nil && !rules.contains(ruleName) && Self.ruleNames.contains(ruleName) {
            // `range` does not apply on a points scale (points are score × weight): not offered there.
            let uses = Self.scoreKeyRules.filter { $0.1.contains(ruleName) && !(methodologyIsPoints && $0.0 == "range") }.map(\.0)
            let takes = uses.isEmpty ? "it takes only 'direction'" : "it takes \((["direction"] + uses).map { "'\($0)'" }.joined(separator: ", "))"
            reader.warn("\(what): rule \(ruleName) does not use '\(key)' (\(key) is for \(rules.joined(separator: ", "))); \(takes). The key is ignored", at: map[key])
        }
        var direction = Direction.higher
        var directionGiven = false
        if let directionNode = map["direction"], let text = reader.string(directionNode, "direction") {
            if let value = Direction(rawValue: text) { direction = value; directionGiven = true } else {
                reader.report(.invalidValue, "\(what): direction must be 'higher' or 'lower', found '\(text)'", at: directionNode)
            }
        }
        var truncate: Bool?
        if ["goalpost", "distance_to_reference", "distance_to_target"].contains(ruleName) {
            truncate = map["truncate"].flatMap { reader.boolean($0, "\(what) truncate") }
        }
        let rule: ScoringRule
        switch ruleName {
        case "ratio": rule = .ratio
        case "as_is": rule = .asIs(clamp: map["clamp"].flatMap { reader.boolean($0, "clamp") } ?? false)
        case "yes_no": rule = .yesNo
        case "relative_to_best", "fraction_of_max": rule = .relativeToBest
        case "min_max", "distance_to_max": rule = .minMax
        case "rank": rule = .rank
        case "percentile": rule = .percentile
        case "percent_rank": rule = .percentRank
        case "borda": rule = .borda
        case "z_score":
            var population = false
            if let sd = map["sd"].flatMap({ reader.string($0, "sd") }) {
                switch sd {
                case "population": population = true
                case "sample": population = false
                default: reader.report(.invalidValue, "\(what): sd must be 'sample' or 'population' (the estimator; a target standard deviation goes in target: {mean: 10, sd: 2}), found '\(sd)'", at: map["sd"])
                }
            }
            rule = .zScore(populationSD: population)
        case "distance_to_reference":
            guard let unit = reader.string(map["unit"], "\(what) reference unit") else {
                if map["unit"] == nil { reader.report(.missingKey, "\(what): distance_to_reference needs 'unit', the id of the reference unit", at: node) }
                return nil
            }
            rule = .distanceToReference(unit: unit)
        case "distance_to_target":
            guard let target = reader.number(map["target"], "\(what) target") else {
                if map["target"] == nil { reader.report(.missingKey, "\(what): distance_to_target needs 'target', the value that scores 1", at: node) }
                return nil
            }
            rule = .distanceToTarget(target)
        case "goalpost":
            guard var low = reader.number(map["low"], "\(what) goalpost low"), var high = reader.number(map["high"], "\(what) goalpost high") else {
                if map["low"] == nil || map["high"] == nil { reader.report(.missingKey, "\(what): goalpost needs 'low' and 'high'", at: node) }
                return nil
            }
            if low == high { reader.report(.invalidValue, "\(what): goalpost low and high must differ", at: node); return nil }
            if low > high {
                // Goalposts written high-to-low mean "fewer is better": read them as the direction,
                // so that every other rule (and an uncertainty alternative) sees it too. With a
                // direction given as well the intent is ambiguous: rejected.
                if directionGiven {
                    reader.report(.invalidValue, "\(what): goalpost low \(NumberFormatting.format(low)) is above high \(NumberFormatting.format(high)) and direction is given too; write low below high and say 'direction: lower' for fewer-is-better", at: map["low"])
                    return nil
                }
                (low, high) = (high, low)
                direction = .lower
            }
            rule = .goalpost(low: low, high: high)
        case "capped_count":
            guard let cap = reader.number(map["cap"], "\(what) cap") else {
                if map["cap"] == nil { reader.report(.missingKey, "\(what): capped_count needs 'cap'", at: node) }
                return nil
            }
            if cap <= 0 { reader.report(.invalidValue, "\(what): cap must be above 0", at: map["cap"]); return nil }
            rule = .cappedCount(cap: cap)
        case "steps":
            let rows = reader.sequence(map["steps"], "\(what) steps")
            if rows.isEmpty { reader.report(.missingKey, "\(what): steps needs a non-empty 'steps' list", at: node); return nil }
            var steps: [Step] = []
            for row in rows {
                guard let step = reader.mapping(row, "\(what) step", allowed: ["at_least", "at_most", "points", "score"]) else { continue }
                let key = direction == .higher ? "at_least" : "at_most"
                let wrong = direction == .higher ? "at_most" : "at_least"
                if step[wrong] != nil { reader.report(.invalidValue, "\(what): with direction \(direction.rawValue), steps use '\(key)', not '\(wrong)'", at: row) }
                guard let threshold = reader.number(step[key], "\(what) step \(key)") else {
                    if step[key] == nil { reader.report(.missingKey, "\(what): each step needs '\(key)'", at: row) }
                    continue
                }
                if let points = step["points"].flatMap({ reader.number($0, "step points") }) {
                    steps.append(Step(threshold: threshold, award: .points(points)))
                } else if let score = step["score"].flatMap({ reader.number($0, "step score") }) {
                    if !(0...1).contains(score) { reader.report(.outOfRange, "\(what): a step score must be within 0–1, found \(NumberFormatting.format(score))", at: step["score"]) }
                    steps.append(Step(threshold: threshold, award: .score(score)))
                } else {
                    reader.report(.missingKey, "\(what): each step needs 'points' or 'score'", at: row)
                }
            }
            // The first step the value reaches wins, so order from the most demanding threshold.
            steps.sort { direction == .higher ? $0.threshold > $1.threshold : $0.threshold < $1.threshold }
            rule = .steps(steps)
        default:
            let hint = YAMLReader.closeKey(to: ruleName, among: Self.ruleNames).map { "; did you mean '\($0)'?" } ?? ""
            reader.report(.unknownRule, "\(what): unknown scoring rule '\(ruleName)' (known: \(Self.ruleNames.joined(separator: ", ")))\(hint)", at: map["rule"] ?? node)
            return nil
        }
        var output: OutputScale?
        if let rangeNode = map["range"], Self.scoreKeyRules.first(where: { $0.0 == "range" })!.1.contains(ruleName) {
            let bounds = reader.sequence(rangeNode, "\(what) range").compactMap { reader.number($0, "\(what) range bound") }
            if bounds.count != 2 || bounds[0] >= bounds[1] {
                reader.report(.invalidValue, "\(what): range must be two numbers, low then high, e.g. range: [1, 100]", at: rangeNode)
            } else {
                output = .range(low: bounds[0], high: bounds[1])
            }
        }
        if ruleName == "z_score", let targetNode = map["target"] {
            if let target = reader.mapping(targetNode, "\(what) target", allowed: ["mean", "sd"], required: ["mean", "sd"]),
               let mean = reader.number(target["mean"], "\(what) target mean"), let sd = reader.number(target["sd"], "\(what) target sd") {
                if sd <= 0 { reader.report(.invalidValue, "\(what): the target sd must be above 0", at: target["sd"]) } else { output = .meanSD(mean: mean, sd: sd) }
            }
        }
        return Scoring(rule, direction: direction, output: output, truncate: truncate)
    }
}

/// Checks the meaning of a parsed methodology: ids, names in expressions, cycles, types,
/// weights and blocks.
private struct MethodologyValidator {
    let methodology: Methodology
    let reader: YAMLReader
    let derivedByID: [String: DerivedValue]
    /// Where each top-level key's value is written.
    let places: [String: SourceLocation]
    /// Where the methodology starts (for problems no key of the file is the place of).
    let start: SourceLocation

    init(methodology: Methodology, reader: YAMLReader, places: [String: SourceLocation], start: SourceLocation) {
        self.methodology = methodology
        self.reader = reader
        self.places = places
        self.start = start
        derivedByID = Dictionary(methodology.derived.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    func validate() {
        let blockIDs = methodology.blocks.map(\.id)
        checkDuplicates(methodology.blocks.map { ($0.id, $0.location) }, what: "block")
        if blockIDs.isEmpty { reader.report(.missingKey, "the methodology declares no blocks", at: places["blocks"] ?? start) }
        checkDuplicates(methodology.fields.map { ($0.id, $0.location) } + methodology.derived.map { ($0.id, $0.location) }, what: "field or derived value")
        let nodes = methodology.allNodes
        checkDuplicates(nodes.map { ($0.id, $0.location) }, what: "node")
        checkDuplicates(methodology.constraints.map { ($0.id, $0.location) }, what: "constraint")

        func checkBlocks(_ blocks: [String]?, owner: @autoclosure () -> String, at location: SourceLocation?) {
            for block in blocks ?? [] where !blockIDs.contains(block) {
                reader.report(.unknownBlock, "\(owner()) names unknown block '\(block)' (blocks: \(blockIDs.joined(separator: ", ")))", at: location)
            }
        }
        for field in methodology.fields { checkBlocks(field.blocks, owner: "field '\(field.id)'", at: field.location) }
        for constraint in methodology.constraints { checkBlocks(constraint.blocks, owner: "constraint '\(constraint.id)'", at: constraint.location) }
        for node in nodes {
            checkBlocks(node.blocks, owner: "node '\(node.id)'", at: node.location)
            if !node.overrides.isEmpty { checkBlocks(Array(node.overrides.keys).sorted(), owner: "node '\(node.id)' by_block", at: node.location) }
        }

        let kinds = nameKinds()
        for constraint in methodology.constraints {
            checkExpression(constraint.check, owner: "constraint '\(constraint.id)'", at: constraint.location, kinds: kinds, expect: .boolean)
        }
        for derived in methodology.derived {
            checkExpression(derived.expression, owner: "derived value '\(derived.id)'", at: derived.location, kinds: kinds, expect: nil)
        }
        checkCycles()
        for node in nodes where node.isLeaf {
            for expression in [node.value].compactMap({ $0 }) + node.overrides.values.compactMap(\.value) {
                checkExpression(expression, owner: "node '\(node.id)'", at: node.location, kinds: kinds, expect: nil)
            }
        }
        for node in nodes {
            if let condition = node.zeroWhen {
                checkExpression(condition, owner: "node '\(node.id)' zero_when", at: node.location, kinds: kinds, expect: .boolean)
            }
        }
        for block in methodology.blocks { checkTree(in: block.id) }
        checkAttributes()
    }

    /// Attributes name declared fields; group imputation groups by a declared attribute.
    func checkAttributes() {
        let fieldIDs = methodology.fields.map(\.id)
        let location = places["attributes"] ?? start
        for attribute in methodology.attributes where !fieldIDs.contains(attribute) {
            let hint = VietnameseText.closest(to: attribute, among: fieldIDs, limit: 1).first.map { "; did you mean '\($0)'?" } ?? ""
            reader.report(.unknownField, "attribute '\(attribute)' is not a declared field (an attribute is read from the data like a field's answer)\(hint)", at: location)
        }
        let groups = [(methodology.imputationGroup, "the methodology", places["impute"] ?? start)] + methodology.allNodes.map { ($0.imputationGroup, "node '\($0.id)'", $0.location ?? location) }
        for (group, owner, at) in groups {
            guard let group, !methodology.attributes.contains(group) else { continue }
            reader.report(.unknownField, "\(owner) imputes by '\(group)', which is not among the attributes (attributes: \(methodology.attributes.isEmpty ? "none declared" : methodology.attributes.joined(separator: ", ")))", at: at)
        }
    }

    func checkDuplicates(_ items: [(String, SourceLocation?)], what: String) {
        var seen: [String: SourceLocation?] = [:]
        for (id, location) in items {
            if let first = seen[id] {
                let earlier = first?.line.map { " (first declared at line \($0))" } ?? ""
                reader.report(.duplicateID, "duplicate \(what) id '\(id)'\(earlier)", at: location)
            } else {
                seen[id] = location
            }
        }
    }

    /// The kind of every name usable in expressions. Derived values take the kind of their
    /// expression, computed lazily so derived values may refer to each other in any order.
    func nameKinds() -> [String: ValueKind] {
        var kinds: [String: ValueKind] = [:]
        for field in methodology.fields { kinds[field.id] = field.valueKind }
        for derived in methodology.derived { kinds[derived.id] = .number }
        // Refine derived kinds (a comparison makes a yes/no value) in dependency order, so that
        // each sees the kinds of the values it uses, however long the chain.
        for derived in DerivedOrder(methodology.derived).order {
            if case .success(let kind) = derived.expression.typeCheck({ kinds[$0] }) { kinds[derived.id] = kind }
        }
        return kinds
    }

    func checkExpression(_ expression: Expression, owner ownerText: @autoclosure () -> String, at location: SourceLocation?, kinds: [String: ValueKind], expect: ValueKind?) {
        var owner: String { ownerText() } // built only to report a problem
        switch expression.typeCheck({ kinds[$0] }) {
        case .success(let kind):
            if let expect, expect != kind {
                reader.report(.typeMismatch, "\(owner): '\(expression)' must be a yes/no condition (a comparison), but it is a number", at: location)
            }
        case .failure(let problems):
            for problem in problems.problems {
                switch problem {
                case .unknownName(let name):
                    let suggestions = VietnameseText.closest(to: name, among: Array(kinds.keys), limit: 3)
                    let hint = suggestions.isEmpty ? "" : "; did you mean \(suggestions.map { "'\($0)'" }.joined(separator: ", "))?"
                    reader.report(.unknownField, "\(owner) uses unknown field '\(name)'\(hint)", at: location)
                case .mismatch(let message):
                    reader.report(.typeMismatch, "\(owner): \(message)", at: location)
                }
            }
        }
    }

    /// Cycles among derived values, and chains longer than ``DerivedOrder/maximumChain``.
    func checkCycles() {
        let derivedByID = Dictionary(methodology.derived.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let order = DerivedOrder(methodology.derived)
        for cycle in order.cycles {
            reader.report(.cycle, "derived values refer to each other in a cycle: \(cycle.joined(separator: " → "))", at: derivedByID[cycle[0]]?.location)
        }
        if let longest = order.chainLength.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }), longest.value > DerivedOrder.maximumChain {
            reader.report(.limit, "derived value '\(longest.key)' starts a chain of \(longest.value) derived values each using the next; at most \(DerivedOrder.maximumChain) are allowed (the limit)", at: derivedByID[longest.key]?.location)
        }
    }

    /// The fields an expression reads, following derived values.
    func fieldsRead(by expression: Expression) -> Set<String> {
        var result = Set<String>()
        var pending = expression.references
        var seen = Set<String>()
        while let name = pending.popLast() {
            guard seen.insert(name).inserted else { continue }
            if let derived = derivedByID[name] {
                pending.append(contentsOf: derived.expression.references)
            } else {
                result.insert(name)
            }
        }
        return result
    }

    /// Weights, rules and field scopes as seen by one block.
    func checkTree(in block: String) {
        let isPoints = methodology.scale == .points
        @discardableResult
        func maxPoints(_ node: IndicatorNode) -> Double? {
            let children = node.children.filter { $0.applies(to: block) }
            if let condition = node.zeroWhen, node.applies(to: block) {
                for fieldID in fieldsRead(by: condition) {
                    if let field = methodology.field(fieldID), !field.applies(to: block) {
                        reader.report(.unknownField, "node '\(node.id)' zero_when uses field '\(fieldID)' in block '\(block)', but that block does not answer it", at: node.location)
                    }
                }
            }
            if node.isLeaf {
                if let expression = node.value(in: block) {
                    for fieldID in fieldsRead(by: expression) {
                        if let field = methodology.field(fieldID), !field.applies(to: block) {
                            reader.report(.unknownField, "node '\(node.id)' uses field '\(fieldID)' in block '\(block)', but that block does not answer it", at: node.location)
                        }
                    }
                }
                let weight = node.weight(in: block)
                if isPoints && weight == nil {
                    reader.report(.missingWeight, "leaf '\(node.id)' has no weight (its maximum points) in block '\(block)'", at: node.location)
                }
                if let weight, weight < 0 { reader.report(.invalidValue, "node '\(node.id)' has a negative weight", at: node.location) }
                if let weight, case .steps(let steps)? = node.scoring(in: block)?.rule {
                    for step in steps {
                        if case .points(let points) = step.award, points > weight + 1e-9 || points < 0 {
                            reader.report(.outOfRange, "node '\(node.id)': a step gives \(NumberFormatting.format(points)) points, outside 0–\(NumberFormatting.format(weight)) (its weight) in block '\(block)'", at: node.location)
                        }
                    }
                }
                if !isPoints, case .steps(let steps)? = node.scoring(in: block)?.rule, steps.contains(where: { if case .points = $0.award { true } else { false } }), weight == nil {
                    reader.report(.missingWeight, "leaf '\(node.id)' gives step points but has no weight to divide them by", at: node.location)
                }
                return weight
            }
            if children.isEmpty {
                reader.report(.invalidValue, "group '\(node.id)' has no children in block '\(block)'", at: node.location)
                return nil
            }
            let childPoints = children.map { maxPoints($0) }
            guard isPoints else { return node.weight(in: block) }
            guard childPoints.allSatisfy({ $0 != nil }) else { return node.weight(in: block) }
            let sum = childPoints.reduce(0) { $0 + $1! }
            if let declared = node.weight(in: block), abs(declared - sum) > 1e-9 {
                reader.report(.weightMismatch, "group '\(node.id)' has weight \(NumberFormatting.format(declared)) in block '\(block)' but its children's points add up to \(NumberFormatting.format(sum))", at: node.location)
            }
            return sum
        }
        if methodology.root.applies(to: block) {
            maxPoints(methodology.root)
        }
    }
}
