import Foundation
import IndexCore
import Intake
import Testing

/// Paths inside the repository, found from this file so tests run from any directory.
enum Library {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    /// Loads a methodology file of the library, e.g. `un-egdi/components.yaml`.
    static func methodology(_ path: String) throws -> Methodology {
        try MethodologyLoader.load(contentsOf: url("Indicators/\(path)"))
    }

    /// Reads survey CSV text (columns `id,name,block,<fields>`) and validates it against `methodology`,
    /// as `ictindex compute` does with a file.
    static func answers(csv: String, for methodology: Methodology, fileName: String = "test.csv") throws -> [UnitAnswers] {
        let records = try SurveyReader.readCSV(Data(csv.utf8), fileName: fileName)
        return try SurveyValidator(methodology: methodology).validate(records)
    }

    /// Computes one block of `methodology` from survey CSV text.
    static func compute(_ methodology: Methodology, block: String, csv: String) throws -> BlockResult {
        let answers = try answers(csv: csv, for: methodology)
        return try Engine.compute(BlockPlan(methodology: methodology, block: block), answers: answers)
    }
}

extension BlockResult {
    /// The position of a unit by id (the test fails if absent).
    func position(_ unitID: String) throws -> Int { try #require(unitIndex(unitID), "no unit '\(unitID)'") }
    /// A node's score for a unit.
    func score(_ nodeID: String, _ unitID: String) throws -> Double {
        score[try #require(plan.index(of: nodeID), "no node '\(nodeID)'")][try position(unitID)]
    }
    /// The index of a unit.
    func value(_ unitID: String) throws -> Double { index[try position(unitID)] }
    /// The rank of a unit by the index.
    func rankOf(_ unitID: String) throws -> Int { rank[plan.rootIndex][try position(unitID)] }
}

/// `a` and `b` agree within `tolerance`.
func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool { abs(a - b) <= tolerance }
