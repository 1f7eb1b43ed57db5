// ictindex-bench: times the engine on a synthetic methodology (parse + compute + rank) and writes
// the generated inputs, its results and its timings to a directory, so that the pandas peer
// (Benchmarks/peers/engine_pandas.py) can run the same computation on the same files.
//
//   swift run -c release ictindex-bench [--out DIR] [--units N] [--repeat R] [--seed S]
//                                       [--scaling 1000,2000,5000,10000,20000 | --no-scaling]

import Foundation
import IndexCore

struct Options {
    var out = "Benchmarks/out"
    var units = 10_000
    var repetitions = 7
    var seed: UInt64 = 20_250_101
    var scaling = [1_000, 2_000, 5_000, 10_000, 20_000]

    static let usage = """
    usage: ictindex-bench [--out DIR] [--units N] [--repeat R] [--seed S] [--scaling N,N,…] [--no-scaling]
    """

    init(_ arguments: [String]) {
        var rest = arguments[...]
        func value(_ name: String) -> String {
            guard let v = rest.popFirst() else { Self.fail("\(name) needs a value") }
            return v
        }
        func number(_ name: String) -> Int {
            let text = value(name)
            guard let n = Int(text), n > 0 else { Self.fail("\(name) must be a positive whole number, found '\(text)'") }
            return n
        }
        while let argument = rest.popFirst() {
            switch argument {
            case "--out": out = value(argument)
            case "--units": units = number(argument)
            case "--repeat": repetitions = number(argument)
            case "--seed": seed = UInt64(number(argument))
            case "--scaling":
                scaling = value(argument).split(separator: ",").map { part in
                    guard let n = Int(part), n > 0 else { Self.fail("--scaling takes positive whole numbers separated by commas") }
                    return n
                }
            case "--no-scaling": scaling = []
            case "-h", "--help":
                print(Self.usage)
                exit(0)
            default: Self.fail("unknown argument '\(argument)'")
            }
        }
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("ictindex-bench: \(message)\n\(usage)\n".utf8))
        exit(2)
    }
}

/// Timings of one stage, in seconds.
struct Timing {
    let samples: [Double]
    var median: Double {
        let sorted = samples.sorted()
        let middle = sorted.count / 2
        return sorted.count.isMultiple(of: 2) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
    }
    var minimum: Double { samples.min() ?? .nan }
    var json: String { "{\"median\": \(median), \"min\": \(minimum), \"samples\": [\(samples.map { "\($0)" }.joined(separator: ", "))]}" }
}

/// Runs `body` once to warm up, then `repetitions` times on the monotonic clock.
func measure(_ repetitions: Int, _ body: () throws -> Void) rethrows -> Timing {
    try body()
    let clock = ContinuousClock()
    var samples: [Double] = []
    for _ in 0..<repetitions {
        let elapsed = try clock.measure(body)
        samples.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }
    return Timing(samples: samples)
}

func milliseconds(_ seconds: Double) -> String { String(format: "%9.2f ms", seconds * 1000) }

/// The answers of the first `count` units, as the engine reads them.
func unitAnswers(_ columns: [[Double]], fields: [SyntheticField], count: Int) -> [UnitAnswers] {
    (0..<count).map { u in
        var values: [String: Double] = [:]
        values.reserveCapacity(fields.count)
        for (f, field) in fields.enumerated() where !columns[f][u].isNaN { values[field.id] = columns[f][u] }
        return UnitAnswers(unitID: unitID(u), name: "Đơn vị \(u + 1)", block: "province", period: 2024, values: values)
    }
}

/// The same answers as an ``AnswerTable``: one column per field, as a data frame holds them.
func answerTable(_ columns: [[Double]], fields: [SyntheticField], count: Int) throws -> AnswerTable {
    let units = (0..<count).map { u in UnitAnswers(unitID: unitID(u), name: "Đơn vị \(u + 1)", block: "province", period: 2024) }
    var byField: [String: [Double]] = [:]
    for (f, field) in fields.enumerated() { byField[field.id] = Array(columns[f].prefix(count)) }
    return try AnswerTable(units: units, columns: byField)
}

/// Writes the answers of the first `count` units as CSV: `unit_id,name,block,<field ids>`.
func answersCSV(_ columns: [[Double]], fields: [SyntheticField], count: Int) -> String {
    var text = "unit_id,name,block," + fields.map(\.id).joined(separator: ",") + "\n"
    text.reserveCapacity(count * fields.count * 5)
    for u in 0..<count {
        text += "\(unitID(u)),Đơn vị \(u + 1),province"
        for f in fields.indices {
            let v = columns[f][u]
            text += v.isNaN ? "," : v == v.rounded() ? ",\(Int(v))" : ",\(v)"
        }
        text += "\n"
    }
    return text
}

/// An FNV-1a digest of the bit patterns of everything a block result holds, to check that an
/// optimisation of the engine leaves its results bit for bit the same. With `statistics: false`
/// the node statistics are left out (the scores, ranks and imputations alone).
func digest(_ block: BlockResult, statistics: Bool = true) -> String {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    func mix(_ value: UInt64) { hash = (hash ^ value) &* 0x0000_0100_0000_01B3 }
    for node in block.plan.nodes.indices {
        block.score[node].forEach { mix($0.bitPattern) }
        block.rank[node].forEach { mix(UInt64(bitPattern: Int64($0))) }
        block.imputed[node].forEach { mix($0 ? 1 : 0) }
        let s = block.statistics[node]
        if statistics { [Double(s.count), s.mean, s.median, s.minimum, s.maximum].forEach { mix($0.bitPattern) } }
        if !block.leaves.raw[node].isEmpty {
            block.leaves.raw[node].forEach { mix($0.bitPattern) }
            block.leaves.score[node].forEach { mix($0.bitPattern) }
        }
    }
    block.data.columns.forEach { $0.forEach { mix($0.bitPattern) } }
    block.units.forEach { $0.unitID.utf8.forEach { mix(UInt64($0)) } }
    return String(hash, radix: 16)
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

func write(_ text: String, to path: String) throws {
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
}

func run() throws {
    let options = Options(Array(CommandLine.arguments.dropFirst()))
    let outDirectory = options.out
    try FileManager.default.createDirectory(atPath: outDirectory, withIntermediateDirectories: true)
    let shape = SyntheticShape()

    // Inputs.
    let synthetic = SyntheticMethodology(shape: shape, seed: options.seed)
    let maxUnits = max(options.units, options.scaling.max() ?? 0)
    let columns = syntheticAnswers(fields: synthetic.fields, count: maxUnits, missingRate: shape.missingRate, seed: options.seed &+ 1)
    let methodologyPath = outDirectory + "/methodology.yaml"
    try write(synthetic.yaml, to: methodologyPath)
    try write(answersCSV(columns, fields: synthetic.fields, count: options.units), to: outDirectory + "/answers.csv")
    if !options.scaling.isEmpty {
        try write(answersCSV(columns, fields: synthetic.fields, count: maxUnits), to: outDirectory + "/answers-scaling.csv")
    }
    let answers = unitAnswers(columns, fields: synthetic.fields, count: options.units)
    let table = try answerTable(columns, fields: synthetic.fields, count: options.units)

    let nodes = synthetic.leafCount + synthetic.groupCount
    print("ictindex-bench: \(synthetic.leafCount) leaves, \(nodes) nodes, \(synthetic.fields.count) fields, \(options.units) units, \(options.repetitions) repetitions (+1 warm-up)")
    print("inputs in \(outDirectory)/ (methodology.yaml, answers.csv\(options.scaling.isEmpty ? "" : ", answers-scaling.csv"))")

    // Stages.
    var methodology: Methodology?
    let parse = try measure(options.repetitions) {
        methodology = try MethodologyLoader.load(yaml: synthetic.yaml, fileName: methodologyPath)
    }
    guard let methodology else { return }
    var result: IndexResult?
    let compute = try measure(options.repetitions) {
        result = try Engine.compute(methodology, table: table)
    }
    let total = try measure(options.repetitions) {
        let loaded = try MethodologyLoader.load(yaml: synthetic.yaml, fileName: methodologyPath)
        result = try Engine.compute(loaded, table: table)
    }
    guard let block = result?.blocks.first else { return }
    // For information: the same computation from one dictionary of answers per unit.
    var fromDictionaries: IndexResult?
    let computeFromDictionaries = try measure(options.repetitions) {
        fromDictionaries = try Engine.compute(methodology, answers: answers)
    }
    guard let dictionaryBlock = fromDictionaries?.blocks.first, digest(dictionaryBlock) == digest(block) else {
        throw BenchError("the results from dictionaries differ from those from columns")
    }

    print("")
    print("stage                    median          min")
    for (name, timing) in [("parse methodology", parse), ("compute + rank", compute), ("total", total),
                           ("(from dictionaries)", computeFromDictionaries)] {
        print(name.padding(toLength: 20, withPad: " ", startingAt: 0) + milliseconds(timing.median) + "  " + milliseconds(timing.minimum))
    }

    // Results, for the peer to compare: the index, its rank and the category scores per unit.
    let categories = block.plan.root.children
    var csv = "unit_id,index,rank," + categories.map { block.plan.nodes[$0].id }.joined(separator: ",") + "\n"
    let rootRank = block.rank[block.plan.rootIndex]
    for (u, unit) in block.units.enumerated() {
        csv += "\(unit.unitID),\(block.index[u]),\(rootRank[u])"
        for c in categories { csv += ",\(block.score[c][u])" }
        csv += "\n"
    }
    try write(csv, to: outDirectory + "/results-swift.csv")
    var statistics = "node,count,mean,median,min,max\n"
    for (node, s) in zip(block.plan.nodes, block.statistics) {
        statistics += "\(node.id),\(s.count),\(s.mean),\(s.median),\(s.minimum),\(s.maximum)\n"
    }
    try write(statistics, to: outDirectory + "/statistics-swift.csv")
    print("result digest: \(digest(block)) (every score, rank, imputation and statistic; equal digests = bit-identical results)")
    print("digest without statistics: \(digest(block, statistics: false)) (scores, ranks and imputations)")

    // Growth with the number of units.
    var scaling: [(units: Int, timing: Timing)] = []
    if !options.scaling.isEmpty {
        print("")
        print("units     compute + rank median          min    per unit (median)")
        for count in options.scaling {
            let subset = try answerTable(columns, fields: synthetic.fields, count: count)
            let timing = try measure(options.repetitions) { _ = try Engine.compute(methodology, table: subset) }
            scaling.append((count, timing))
            print(String(count).padding(toLength: 8, withPad: " ", startingAt: 0) + milliseconds(timing.median) + "  " + milliseconds(timing.minimum)
                  + String(format: "  %10.2f µs", timing.median / Double(count) * 1e6))
        }
    }

    let json = """
    {
      "tool": "swift",
      "units": \(options.units),
      "repetitions": \(options.repetitions),
      "leaves": \(synthetic.leafCount),
      "nodes": \(nodes),
      "fields": \(synthetic.fields.count),
      "stages": {
        "parse": \(parse.json),
        "compute": \(compute.json),
        "compute_from_dictionaries": \(computeFromDictionaries.json),
        "total": \(total.json)
      },
      "scaling": [\(scaling.map { "\n    {\"units\": \($0.units), \"median\": \($0.timing.median), \"min\": \($0.timing.minimum)}" }.joined(separator: ","))
      ]
    }

    """
    try write(json, to: outDirectory + "/timings-swift.json")
    print("")
    print("results in \(outDirectory)/results-swift.csv and statistics-swift.csv, timings in \(outDirectory)/timings-swift.json")
}

do {
    try run()
} catch {
    FileHandle.standardError.write(Data("ictindex-bench: \(error)\n".utf8))
    exit(1)
}
