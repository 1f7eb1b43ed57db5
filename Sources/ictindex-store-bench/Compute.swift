// The scale benchmark's compute (issue 11, item 14; Benchmarks/run-scale-bench.sh):
//
//     ictindex-store-bench compute METHODOLOGY.yaml ANSWERS.csv > results.csv
//
// The steps `ictindex compute METHODOLOGY ANSWERS --format csv` takes (Season's loadPeriod and
// compute, the CLI's output), called directly so that the benchmark builds without the network
// stack: read the CSV, resolve the units statelessly (a block no registry holds keeps its ids),
// validate every answer, compute and rank, and write every unit's row with every node's score.
import Foundation
import IndexCore
import Intake
import Reports

enum ComputePipeline {
    static func run(methodology path: String, answers: String) throws {
        let methodology = try MethodologyLoader.load(contentsOf: URL(fileURLWithPath: path))
        let registry = UnitRegistry(units: [])
        let result: IndexResult
        // Season's loadPeriodInColumns and PeriodInputs.compute(): the wide CSV straight into
        // columns; input the columnar reader refuses goes through the records, which report it.
        if let table = SurveyTableReader.read([URL(fileURLWithPath: answers)], methodology: methodology, registry: registry, defaultPeriod: methodology.period) {
            let found = Set(table.units.compactMap(\.period)).sorted()
            result = try Engine.compute(methodology, table: table, period: found.first ?? methodology.period)
        } else {
            let read = try SurveyReader.read([URL(fileURLWithPath: answers)])
            let records = try registry.resolveStateless(records: read, defaultPeriod: methodology.period)
            let validated = try SurveyValidator(methodology: methodology).validate(records)
            result = try Engine.compute(methodology, answers: validated, period: records.compactMap(\.period).first ?? methodology.period)
        }
        ResultFormatter.writeCSV(result) { print($0, terminator: "") }
    }
}
