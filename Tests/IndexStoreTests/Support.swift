import Foundation
import IndexCore
import IndexStore
import Intake

enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    static func methodology() throws -> Methodology {
        try MethodologyLoader.load(contentsOf: url("Indicators/vn-it-application/2019.yaml"))
    }

    static func registry() throws -> UnitRegistry {
        try UnitRegistry.load(contentsOf: url("Indicators/units"))
    }

    /// The example answers of a year, resolved against the registry and validated.
    static func examples(_ year: Int) throws -> [UnitAnswers] {
        let records = try registry().resolve(records: try SurveyReader.read(url("Examples/vn-it-application/survey-\(year).csv")), defaultPeriod: nil)
        return try SurveyValidator(methodology: try methodology()).validate(records)
    }
}

/// A fresh temporary directory, removed by `cleanUp()`.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("ictindex-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func cleanUp() { try? FileManager.default.removeItem(at: url) }
}
