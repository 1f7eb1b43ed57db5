import Foundation
import IndexCore
import Intake

/// Paths inside the repository, found from this file so tests run from any directory.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    static func methodology() throws -> Methodology {
        try MethodologyLoader.load(contentsOf: url("Indicators/vn-it-application/2019.yaml"))
    }

    static func examples(_ year: Int) throws -> [UnitAnswers] {
        let records = try SurveyReader.read(url("Examples/vn-it-application/survey-\(year).csv"))
        return try SurveyValidator(methodology: try methodology()).validate(records)
    }

    static func compute(_ year: Int) throws -> IndexResult {
        try Engine.compute(try methodology(), answers: try examples(year), period: year)
    }
}
