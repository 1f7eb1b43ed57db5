import Foundation
import Formats
import IndexCore
import Intake

/// The blank Excel form of a unit's season, for units that fill it offline and upload it back.
public struct BlankForm: Sendable, Equatable {
    /// The file name to offer (`<unit>-<period>.xlsx`; unit ids are registry slugs).
    public var fileName: String
    /// The workbook's bytes.
    public var data: Data
}

extension Platform {
    /// The unit's blank survey form for the season as an Excel workbook — written by the same
    /// `SurveyFormWriter` as `ictindex form`: the season's methodology, the unit's block, id and
    /// name, the period, and the season's deadline printed on it. A submitter gets only their own
    /// unit's (another unit is ``PlatformError/notFound``); reviewers and admins any unit's.
    public func blankForm(unit: String, period: Int, language: Language, by principal: Principal) async throws(PlatformError) -> BlankForm {
        try requireUnit(principal, unit)
        let (season, methodology, registered) = try await context(period, unit: unit)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let deadline = calendar.dateComponents([.year, .month, .day], from: season.deadline)
        let writer = SurveyFormWriter(methodology: methodology, block: registered.block, unitID: registered.id, unitName: registered.name,
                                      period: period, language: language,
                                      deadline: Day(year: deadline.year ?? period, month: deadline.month ?? 1, day: deadline.day ?? 1))
        do {
            return BlankForm(fileName: "\(registered.id)-\(period).xlsx", data: try writer.workbook().data())
        } catch {
            throw Self.platformError(error)
        }
    }
}
