// ictindex-examples: writes the synthetic, calibrated example survey answers of the 2018 and
// 2019 IT-application index (Examples/vn-it-application/survey-YYYY.{csv,json}).
//
// The answers are SYNTHETIC. Each unit's answers are drawn from a seeded generator around a
// "quality" level, then calibrated: a bisection on the quality of the fine-grained answers
// (ratios over hundreds or thousands of staff, documents, dossiers), followed by a last
// adjustment of one count, makes the computed index equal the unit's target in targets.csv to
// better than 3e-5, so it rounds to the published 4-decimal value. Coarse answers (yes/no,
// small counts, bandwidth, which is scored relative to the block's best) are fixed from the
// target before calibrating, so units do not influence each other during calibration.
//
// Usage: swift run ictindex-examples [Examples/vn-it-application]
import Formats
import Foundation
import IndexCore
import Intake
import Reports

/// FNV-1a of a string: a stable seed per unit and year.
func stableHash(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return hash
}

struct Target {
    var period: Int
    var block: String
    var id: String
    var name: String
    var value: Double
}

/// The sizes and noise of one unit: everything random, drawn once, so that answers are a
/// deterministic, monotone function of the calibrated quality.
struct UnitProfile {
    var staff: Int, units: Int, documents: Int, procedures: Int, dossiers: Int, communes: Int
    var questions: Int, systems: Int, spareComputers: Int
    var noise: [String: Double]

    init(target: Target) {
        var rng = SplitMix64(seed: stableHash("\(target.id)|\(target.period)"))
        switch target.block {
        case "ministry":
            staff = rng.int(900...4000); units = rng.int(8...40); documents = rng.int(8000...40000)
            procedures = rng.int(150...600); dossiers = rng.int(20000...400000)
        case "agency":
            staff = rng.int(500...2500); units = rng.int(5...30); documents = rng.int(3000...15000)
            procedures = rng.int(40...120); dossiers = rng.int(5000...80000)
        default:
            staff = rng.int(2000...9000); units = rng.int(25...60); documents = rng.int(20000...90000)
            procedures = rng.int(1200...2000); dossiers = rng.int(100000...1000000)
        }
        communes = rng.int(90...700)
        questions = rng.int(30...600)
        systems = rng.int(3...15)
        spareComputers = rng.int(0...staff / 20)
        noise = [:]
        for key in UnitProfile.noiseKeys { noise[key] = rng.uniform(-0.12, 0.12) }
    }

    static let noiseKeys = [
        "computers", "antivirus", "bandwidth", "wan", "wan_apps", "datacentre", "edms", "electronic", "signed",
        "email", "ca", "databases", "apps", "meetings", "reporting", "items", "update", "functions", "english",
        "answers", "legal", "https", "level34", "level4", "national", "dossiers", "payment", "one_stop", "plan",
        "budget", "security", "levels", "steering", "cio", "it_unit", "it_staff", "degree", "trained", "missing",
    ]

    func level(_ x: Double, _ key: String) -> Double { min(max(x + noise[key]!, 0.02), 1) }
}

/// The survey answers of a unit at target level `t` (coarse answers) and calibrated quality `q`
/// (fine answers); `extra` nudges one count in the final adjustment.
func answers(_ target: Target, _ p: UnitProfile, q: Double, extra: [Int] = [0, 0, 0]) -> UnitAnswers {
    let t = target.value
    var v: [String: Double] = [:]
    func count(_ x: Double) -> Double { x.rounded() }
    let staff = Double(p.staff)
    v["staff_total"] = staff
    v["staff_with_computer"] = min(max(count(staff * p.level(q, "computers")) + Double(extra[0]), 0), staff)
    v["computers_total"] = v["staff_with_computer"]! + Double(p.spareComputers)
    v["computers_antivirus"] = count(v["computers_total"]! * p.level(q, "antivirus"))
    v["bandwidth_mbps"] = (staff * (0.02 + 0.3 * p.level(t, "bandwidth")) * 10).rounded() / 10
    v["units_total"] = Double(p.units)
    v["units_wan"] = count(Double(p.units) * p.level(t, "wan"))
    v["wan_apps"] = count(6 * p.level(t, "wan_apps"))
    let dc = p.level(t, "datacentre")
    v["has_datacentre"] = dc > 0.2 ? 1 : 0
    v["datacentre_standard"] = dc > 0.45 ? 1 : 0
    v["datacentre_backup"] = dc > 0.55 ? 1 : 0
    v["datacentre_security"] = dc > 0.7 ? 1 : 0
    v["documents_total"] = Double(p.documents)
    v["documents_electronic"] = count(Double(p.documents) * p.level(q, "electronic"))
    v["documents_signed"] = count(v["documents_electronic"]! * 0.85 * p.level(q, "signed"))
    v["units_edms"] = count(Double(p.units) * p.level(t, "edms"))
    v["staff_email"] = min(max(count(staff * p.level(q, "email")) + Double(extra[1]), 0), staff)
    v["has_signature_ca"] = p.level(t, "ca") > 0.25 ? 1 : 0
    v["national_databases"] = count(6 * p.level(t, "databases"))
    v["internal_apps"] = count(7 * p.level(t, "apps"))
    v["video_meetings"] = count(15 * p.level(t, "meetings"))
    v["has_reporting_system"] = p.level(t, "reporting") > 0.4 ? 1 : 0
    v["portal_items"] = count(14 * p.level(t, "items"))
    v["portal_update_days"] = ((1 + 29 * (1 - p.level(t, "update"))) * 10).rounded() / 10
    v["portal_functions"] = count(8 * p.level(t, "functions"))
    v["portal_english"] = p.level(t, "english") > 0.5 ? 1 : 0
    v["questions_received"] = Double(p.questions)
    v["questions_answered"] = count(Double(p.questions) * p.level(q, "answers"))
    v["portal_legal_documents"] = p.level(t, "legal") > 0.3 ? 1 : 0
    v["portal_https"] = p.level(t, "https") > 0.35 ? 1 : 0
    let procedures = Double(p.procedures)
    v["procedures_total"] = procedures
    let level4 = count(procedures * 0.33 * p.level(q, "level4"))
    v["services_level4"] = level4
    v["services_level3"] = count((procedures - level4) * 0.95 * p.level(q, "level34"))
    v["services_national_portal"] = count((v["services_level3"]! + level4) * p.level(q, "national"))
    v["dossiers_total"] = Double(p.dossiers)
    v["dossiers_online"] = count(Double(p.dossiers) * 0.55 * p.level(q, "dossiers"))
    if target.block == "province" {
        v["communes_total"] = Double(p.communes)
        v["communes_one_stop"] = count(Double(p.communes) * p.level(t, "one_stop"))
    } else {
        v["services_online_payment"] = count(level4 * p.level(q, "payment"))
    }
    v["it_plan_approved"] = p.level(t, "plan") > 0.15 ? 1 : 0
    v["it_budget_percent"] = (1.2 * p.level(t, "budget") * 100).rounded() / 100
    v["security_regulation"] = p.level(t, "security") > 0.3 ? 1 : 0
    v["systems_total"] = Double(p.systems)
    v["systems_security_approved"] = count(Double(p.systems) * p.level(t, "levels"))
    v["steering_meetings"] = count(5 * p.level(t, "steering"))
    v["has_cio"] = p.level(t, "cio") > 0.35 ? 1 : 0
    v["has_it_unit"] = p.level(t, "it_unit") > 0.2 ? 1 : 0
    let itStaff = max(1, count(staff * (0.003 + 0.02 * p.level(t, "it_staff"))))
    v["it_staff"] = itStaff
    v["it_staff_degree"] = count(itStaff * p.level(t, "degree"))
    v["staff_trained"] = min(max(count(staff * 0.55 * p.level(q, "trained")) + Double(extra[2]), 0), staff)
    // Weaker units sometimes leave the English-version question unanswered: missing → 0 points.
    if t < 0.6, p.noise["missing"]! > 0.04 { v["portal_english"] = nil }
    return UnitAnswers(unitID: target.id, name: target.name, block: target.block, period: target.period, values: v,
                       texts: ["contact_person": "Cán bộ đầu mối CNTT"])
}

func index(of unitID: String, plan: BlockPlan, all: [UnitAnswers]) throws -> Double {
    let result = try Engine.compute(plan, answers: all)
    return result.index[result.unitIndex(unitID)!]
}

/// Calibrates every unit of one block and period to its target.
func calibrate(_ targets: [Target], methodology: Methodology) throws -> [UnitAnswers] {
    let plan = try BlockPlan(methodology: methodology, block: targets[0].block)
    let profiles = targets.map(UnitProfile.init)
    var current = zip(targets, profiles).map { answers($0, $1, q: $0.value) }
    for (i, target) in targets.enumerated() {
        var low = 0.0, high = 1.0
        for _ in 0..<50 {
            let mid = (low + high) / 2
            current[i] = answers(target, profiles[i], q: mid)
            if try index(of: target.id, plan: plan, all: current) < target.value { low = mid } else { high = mid }
        }
        // The last step: counts with a fine effect (staff with a computer, using e-mail, trained)
        // close the gap, one after the other.
        var best = (error: Double.infinity, extra: [0, 0, 0])
        for knob in 0..<3 where best.error >= 1e-5 {
            var base = best.extra
            for delta in -60...60 {
                base[knob] = delta
                current[i] = answers(target, profiles[i], q: low, extra: base)
                let error = abs(try index(of: target.id, plan: plan, all: current) - target.value)
                if error < best.error { best = (error, base) }
            }
        }
        current[i] = answers(target, profiles[i], q: low, extra: best.extra)
        guard best.error < 3e-5 else {
            throw DiagnosticError([Diagnostic(.outOfRange, .calibrationFailed(unit: target.id, period: target.period, target: target.value, error: best.error))])
        }
    }
    return current
}

func readTargets(_ url: URL) throws -> [Target] {
    let text = try String(contentsOf: url, encoding: .utf8)
    return text.split(separator: "\n").dropFirst().map { line in
        // Names contain no commas; the trailing source column may, so split the first five.
        let parts = line.split(separator: ",", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
        return Target(period: Int(parts[0])!, block: parts[1], id: parts[2], name: parts[3], value: Double(parts[4])!)
    }
}

func csvText(_ units: [UnitAnswers], methodology: Methodology) -> String {
    let fields = methodology.fields
    var lines = [(["period", "block", "id", "name"] + fields.map(\.id)).joined(separator: ",")]
    for unit in units {
        var cells = [String(unit.period!), unit.block, unit.unitID, unit.name]
        for field in fields {
            if let text = unit.texts[field.id] { cells.append(text); continue }
            guard let value = unit.values[field.id] else { cells.append(""); continue }
            cells.append(field.type == .boolean ? (value == 1 ? "có" : "không") : NumberFormatting.format(value))
        }
        lines.append(cells.map(CSVWriter.escape).joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
}

func jsonValue(_ units: [UnitAnswers], period: Int, methodology: Methodology) -> JSONValue {
    .object([
        ("synthetic", .bool(true)),
        ("note", .string("Synthetic survey answers calibrated to published figures; see Examples/vn-it-application/README.md")),
        ("methodology", .string(methodology.id)),
        ("period", .integer(period)),
        ("units", .array(units.map { unit in
            .object([
                ("id", .string(unit.unitID)),
                ("name", .string(unit.name)),
                ("block", .string(unit.block)),
                ("answers", .object(methodology.fields.compactMap { field -> (String, JSONValue)? in
                    if let text = unit.texts[field.id] { return (field.id, .string(text)) }
                    guard let value = unit.values[field.id] else { return nil }
                    return (field.id, field.type == .boolean ? .bool(value == 1) : .number(value))
                })),
            ])
        })),
    ])
}

let directory = URL(fileURLWithPath: CommandLine.arguments.dropFirst().first ?? "Examples/vn-it-application")
let methodologyURL = directory.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Indicators/vn-it-application/2019.yaml")
do {
    let methodology = try MethodologyLoader.load(contentsOf: methodologyURL)
    let targets = try readTargets(directory.appendingPathComponent("targets.csv"))
    for period in Set(targets.map(\.period)).sorted() {
        var units: [UnitAnswers] = []
        for block in methodology.blocks.map(\.id) {
            let group = targets.filter { $0.period == period && $0.block == block }
            if group.isEmpty { continue }
            units += try calibrate(group, methodology: methodology).sorted { $0.unitID < $1.unitID }
        }
        try csvText(units, methodology: methodology).write(to: directory.appendingPathComponent("survey-\(period).csv"), atomically: true, encoding: .utf8)
        try (jsonValue(units, period: period, methodology: methodology).rendered() + "\n").write(to: directory.appendingPathComponent("survey-\(period).json"), atomically: true, encoding: .utf8)
        print("survey-\(period): \(units.count) units")
    }
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
