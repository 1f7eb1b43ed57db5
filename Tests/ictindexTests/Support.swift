import Foundation
import IndexCore
import Intake

/// Paths inside the repository, found from this file so tests run from any directory.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    static let itApplication2019 = url("Indicators/vn-it-application/2019.yaml")

    static func methodology() throws -> Methodology {
        try MethodologyLoader.load(contentsOf: itApplication2019)
    }

    /// The example answers of one year, from CSV or JSON.
    static func examples(_ year: Int, format: String = "csv") throws -> [UnitAnswers] {
        let records = try SurveyReader.read(url("Examples/vn-it-application/survey-\(year).\(format)"))
        return try SurveyValidator(methodology: try methodology()).validate(records)
    }

    static func compute(_ year: Int, format: String = "csv") throws -> IndexResult {
        try Engine.compute(try methodology(), answers: try examples(year, format: format), period: year)
    }
}

extension BlockResult {
    /// The index of a unit by id.
    func value(_ unitID: String) -> Double { index[unitIndex(unitID)!] }
    /// The rank of a unit by id.
    func rankOf(_ unitID: String) -> Int { rank[plan.rootIndex][unitIndex(unitID)!] }
    /// Unit ids in rank order.
    var order: [String] { rankedUnitIndices.map { units[$0].unitID } }
}
