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
        let read = try SurveyReader.read([URL(fileURLWithPath: answers)])
        let records = try UnitRegistry(units: []).resolveStateless(records: read, defaultPeriod: methodology.period)
        let validated = try SurveyValidator(methodology: methodology).validate(records)
        let result = try Engine.compute(methodology, answers: validated, period: records.compactMap(\.period).first ?? methodology.period)
        ResultFormatter(RankingTable(result)).writeCSV { print($0, terminator: "") }
    }
}
