import Foundation
import Testing

/// Headless Chromium (Debian's `chromium`, installed by .ci/run) renders report pages to PNG,
/// as a reader would see them. Set REPORT_SCREENSHOTS=DIR to keep the images.
@Suite struct RenderingTests {
    static let chromium: URL? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].map(URL.init(fileURLWithPath:)).first { FileManager.default.isExecutableFile(atPath: $0.path) }

    @Test(.enabled(if: chromium != nil, "chromium is not installed (.ci/run installs it)"),
          arguments: ["Reports/example-vi/index.html", "Reports/example-vi/units/thua-thien-hue.html"])
    func pageRendersToANonTrivialPNG(page: String) async throws {
        let keep = ProcessInfo.processInfo.environment["REPORT_SCREENSHOTS"].map(URL.init(fileURLWithPath:))
        let directory = try keep ?? temporaryDirectory("render")
        let profile = try temporaryDirectory("chromium-profile")
        defer {
            try? FileManager.default.removeItem(at: profile)
            if keep == nil { try? FileManager.default.removeItem(at: directory) }
        }
        let png = directory.appendingPathComponent(page.replacingOccurrences(of: "/", with: "_") + ".png")
        let run = try await CLI.run([
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=\(profile.path)",
            "--screenshot=\(png.path)", "--window-size=1240,1754", Repository.url(page).absoluteString,
        ], executable: Self.chromium!)
        #expect(run.status == 0, "\(run.stderr)")
        let data = try Data(contentsOf: png)
        #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]), "not a PNG")
        #expect(data.count > 30_000, "the PNG is nearly empty (\(data.count) bytes)")
    }
}

@Suite struct CheckCommandTests {
    static let arguments = ["check", "Indicators/vn-it-application/2019.yaml", "Examples/vn-it-application/survey-2018.csv", "Examples/vn-it-application/survey-2019.csv"]

    @Test func passingChecksExitZeroWithASummary() async throws {
        let run = try await CLI.run(Self.arguments + ["--max-mean-drop", "0.01", "--min-index", "Đà Nẵng=0.8"])
        #expect(run.status == 0, "\(run.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(summary["status"] as? String == "pass")
        #expect(summary["period"] as? Int == 2019)
        #expect(summary["previous_period"] as? Int == 2018)
        #expect(summary["units"] as? Int == 87)
        #expect((summary["blocks"] as? [Any])?.count == 3)
        #expect(run.stdout.split(separator: "\n").count == 1)
    }

    @Test func failingThresholdsExitThree() async throws {
        let run = try await CLI.run(Self.arguments + ["--min-index", "ha-noi=0.99", "--period", "2019", "--period", "2018"])
        #expect(run.status == 3)
        #expect(run.stdout.contains("\"status\":\"fail\""))
        #expect(run.stdout.contains("\"check\":\"min_index\""))
        #expect(run.stderr.contains("kiểm tra không đạt (min_index): TP. Hà Nội (ha-noi) có chỉ số 0,8376, thấp hơn 0,99"), "Vietnamese by default: \(run.stderr)")
    }

    @Test func aMeanDropIsCaught() async throws {
        // A negative threshold demands a rise of at least 0.2; every block rose less.
        let run = try await CLI.run(Self.arguments + ["--max-mean-drop=-0.2"])
        #expect(run.status == 3)
        #expect(run.stdout.contains("\"check\":\"mean_drop\""))
    }

    /// Two example agencies leave a portal question unanswered.
    @Test func incompleteAnswersAreCaught() async throws {
        let run = try await CLI.run(Self.arguments + ["--require-complete"])
        #expect(run.status == 3)
        #expect(run.stdout.contains("\"check\":\"complete\""))
        #expect(run.stderr.contains("portal_english"))
    }

    @Test func invalidInputExitsOneAndUsageTwo() async throws {
        #expect(try await CLI.run(["check", "Indicators/vn-it-application/2019.yaml", "Tests/ReportsTests/Support.swift"]).status == 1)
        #expect(try await CLI.run(Self.arguments + ["--min-index", "nonsense"]).status == 2)
    }
}

@Suite struct AssessCommandTests {
    @Test func assessPrintsStandingAndWhatIf() async throws {
        let run = try await CLI.run(["assess", "Indicators/vn-it-application/2019.yaml", "Examples/vn-it-application/survey-2019.csv", "--unit", "Thua Thien Hue", "--lang", "en", "--what-if", "3"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Thừa Thiên Huế"))
        #expect(run.stdout.contains("Each change alone"))
        let json = try await CLI.run(["assess", "Indicators/vn-it-application/2019.yaml", "Examples/vn-it-application/survey-2019.csv", "--unit", "thua-thien-hue", "--format", "json"])
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["id"] as? String == "thua-thien-hue")
        #expect(((object["what_if"] as? [Any])?.count ?? 0) > 0)
    }

    @Test func assessAFormNotYetImported() async throws {
        // A filled form with one unit's answers: the 2019 row of Huế with more level-4 services.
        let csv = try String(contentsOf: Repository.url("Examples/vn-it-application/survey-2019.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: false)
        let row = try #require(lines.first { $0.contains(",thua-thien-hue,") })
        let directory = try temporaryDirectory("form")
        defer { try? FileManager.default.removeItem(at: directory) }
        let form = directory.appendingPathComponent("hue.csv")
        try Data((String(lines[0]) + "\n" + String(row) + "\n").utf8).write(to: form)
        let run = try await CLI.run(["assess", "Indicators/vn-it-application/2019.yaml", "Examples/vn-it-application/survey-2019.csv", "--form", form.path, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\"id\": \"thua-thien-hue\""))
    }
}
