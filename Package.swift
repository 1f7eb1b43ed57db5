// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "ictindex",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "IndexCore", targets: ["IndexCore"]),
        .library(name: "Intake", targets: ["Intake"]),
        .library(name: "Reports", targets: ["Reports"]),
        .executable(name: "ictindex", targets: ["ictindex"]),
        .executable(name: "ictindex-bench", targets: ["ictindex-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // The methodology model, expressions, scoring, aggregation, ranking and explanation.
        // Pure Swift + Foundation (Yams only to read the methodology YAML it is given as text).
        .target(name: "IndexCore", dependencies: [.product(name: "Yams", package: "Yams")]),
        // Readers for survey answers (CSV, JSON) and their validation against a methodology.
        .target(name: "Intake", dependencies: ["IndexCore"]),
        // Renderers of results and explanations: JSON contract, CSV, terminal tables.
        .target(name: "Reports", dependencies: ["IndexCore"]),
        // The command-line tool: parses arguments, calls the library, prints.
        .executableTarget(
            name: "ictindex",
            dependencies: [
                "IndexCore", "Intake", "Reports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The engine benchmark: a synthetic methodology timed against a pandas peer (Benchmarks/).
        .executableTarget(name: "ictindex-bench", dependencies: ["IndexCore"]),
        // Writes the calibrated synthetic example answers (Examples/vn-it-application/).
        .executableTarget(name: "ictindex-examples", dependencies: ["IndexCore", "Reports"], path: "Examples/vn-it-application/Generator"),
        .testTarget(name: "IndexCoreTests", dependencies: ["IndexCore", "Intake"]),
        // End-to-end tests: the examples against published figures, the CLI's outputs and exit codes.
        .testTarget(name: "ictindexTests", dependencies: ["IndexCore", "Intake", "Reports", "ictindex"], exclude: ["Fixtures"]),
        // The methodology library (UN EGDI, Vietnam ICT Index, DTI) against published figures.
        .testTarget(name: "MethodologyLibraryTests", dependencies: ["IndexCore", "Intake"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
