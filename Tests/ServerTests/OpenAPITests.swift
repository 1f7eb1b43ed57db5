import Foundation
import HTTPTypes
import HummingbirdTesting
import Platform
import Testing
import Yams
@testable import Server

/// docs/openapi.yaml against the router: the bundled copy is the file, every API route is
/// documented, and every documented route answers.
@Suite struct OpenAPITests {
    static func document() throws -> [String: Any] {
        try #require(try Yams.load(yaml: BundledOpenAPI.text) as? [String: Any])
    }

    /// The documented operations as "METHOD /path" in the router's spelling (`/api/v1` prefix,
    /// the preview's `{file}` is the router's `**`).
    static func documentedOperations() throws -> Set<String> {
        let paths = try #require(try document()["paths"] as? [String: Any])
        var operations: Set<String> = []
        for (path, item) in paths {
            let methods = try #require(item as? [String: Any]).keys.filter { ["get", "put", "post", "delete", "patch"].contains($0) }
            let routerPath = APIPath.prefix + path.replacingOccurrences(of: "{file}", with: "**")
            for method in methods { operations.insert("\(method.uppercased()) \(routerPath)") }
        }
        return operations
    }

    @Test func theBundledDocumentIsDocsOpenAPIYaml() throws {
        let onDisk = try String(contentsOfFile: Repository.path("docs/openapi.yaml"), encoding: .utf8)
        #expect(BundledOpenAPI.text == onDisk, "run scripts/generate-bundled-files")
    }

    @Test func theDocumentIsOpenAPI31WithEveryReferenceDefined() throws {
        let document = try Self.document()
        #expect(document["openapi"] as? String == "3.1.0")
        let components = try #require(document["components"] as? [String: Any])
        // Every $ref points at a component that exists.
        var references: Set<String> = []
        func collect(_ value: Any) {
            if let map = value as? [String: Any] {
                if let ref = map["$ref"] as? String { references.insert(ref) }
                map.values.forEach(collect)
            } else if let list = value as? [Any] {
                list.forEach(collect)
            }
        }
        collect(document)
        #expect(!references.isEmpty)
        for reference in references {
            let parts = reference.split(separator: "/").map(String.init)
            #expect(parts.count == 4 && parts[0] == "#" && parts[1] == "components", "\(reference)")
            let section = components[parts[2]] as? [String: Any]
            #expect(section?[parts[3]] != nil, "\(reference) is not defined")
        }
    }

    @Test func everyAPIRouteIsDocumentedAndNothingElse() async throws {
        let fixture = try await ServerFixture.make(publishLastYear: false)
        defer { fixture.remove() }
        let registered = Set(fixture.router.routes.map { "\($0.method) \($0.path)" }.filter { $0.contains(" /api/") })
        let documented = try Self.documentedOperations()
        #expect(registered.subtracting(documented).isEmpty, "routes missing from docs/openapi.yaml: \(registered.subtracting(documented).sorted())")
        #expect(documented.subtracting(registered).isEmpty, "documented routes the server lacks: \(documented.subtracting(registered).sorted())")
    }

    @Test func everyDocumentedRouteAnswers() async throws {
        // 2018 is published, so that withdrawing a publication has one to withdraw (Platform
        // answers 404 for a season that is not published, the same 404 as an unknown route).
        let fixture = try await ServerFixture.make(publishLastYear: true)
        defer { fixture.remove() }
        let own = try await fixture.platform.signIn(email: "ha-noi@example.vn", password: fixture.passwords["ha-noi@example.vn"]!).principal
        let evidence = try await fixture.platform.addEvidence(
            unit: "ha-noi", period: 2019, field: "staff_total", fileName: "a.pdf", data: Data("%PDF-1.4\n%%EOF\n".utf8), by: own)
        let admin = try await fixture.token(.admin, label: "openapi")
        let parameters = ["period": "2019", "unit": "ha-noi", "email": "disabled@example.vn", "id": String(evidence.id), "language": "vi", "**": "index.html"]
        try await fixture.test { client in
            // The preview is written first (once: a national report), then read by the routes after it.
            let writesPreview = "POST /api/v1/seasons/{period}/preview"
            for operation in try Self.documentedOperations().sorted(by: { ($0 == writesPreview ? 0 : 1, $0) < ($1 == writesPreview ? 0 : 1, $1) }) {
                let parts = operation.split(separator: " ", maxSplits: 1).map(String.init)
                var values = parameters
                if operation == "DELETE /api/v1/seasons/{period}/publish" { values["period"] = "2018" }
                let uri = AuthorizationMatrixTests.uri(parts[1], values, malformedPeriod: false)
                let response = try await client.execute(uri: uri, method: HTTPRequest.Method(parts[0])!, headers: admin.headers())
                #expect(response.status != .notFound && response.status != .methodNotAllowed, "\(operation): \(response.status.code)")
                #expect(response.status.code < 500, "\(operation): \(response.status.code) \(response.text.prefix(300))")
            }
        }
    }
}
