import Analysis
import Foundation
import IndexCore
import Reports
import Testing

/// `ictindex assess` (issue 13): one combined plan of changes to different indicators, computed
/// together; last year's rank; plain text on a terminal, Markdown with `--format md`; a note
/// when the answers came from `--form`.
@Suite struct AssessPlanTests {
    /// The plan's value and rank are those of a full recomputation of every block with all of its
    /// changes made at once; its steps move different indicators through different answers.
    @Test(arguments: ["bac-ninh", "bo-tu-phap", "thua-thien-hue"])
    func thePlanIsOneRecomputationOfAllItsChanges(unit: String) throws {
        let methodology = try Repository.methodology()
        let answers = try Repository.examples(2019)
        let result = try Engine.compute(methodology, answers: answers, period: 2019)
        let block = try #require(result.blocks.first { $0.unitIndex(unit) != nil })
        let assessment = try Assessment(unitID: unit, in: block, whatIfLimit: 10)
        let plan = try #require(assessment.plan(in: block))
        #expect((1...3).contains(plan.steps.count))
        #expect(Set(plan.steps.map(\.nodeID)).count == plan.steps.count, "one step per indicator")
        #expect(Set(plan.changes.map(\.field)).count == plan.changes.count, "no answer changed twice")
        var changed = try #require(answers.first { $0.unitID == unit })
        for step in plan.steps { changed = step.applied(to: changed) }
        let recomputed = try Engine.compute(methodology, answers: answers.map { $0.unitID == unit ? changed : $0 }, period: 2019)
        let b = try #require(recomputed.block(block.plan.block.id))
        let u = try #require(b.unitIndex(unit))
        #expect(b.index[u] == plan.valueAfter)
        #expect(b.rank[b.plan.rootIndex][u] == plan.rankAfter)
        #expect(plan.valueBefore == assessment.value && plan.rankBefore == assessment.rank)
        #expect(abs(plan.pointsGain - (plan.valueAfter - plan.valueBefore) * 1000) < 1e-9)
        // Together they gain more than the best of them alone.
        #expect(plan.steps.count == 1 || plan.gain > plan.steps[0].gain)
        // The what-if list of the page has one line per indicator, the best target of each.
        let best = assessment.bestScenarioPerIndicator
        #expect(Set(best.map(\.nodeID)).count == best.count)
        #expect(best.first == assessment.whatIf.first)
    }

    /// A unit at full marks everywhere has no plan: nothing raises its index.
    @Test func noPlanWhenNothingRaisesTheIndex() throws {
        let methodology = try MethodologyLoader.load(yaml: """
            id: tiny
            title: Tiny
            scale: unit
            blocks: [{id: p, name: P}]
            fields: [{id: a, label: A, type: boolean}]
            index:
              id: index
              children:
                - {id: x, value: a, score: yes_no}
            """, fileName: "tiny.yaml")
        let result = try Engine.compute(methodology, answers: [UnitAnswers(unitID: "u1", name: "U1", block: "p", values: ["a": 1]),
                                                               UnitAnswers(unitID: "u2", name: "U2", block: "p", values: ["a": 0])])
        let block = try #require(result.block("p"))
        #expect(try Assessment(unitID: "u1", in: block).plan(in: block) == nil)
        // u2 can answer yes: one step, index 0 → 1, rank 2 → 1 (shared with u1).
        let plan = try #require(try Assessment(unitID: "u2", in: block).plan(in: block))
        #expect(plan.steps.map(\.nodeID) == ["x"])
        #expect(plan.valueBefore == 0 && plan.valueAfter == 1)
        #expect(plan.rankBefore == 2 && plan.rankAfter == 1)
    }

    static let methodologyPath = "Indicators/vn-it-application/2019.yaml"

    /// Plain text by default (no Markdown markup), the plan's total with its rank change, and
    /// last year's rank from the 2018 data given beside 2019's — as `compute` ranks it.
    @Test func plainTextWithThePlanAndLastYearsRank() async throws {
        let both = ["Examples/vn-it-application/survey-2018.csv", "Examples/vn-it-application/survey-2019.csv"]
        let run = try await CLI.run(["assess", Self.methodologyPath] + both + ["--period", "2019", "--unit", "Thua Thien Hue", "--lang", "vi"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stdout.contains("# ") && !run.stdout.contains("| ---"), "no Markdown on a terminal:\n\(run.stdout)")
        #expect(run.stdout.hasPrefix("Thừa Thiên Huế — "))
        #expect(run.stdout.contains("Kế hoạch kết hợp\n----------------"))
        #expect(run.stdout.contains(" thay đổi này cùng lúc: +0,"), "\(run.stdout)")
        // Last year's rank is 2018's ranking of the same unit.
        let compute2018 = try await CLI.run(["compute", Self.methodologyPath] + both + ["--period", "2018", "--block", "province", "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(compute2018.stdout.utf8)) as? [String: Any])
        let units = try #require(((json["blocks"] as? [[String: Any]])?.first)?["units"] as? [[String: Any]])
        let hue = try #require(units.first { $0["id"] as? String == "thua-thien-hue" })
        let rank2018 = try #require(hue["rank"] as? Int)
        #expect(run.stdout.contains("Năm 2018: chỉ số "), "\(run.stdout)")
        #expect(run.stdout.contains(", hạng \(rank2018)/\(units.count); thay đổi "), "\(run.stdout)")
        // The same in JSON.
        let machine = try await CLI.run(["assess", Self.methodologyPath] + both + ["--period", "2019", "--unit", "thua-thien-hue", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(machine.stdout.utf8)) as? [String: Any])
        let previous = try #require(object["previous"] as? [String: Any])
        #expect(previous["period"] as? Int == 2018 && previous["rank"] as? Int == rank2018 && previous["of"] as? Int == units.count)
        let plan = try #require(object["plan"] as? [String: Any])
        #expect(((plan["steps"] as? [Any])?.count ?? 0) >= 1)
        #expect(object["form"] is NSNull)
    }

    /// With one year of data there is no last year, and the output says so; `--format md` is Markdown.
    @Test func markdownOnlyWhenAskedAndNoLastYear() async throws {
        let run = try await CLI.run(["assess", Self.methodologyPath, "Examples/vn-it-application/survey-2019.csv", "--unit", "Thua Thien Hue", "--lang", "en", "--format", "md"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("# Thừa Thiên Huế — "))
        #expect(run.stdout.contains("## Combined plan"))
        #expect(run.stdout.contains("No data of a year before 2019 to compare the rank with."))
    }

    /// Answers read from a form not yet imported are named as such.
    @Test func answersFromAFormAreNamed() async throws {
        let csv = try String(contentsOf: Repository.url("Examples/vn-it-application/survey-2019.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: false)
        let row = try #require(lines.first { $0.contains(",thua-thien-hue,") })
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("assess-form-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let form = directory.appendingPathComponent("hue.csv")
        try Data((String(lines[0]) + "\n" + String(row) + "\n").utf8).write(to: form)
        let run = try await CLI.run(["assess", Self.methodologyPath, "Examples/vn-it-application/survey-2019.csv", "--form", form.path, "--lang", "vi"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Số liệu của đơn vị lấy từ biểu mẫu \(form.path) (chưa nhập vào kho dữ liệu)"), "\(run.stdout)")
        let json = try await CLI.run(["assess", Self.methodologyPath, "Examples/vn-it-application/survey-2019.csv", "--form", form.path, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["form"] as? String == form.path)
    }
}
