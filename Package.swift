// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "ictindex",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "IndexCore", targets: ["IndexCore"]),
        .library(name: "Intake", targets: ["Intake"]),
        .library(name: "Reports", targets: ["Reports"]),
        .library(name: "IndexStore", targets: ["IndexStore"]),
        .executable(name: "ictindex", targets: ["ictindex"]),
        .executable(name: "ictindex-bench", targets: ["ictindex-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // The methodology model, expressions, scoring, aggregation, ranking and explanation.
        // Pure Swift + Foundation (Yams only to read the methodology YAML it is given as text).
        .target(name: "IndexCore", dependencies: [.product(name: "Yams", package: "Yams")]),
        // Readers for survey answers (CSV, JSON) and their validation against a methodology.
        .target(name: "Intake", dependencies: ["IndexCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // The workspace: one SQLite file (GRDB, WAL, migrations) with units, submissions,
        // observations and their provenance, runs and results.
        .target(name: "IndexStore", dependencies: ["IndexCore", .product(name: "GRDB", package: "GRDB.swift")]),
        // Renderers of results and explanations: JSON contract, CSV, terminal tables.
        .target(name: "Reports", dependencies: ["IndexCore"]),
        // The command-line tool: parses arguments, calls the library, prints.
        .executableTarget(
            name: "ictindex",
            dependencies: [
                "IndexCore", "Intake", "Reports", "IndexStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The engine benchmark: a synthetic methodology timed against a pandas peer (Benchmarks/).
        .executableTarget(name: "ictindex-bench", dependencies: ["IndexCore"]),
        // Writes the calibrated synthetic example answers (Examples/vn-it-application/).
        .executableTarget(name: "ictindex-examples", dependencies: ["IndexCore", "Reports"], path: "Examples/vn-it-application/Generator"),
        // The workspace store and the unit registry: imports, history, lineage, concurrency.
        .testTarget(name: "IndexStoreTests", dependencies: ["IndexCore", "Intake", "IndexStore"]),
        .testTarget(name: "IndexCoreTests", dependencies: ["IndexCore", "Intake"]),
        // Survey forms as Excel workbooks: the XLSX writer and reader, form round trips, malformed files.
        .testTarget(name: "IntakeTests", dependencies: ["IndexCore", "Intake"]),
        // End-to-end tests: the examples against published figures, the CLI's outputs and exit codes.
        .testTarget(name: "ictindexTests", dependencies: ["IndexCore", "Intake", "Reports", "ictindex"], exclude: ["Fixtures"]),
        // The methodology library (UN EGDI, Vietnam ICT Index, DTI) against published figures.
        .testTarget(name: "MethodologyLibraryTests", dependencies: ["IndexCore", "Intake"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
