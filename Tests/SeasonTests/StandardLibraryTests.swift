import Foundation
import IndexCore
import Season
import Testing

/// The standard files compiled into the tool and how references to them resolve.
@Suite struct StandardLibraryTests {
    let library = StandardLibrary.bundled

    /// The generated source is the editable files, byte for byte: this fails after an edit of
    /// Indicators/ until `scripts/generate-bundled-files` is run again.
    @Test func bundledFilesMatchTheRepository() throws {
        var onDisk: [String: String] = [:]
        for folder in ["Indicators", "Reports/templates"] {
            let base = Repository.root.appendingPathComponent(folder)
            let enumerator = try #require(FileManager.default.enumerator(atPath: base.path))
            for case let relative as String in enumerator where relative.hasSuffix(".yaml") || relative.hasSuffix(".csv") {
                onDisk["\(folder)/\(relative)"] = try String(contentsOf: base.appendingPathComponent(relative), encoding: .utf8)
            }
        }
        let bundled = Dictionary(uniqueKeysWithValues: library.files.map { ($0.path, $0.text) })
        #expect(Set(bundled.keys) == Set(onDisk.keys), "run scripts/generate-bundled-files")
        for (path, text) in onDisk {
            #expect(bundled[path] == text, "\(path) differs from its bundled copy; run scripts/generate-bundled-files")
        }
    }

    @Test func listsTheStandardMethodologies() throws {
        let entries = try library.methodologies()
        #expect(entries.map(\.methodology.id) == ["un-egdi-components", "un-egdi-raw-2018", "vn-dti-2022", "vn-ict-index-2016", "vn-it-application-2019"])
        let itApplication = try #require(entries.last)
        #expect(itApplication.file.path == "Indicators/vn-it-application/2019.yaml")
        #expect(itApplication.methodology.blocks.map(\.id) == ["ministry", "agency", "province"])
        #expect(itApplication.publishedNodes + itApplication.reconstructedNodes > 0)
        #expect(try library.checklists().map(\.id) == ["nd43-2011", "nd42-2022"], "sorted by the date they come into force")
        #expect(try library.registry().resolve("Thua Thien Hue", on: Day(year: 2019, month: 12, day: 31)).id == "thua-thien-hue")
        #expect(library.tileGrid?.hasPrefix("id,row,col") == true)
    }

    @Test func aMethodologyIsFoundByIdOrRepositoryPathAnywhere() throws {
        let service = SeasonService()
        #expect(try service.methodology("vn-it-application-2019").methodology.fileName == "Indicators/vn-it-application/2019.yaml")
        #expect(try service.methodology("Indicators/vn-dti/2022.yaml").methodology.id == "vn-dti-2022")
        // A file of that path, when there is one, comes first.
        #expect(try service.methodology(Repository.path("Indicators/vn-it-application/2019.yaml")).methodology.id == "vn-it-application-2019")
    }

    @Test func anUnknownMethodologyNamesTheBundledOnes() throws {
        let error = try #require(throws: SeasonError.self) { try SeasonService().methodology("vn-it-application-2031") }
        let diagnostic = try #require(error.diagnostics.first)
        #expect(diagnostic.location?.file == "vn-it-application-2031")
        #expect(diagnostic.message.contains("no bundled methodology with this id"))
        #expect(diagnostic.message.contains("bundled: un-egdi-components, un-egdi-raw-2018, vn-dti-2022, vn-ict-index-2016, vn-it-application-2019;"), "\(diagnostic.message)")
    }

    /// Foundation's file errors reach a user as a sentence with the path, never as
    /// `NSCocoaErrorDomain Code=260`.
    @Test func aMissingFolderIsNamedInWords() throws {
        let error = try #require(throws: SeasonError.self) { try SeasonService().checklists(path: "/nonexistent/portal") }
        #expect(error.description.contains("/nonexistent/portal"))
        #expect(error.description.contains("the file or folder does not exist"), "\(error.description)")
        #expect(!error.description.contains("NSCocoaErrorDomain"))
        #expect(!error.description.contains("Code="))
    }

    /// Without a path, the bundled copy; a repository path that is no file here is the bundled copy.
    @Test func bundledFoldersServeAsDefaults() throws {
        let service = SeasonService()
        #expect(try service.registry(path: nil).unit("ha-noi")?.name == "TP. Hà Nội")
        #expect(try service.checklists().map(\.id) == ["nd43-2011", "nd42-2022"])
        let elsewhere = "/nonexistent/Indicators/units"
        #expect(throws: SeasonError.self) { try service.registry(path: elsewhere) }
    }
}
