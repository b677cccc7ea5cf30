// swift-tools-version:6.0
// libFuzzer targets over Parley, in their own package so the main package
// carries no unsafe flags. Build and run with ../scripts/fuzz.
import PackageDescription

let fuzzTarget: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let package = Package(
    name: "ParleyFuzz",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "FuzzExtractor", targets: ["FuzzExtractor"]),
        .executable(name: "FuzzOntology", targets: ["FuzzOntology"]),
    ],
    dependencies: [.package(name: "Parley", path: "..")],
    targets: [
        // Declares libFuzzer's LLVMFuzzerRunDriver.
        .target(name: "CFuzzerDriver"),
        // Checks shared by the targets: output must parse back.
        .target(name: "FuzzSupport", dependencies: [
            "CFuzzerDriver",
            .product(name: "ParleyExtraction", package: "Parley"),
            .product(name: "ParleySerialization", package: "Parley"),
            .product(name: "ParleyOntology", package: "Parley"),
        ]),
        // Text -> DocumentReader.decode -> ExtractionPipeline -> GraphML,
        // RDF/XML, DOT -> parsed back with libxml2.
        .executableTarget(name: "FuzzExtractor", dependencies: ["FuzzSupport"], swiftSettings: fuzzTarget),
        // Bytes -> XMLReader -> RDFXMLReader.
        .executableTarget(name: "FuzzOntology", dependencies: ["FuzzSupport"], swiftSettings: fuzzTarget),
    ]
)
