import Audit
import IndexCore

/// The data audit of `ictindex audit` as a terminal report or as JSON.
public enum DataAuditFormatter {
    /// One block's audit as aligned tables: indicators, groups, units short of data, flags.
    public static func text(_ audit: DataAudit) -> String {
        var out = "\(audit.block.name.en) (\(audit.block.id)): \(audit.unitCount) units, \(audit.indicators.count) indicators\n\n"
        var indicators = TextTable(headers: ["indicator", "parent", "available", "min", "mean", "max", "skew", "kurt", "r(parent)", "ρ(parent)"], alignments: [.left, .left] + Array(repeating: .right, count: 8))
        for i in audit.indicators {
            indicators.append([i.id + (i.hasOutliers ? " *" : ""), i.parent, "\(i.present)/\(audit.unitCount)", number(i.minimum), number(i.mean), number(i.maximum), number(i.skewness, 2), number(i.kurtosis, 2), number(i.pearsonWithParent), number(i.spearmanWithParent)])
        }
        out += indicators.rendered() + "\n(* outliers: |skewness| > \(number(audit.thresholds.skewness)) and kurtosis > \(number(audit.thresholds.kurtosis)))\n\n"
        var groups = TextTable(headers: ["group", "level", "children", "Cronbach α", "PC1 share"], alignments: [.left, .right, .right, .right, .right])
        for g in audit.groups { groups.append([g.id, String(g.level), String(g.children.count), number(g.cronbachAlpha), number(g.firstComponentShare)]) }
        out += groups.rendered() + "\n\n"
        let low = audit.units.filter { $0.availability < audit.thresholds.availability }
        out += "units with availability below \(number(audit.thresholds.availability * 100, 1))%: \(low.isEmpty ? "none" : low.map { "\($0.name) \($0.present)/\(audit.indicators.count)" }.joined(separator: ", "))\n"
        out += audit.flags.isEmpty ? "flags: none\n" : "flags (\(audit.flags.count)):\n" + audit.flags.map { "  [\($0.kind.rawValue)] \($0.message)" }.joined(separator: "\n") + "\n"
        return out
    }

    /// The audits of a methodology and period as one JSON document.
    public static func json(_ audits: [DataAudit], methodology: Methodology, period: Int?) -> JSONValue {
        .object([
            ("index", .string(methodology.id)),
            ("period", period.map { .integer($0) } ?? .null),
            ("blocks", .array(audits.map(json))),
        ])
    }

    /// One block's audit as JSON.
    public static func json(_ audit: DataAudit) -> JSONValue {
        func matrix(_ m: [[Double]]) -> JSONValue { .array(m.map { .array($0.map(JSONValue.optionalNumber)) }) }
        return .object([
            ("id", .string(audit.block.id)),
            ("units", .integer(audit.unitCount)),
            ("indicators", .array(audit.indicators.map { i in
                .object([
                    ("id", .string(i.id)), ("parent", .string(i.parent)), ("present", .integer(i.present)),
                    ("availability", .optionalNumber(i.availability)), ("min", .optionalNumber(i.minimum)),
                    ("mean", .optionalNumber(i.mean)), ("max", .optionalNumber(i.maximum)),
                    ("skewness", .optionalNumber(i.skewness)), ("kurtosis", .optionalNumber(i.kurtosis)),
                    ("outliers", .bool(i.hasOutliers)),
                    ("pearson_parent", .optionalNumber(i.pearsonWithParent)), ("spearman_parent", .optionalNumber(i.spearmanWithParent)),
                ])
            })),
            ("unit_availability", .array(audit.units.map { u in
                .object([("id", .string(u.id)), ("name", .string(u.name)), ("present", .integer(u.present)), ("availability", .optionalNumber(u.availability))])
            })),
            ("groups", .array(audit.groups.map { g in
                .object([
                    ("id", .string(g.id)), ("level", .integer(g.level)), ("children", .array(g.children.map { .string($0) })),
                    ("cronbach_alpha", .optionalNumber(g.cronbachAlpha)), ("pc1_share", .optionalNumber(g.firstComponentShare)),
                    ("pearson_children", .array(g.pearsonWithChildren.map(JSONValue.optionalNumber))),
                    ("spearman_children", .array(g.spearmanWithChildren.map(JSONValue.optionalNumber))),
                    ("pearson", matrix(g.pearson)), ("spearman", matrix(g.spearman)),
                ])
            })),
            ("correlations", .object([
                ("indicators", .array(audit.indicators.map { .string($0.id) })),
                ("pearson", matrix(audit.pearson)), ("spearman", matrix(audit.spearman)),
            ])),
            ("flags", .array(audit.flags.map { f in
                .object([("kind", .string(f.kind.rawValue)), ("subjects", .array(f.subjects.map { .string($0) })), ("group", f.group.map { .string($0) } ?? .null), ("message", .string(f.message))])
            })),
        ])
    }

    /// A statistic as shown: rounded as published, "—" when undefined.
    static func number(_ x: Double, _ decimals: Int = 3) -> String { x.isNaN ? "—" : NumberFormatting.format(PublishedRounding.round(x, decimals: decimals)) }
}
