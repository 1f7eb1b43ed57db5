import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Platform
import Testing
@testable import Server

/// Zero lost updates (issue 14, "Performance"): several officials of one unit save its draft at
/// the same time through the API, each carrying the version it last saw (optimistic versioning,
/// as app.js's autosave and the benchmark's wrk script do). Every save answered 200 must be
/// exactly one new version of the draft and one `draft.save` audit row, and the audit rows must
/// form one unbroken chain — each save's "before" is the previous save's "after" — so that no
/// answered save was overwritten by another that had not seen it.
@Suite struct ConcurrentSavesTests {
    /// What one saver was told: the version its save started from, the version a 200 gave it,
    /// and the staff count it saved.
    struct Accepted: Sendable, Hashable {
        var basedOn: Int
        var version: Int
        var staff: String
    }

    /// One official's autosave loop: `attempts` saves of distinct answers, following the stored
    /// version after a conflict (409) as the page does. Returns the saves answered 200.
    static func saver(_ client: some TestClientProtocol, unit: String, caller: Caller, number: Int, attempts: Int) async throws -> (accepted: [Accepted], conflicts: Int) {
        var version = 0, accepted: [Accepted] = [], conflicts = 0
        for attempt in 0..<attempts {
            let staff = String(1000 + number * 100 + attempt)
            let body = try JSONSerialization.data(
                withJSONObject: ["version": version, "answers": ["staff_total": staff, "staff_with_computer": "900", "computers_total": "950"]], options: [.sortedKeys])
            var headers = caller.headers()
            headers[.contentType] = "application/json"
            let response = try await client.execute(
                uri: "/api/v1/seasons/\(ServerFixture.period)/units/\(unit)/draft", method: .put, headers: headers, body: ByteBuffer(bytes: body))
            switch response.status {
            case .ok:
                let saved = try #require((response.json?["draft"] as? [String: Any])?["version"] as? Int)
                accepted.append(Accepted(basedOn: version, version: saved, staff: staff))
                version = saved
            case .conflict:
                conflicts += 1
                let current = try #require(((response.json?["error"] as? [String: Any])?["details"] as? [String: Any])?["current"] as? [String: Any])
                version = try #require(current["version"] as? Int)
            default:
                Issue.record("\(unit) saver \(number): HTTP \(response.status.code) \(response.text.prefix(200))")
                return (accepted, conflicts)
            }
        }
        return (accepted, conflicts)
    }

    @Test func everySaveAnsweredOKIsOneVersionAndOneAuditRowInOneChain() async throws {
        // No published last year: the saves need none, and the fixture is the cheaper one.
        let fixture = try await ServerFixture.make(publishLastYear: false)
        defer { fixture.remove() }
        let units = ["ha-noi", "da-nang", "an-giang"]
        let saversPerUnit = 3, attempts = 12
        var callers: [(unit: String, number: Int, caller: Caller)] = []
        for unit in units {
            for number in 0..<saversPerUnit {
                callers.append((unit, number, try await fixture.token(.submitter, unit: unit, label: "saver-\(unit)-\(number)")))
            }
        }
        let savers = callers
        let results = try await fixture.test { client in
            try await withThrowingTaskGroup(of: (String, [Accepted], Int).self) { group in
                for (unit, number, caller) in savers {
                    group.addTask {
                        let (accepted, conflicts) = try await Self.saver(client, unit: unit, caller: caller, number: number, attempts: attempts)
                        return (unit, accepted, conflicts)
                    }
                }
                var byUnit: [String: (accepted: [Accepted], conflicts: Int)] = [:]
                for try await (unit, accepted, conflicts) in group {
                    byUnit[unit, default: ([], 0)].accepted += accepted
                    byUnit[unit, default: ([], 0)].conflicts += conflicts
                }
                return byUnit
            }
        }
        var totalConflicts = 0
        for unit in units {
            let accepted = try #require(results[unit]).accepted
            totalConflicts += results[unit]?.conflicts ?? 0
            let draft = try await fixture.platform.draft(unit: unit, period: ServerFixture.period, by: fixture.admin)
            let saves = try await fixture.platform.auditTrail(unit: unit, period: ServerFixture.period).filter { $0.action == "draft.save" }
            // A save answered 200 was made on the version its saver had seen: nobody's edit was
            // overwritten by a save that had not seen it.
            for save in accepted {
                #expect(save.version == save.basedOn + 1, "\(unit): a save from version \(save.basedOn) was stored as \(save.version)")
            }
            // Every 200 is one version: the versions answered are 1…n, each once, n the draft's.
            #expect(accepted.map(\.version).sorted() == (0..<draft.version).map { $0 + 1 }, "\(unit)")
            #expect(accepted.count == draft.version, "\(unit): \(accepted.count) saves answered 200, draft version \(draft.version)")
            #expect(saves.count == accepted.count, "\(unit): \(accepted.count) saves answered 200, \(saves.count) audit rows")
            // The audit rows in order hold the answers of the 200s in version order, each row's
            // "before" the previous row's "after": no answered save was lost or overwritten.
            let staffByVersion = accepted.sorted { $0.version < $1.version }.map(\.staff)
            let staffInAudit = try saves.map { entry in try Self.staff(entry.after) }
            #expect(staffInAudit == staffByVersion, "\(unit)")
            for (previous, next) in zip(saves, saves.dropFirst()) {
                #expect(next.before == previous.after, "\(unit): audit row \(next.id) does not start from row \(previous.id)")
            }
            #expect(saves.first?.before == nil)
            #expect(draft.answers["staff_total"] == staffByVersion.last)
        }
        // The savers really raced: some saves met another's newer version.
        #expect(totalConflicts > 0)
    }

    /// The staff count in an audit row's JSON draft content.
    static func staff(_ json: String?) throws -> String {
        let object = try JSONSerialization.jsonObject(with: Data(try #require(json).utf8)) as? [String: Any]
        return try #require((object?["answers"] as? [String: String])?["staff_total"])
    }
}
