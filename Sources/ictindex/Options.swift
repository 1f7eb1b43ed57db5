import ArgumentParser
import Foundation
import IndexCore
import Intake

extension Language: ExpressibleByArgument {}

/// The methodology file and survey data most commands read.
struct InputOptions: ParsableArguments {
    @Argument(help: "The methodology file (YAML), e.g. Indicators/vn-it-application/2019.yaml.")
    var methodology: String

    @Argument(help: "Survey answers: CSV or JSON files.")
    var data: [String] = []

    @Option(help: "The data year to compute, when the files hold several.")
    var period: Int?

    func loadMethodology() throws -> Methodology {
        try MethodologyLoader.load(contentsOf: URL(fileURLWithPath: methodology))
    }

    /// Reads and validates the data, keeping the selected period.
    func loadAnswers(_ methodology: Methodology) throws -> (answers: [UnitAnswers], period: Int?) {
        guard !data.isEmpty else { throw ValidationError("give at least one data file (CSV or JSON) after the methodology") }
        var records = try SurveyReader.read(data.map { URL(fileURLWithPath: $0) })
        let periods = Set(records.compactMap(\.period)).sorted()
        var chosen = period
        if let period {
            guard periods.contains(period) || periods.isEmpty else {
                throw ValidationError("no data for period \(period); the files hold \(periods.map(String.init).joined(separator: ", "))")
            }
            records = records.filter { $0.period == nil || $0.period == period }
        } else if periods.count > 1 {
            throw ValidationError("the data hold several periods (\(periods.map(String.init).joined(separator: ", "))); choose one with --period")
        } else {
            chosen = periods.first
        }
        let answers = try SurveyValidator(methodology: methodology).validate(records)
        return (answers, chosen ?? methodology.period)
    }
}
