import ArgumentParser
import Foundation
import IndexCore
import Intake
import Season

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a methodology file and, if given, survey data against it; list every problem."
    )

    @Argument(help: "The methodology: a YAML file or a bundled id (e.g. vn-it-application-2019).")
    var methodology: String

    @Argument(help: "Survey answers to check (CSV or JSON).")
    var data: [String] = []

    @Option(help: "Only check the data of this year.")
    var period: Int?

    @Option(help: "The unit registry that resolves the data's units (when the path exists): ids, names and aliases.")
    var registry: String = "Indicators/units"

    func run() throws {
        let loaded = try season.methodology(methodology).methodology
        let leaves = loaded.allNodes.filter(\.isLeaf).count
        print("\(methodology): ok — \(loaded.blocks.count) blocks, \(loaded.fields.count) fields, \(leaves) indicators")
        // Keys that do nothing where they are written: reported, not fatal.
        for warning in loaded.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
        guard !data.isEmpty else { return }
        var records = try SurveyReader.read(data.map { URL(fileURLWithPath: $0) })
        if let period { records = records.filter { $0.period == nil || $0.period == period } }
        if let units = try UnitRegistry.loadIfPresent(contentsOf: URL(fileURLWithPath: registry)) {
            records = try units.resolveStateless(records: records, defaultPeriod: period ?? loaded.period)
        }
        let answers = try SurveyValidator(methodology: loaded).validate(records)
        let periods = Set(answers.compactMap(\.period)).sorted().map(String.init).joined(separator: ", ")
        print("data: ok — \(answers.count) units" + (periods.isEmpty ? "" : " (periods \(periods))"))
    }
}
