// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "ictindex",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "IndexCore", targets: ["IndexCore"]),
        .library(name: "Formats", targets: ["Formats"]),
        .library(name: "Intake", targets: ["Intake"]),
        .library(name: "Reports", targets: ["Reports"]),
        .library(name: "Analysis", targets: ["Analysis"]),
        .library(name: "IndexStore", targets: ["IndexStore"]),
        .executable(name: "ictindex", targets: ["ictindex"]),
        .executable(name: "ictindex-bench", targets: ["ictindex-bench"]),
        .library(name: "Audit", targets: ["Audit"]),
        .executable(name: "ictindex-uncertainty-bench", targets: ["ictindex-uncertainty-bench"]),
        .executable(name: "ictindex-fixtures", targets: ["ictindex-fixtures"]),
        .library(name: "PortalAudit", targets: ["PortalAudit"]),
        .library(name: "Season", targets: ["Season"]),
        .library(name: "Platform", targets: ["Platform"]),
        .library(name: "Server", targets: ["Server"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.0.0"),
        // `swift package generate-documentation` (the DocC catalogs of IndexCore and Season).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
        // The web platform (issue 14): bcrypt for its passwords (Platform), the HTTP server (Server).
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        // The methodology model, expressions, scoring, aggregation, ranking and explanation.
        // Pure Swift + Foundation (Yams only to read the methodology YAML it is given as text).
        .target(name: "IndexCore", dependencies: [.product(name: "Yams", package: "Yams")]),
        // File formats: the XLSX reader and writer (ZIPFoundation), the XML tree they read, the CSV
        // writer; problems are IndexCore diagnostics.
        .target(name: "Formats", dependencies: ["IndexCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // Readers for survey answers (CSV, JSON, filled forms), survey forms, and their validation
        // against a methodology.
        .target(name: "Intake", dependencies: ["IndexCore", "Formats"]),
        // The workspace: one SQLite file (GRDB, WAL, migrations) with units, submissions,
        // observations and their provenance, runs and results.
        .target(name: "IndexStore", dependencies: ["IndexCore", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Yams", package: "Yams")]),
        // Trends over periods and self-assessment with engine-computed what-if scenarios.
        .target(name: "Analysis", dependencies: ["IndexCore"]),
        // Renderers of results and explanations: JSON contract, CSV, terminal tables, SVG charts,
        // the national report (HTML, Markdown, XLSX, CSV, JSON), exports, data-audit and uncertainty
        // output with rank-interval charts.
        .target(name: "Reports", dependencies: ["IndexCore", "Analysis", "Formats", "Audit"]),
        // libxml2's HTML parser and XPath (the system library, libxml2-dev).
        .systemLibrary(name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // The portal crawler and evaluator: robots.txt, politeness, fetching (AsyncHTTPClient),
        // HTML through libxml2, the legal checklist and the mapping of findings to fields.
        .target(name: "PortalAudit", dependencies: [
            "IndexCore", "IndexStore", "CLibXML2",
            .product(name: "Yams", package: "Yams"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
        // Test support, not shipped in the library or the tool: FixtureServer, an in-process HTTP
        // server on a loopback address for the fixture portals, hostile servers and benchmark sites.
        .target(name: "PortalAuditFixtures", dependencies: [
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
        // Serves the fixture portals of Examples/portals/ on 127.0.0.1 for the README's crawl demo.
        .executableTarget(name: "ictindex-fixtures", dependencies: ["PortalAuditFixtures"]),
        // The crawl benchmarks: a generated 5,000-page site on loopback, and 40 sites of 50 pages
        // on 127.0.0.2–127.0.0.41 crawled in parallel (crawl --all).
        .executableTarget(name: "ictindex-crawl-bench", dependencies: ["IndexCore", "PortalAudit", "PortalAuditFixtures"]),
        // Statistical audit of the data, treatment, and uncertainty/sensitivity analysis of ranks
        // (Monte Carlo and Sobol indices over weights, normalisations, aggregations, imputation).
        .target(name: "Audit", dependencies: ["IndexCore", .product(name: "Yams", package: "Yams")]),
        // The uncertainty benchmark: 51 units × 49 indicators, Monte Carlo and Sobol analyses.
        .executableTarget(name: "ictindex-uncertainty-bench", dependencies: ["IndexCore", "Audit", "Reports"]),
        // The application: what a season does (load inputs, import, compute and store runs, check,
        // report, audit, uncertainty, crawl) as async functions with typed results and errors, for
        // the CLI and the web server; the standard files bundled as generated source.
        .target(name: "Season", dependencies: ["IndexCore", "Intake", "IndexStore", "Reports", "Audit", "PortalAudit"]),
        // The web platform's domain layer (no HTTP): accounts, sessions, API tokens, seasons, drafts,
        // the submission workflow, reviews, publication and the audit trail, on the workspace store.
        .target(name: "Platform", dependencies: [
            "IndexCore", "Formats", "IndexStore", "Intake", "Season",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
        ]),
        // The web server (`ictindex serve`, issue 14): Hummingbird, sessions, CSRF, security headers,
        // limits, the JSON API under /api/v1 (docs/openapi.yaml bundled as generated source) and the
        // pages; every validation, computation and report comes from Platform and Season.
        .target(name: "Server", dependencies: [
            "IndexCore", "IndexStore", "Intake", "Reports", "Season", "Platform",
            .product(name: "Hummingbird", package: "hummingbird"),
        ], exclude: ["Static"]),  // site.css and app.js: compiled in by scripts/generate-bundled-files
        // The command-line tool: parses arguments, calls Season, prints.
        .executableTarget(
            name: "ictindex",
            dependencies: [
                "IndexCore", "Intake", "Reports", "IndexStore", "PortalAudit", "Season", "Platform", "Server",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Test support: imports into a workspace and SIGKILLs itself inside the transaction
        // (ictindexTests proves that a killed import leaves the store as it was).
        .executableTarget(name: "ictindex-killed-import", dependencies: ["Season"], path: "Tests/Support/KilledImport"),
        // Test support: ChildProcess runs a program for a test and awaits its end without holding
        // one of the cooperative pool's threads (output to files, SIGKILL on timeout).
        .target(name: "TestProcesses", path: "Tests/Support/TestProcesses"),
        // Test support: the screened-methodology set-up the screening tests of several layers share.
        .target(name: "TestFixtures", dependencies: ["IndexCore"], path: "Tests/Support/TestFixtures"),
        // The engine benchmark: a synthetic methodology timed against a pandas peer (Benchmarks/).
        .executableTarget(name: "ictindex-bench", dependencies: ["IndexCore"]),
        // Import throughput of the workspace store: 1,000,000 observations from CSV, 10,000 forms.
        // Also the reader benchmark and the scale benchmark's compute (ictindex compute's steps without the network stack).
        .executableTarget(name: "ictindex-store-bench", dependencies: ["IndexCore", "Formats", "Intake", "IndexStore", "Reports"]),
        // Writes the calibrated synthetic example answers (Examples/vn-it-application/).
        .executableTarget(name: "ictindex-examples", dependencies: ["IndexCore", "Formats", "Intake", "Reports"], path: "Examples/vn-it-application/Generator"),
        // The workspace store and the unit registry: imports, history, lineage, concurrency.
        .testTarget(name: "IndexStoreTests", dependencies: ["TestProcesses", "IndexCore", "Intake", "IndexStore"]),
        .testTarget(name: "IndexCoreTests", dependencies: ["IndexCore", "Intake", "TestFixtures"]),
        // The data audit, treatment and imputation, the Sobol sequence and estimators (Ishigami),
        // the uncertainty analysis (hand-computed cases, determinism across core counts).
        .testTarget(name: "AuditTests", dependencies: ["IndexCore", "Intake", "Audit", "Reports"]),
        // The portal crawler: fixture portals, hostile servers, the checklist, the store.
        .testTarget(name: "PortalAuditTests", dependencies: ["PortalAudit", "PortalAuditFixtures", "IndexCore", "IndexStore", "Intake"]),
        // Survey forms as Excel workbooks: the XLSX writer and reader, form round trips, malformed files.
        .testTarget(name: "IntakeTests", dependencies: ["TestProcesses", "IndexCore", "Formats", "Intake", "Reports", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // End-to-end tests: the examples against published figures, the CLI's outputs and exit codes.
        // (`crawl` runs against fixture portals served in process by PortalAuditFixtures' FixtureServer.)
        .testTarget(name: "ictindexTests", dependencies: ["TestProcesses", "IndexCore", "Formats", "Intake", "Reports", "PortalAudit", "PortalAuditFixtures", "Season", "Platform", "ictindex", "ictindex-killed-import"], exclude: ["Fixtures"]),
        // The application library called directly (no process): loading, import, compute, check,
        // report, the bundled standard files and their sync with Indicators/.
        .testTarget(name: "SeasonTests", dependencies: ["IndexCore", "IndexStore", "Reports", "Season", "TestFixtures"]),
        // The web platform's domain layer called directly: the submission workflow end to end,
        // optimistic versioning, sign-in and lockout, tokens, unit isolation, evidence, backup.
        .testTarget(name: "PlatformTests", dependencies: ["IndexCore", "Intake", "IndexStore", "Season", "Platform", .product(name: "GRDB", package: "GRDB.swift")]),
        // The web server through HummingbirdTesting: security (cookies, CSRF, headers, limits,
        // throttling), the authorization matrix over every route, the OpenAPI document, the season
        // workflow through the API, the pages over the router and in a real browser (selenium +
        // chromium).
        .testTarget(name: "ServerTests", dependencies: [
            "TestProcesses", "Server", "Platform", "Season", "IndexCore", "IndexStore", "Intake",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "Yams", package: "Yams"),
        ], exclude: ["Browser"]),
        // Trends, assessment and what-if, SVG charts, the national report (golden files, the committed
        // example reports byte for byte, a headless-Chromium rendering) and `ictindex check`.
        .testTarget(name: "ReportsTests", dependencies: ["TestProcesses", "TestFixtures", "IndexCore", "Formats", "Intake", "Analysis", "Audit", "Reports", "ictindex"], exclude: ["Golden"]),
        // The fuzz suite: seeded mutations of methodology, CSV, JSON and XLSX inputs through the
        // library and the binary; errors name their file and place, nothing escapes the output folder.
        .testTarget(name: "FuzzTests", dependencies: ["TestProcesses", "IndexCore", "Formats", "Intake", "Reports", "ictindex"]),
        // The methodology library (UN EGDI, Vietnam ICT Index, DTI) against published figures.
        .testTarget(name: "MethodologyLibraryTests", dependencies: ["IndexCore", "Intake"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
