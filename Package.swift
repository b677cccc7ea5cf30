// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Parley",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "parley", targets: ["parley"]),
        .library(name: "ParleyGraph", targets: ["ParleyGraph"]),
        .library(name: "ParleyOntology", targets: ["ParleyOntology"]),
        .library(name: "ParleyExtraction", targets: ["ParleyExtraction"]),
        .library(name: "ParleySerialization", targets: ["ParleySerialization"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // The system C library libxml2; only ParleyXML imports it.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        // The typed graph: value types, no I/O.
        .target(name: "ParleyGraph"),
        // One thin layer over libxml2: a safe reader and a streaming writer.
        .target(name: "ParleyXML", dependencies: ["CLibXML2"]),
        // The OWL ontology and the extraction lexicon, read from ontology/.
        .target(name: "ParleyOntology", dependencies: ["ParleyGraph", "ParleyXML"]),
        // Text to typed graph, one extractor per concern.
        .target(name: "ParleyExtraction", dependencies: ["ParleyGraph", "ParleyOntology"]),
        // Graph to GraphML, RDF/XML and DOT, one serializer per format.
        .target(name: "ParleySerialization", dependencies: ["ParleyGraph", "ParleyOntology", "ParleyXML"]),
        .executableTarget(
            name: "parley",
            dependencies: [
                "ParleyGraph", "ParleyOntology", "ParleyExtraction", "ParleySerialization",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "ParleyGraphTests", dependencies: ["ParleyGraph"]),
        .testTarget(name: "ParleyXMLTests", dependencies: ["ParleyXML"]),
        .testTarget(name: "ParleyOntologyTests", dependencies: ["ParleyOntology"]),
        .testTarget(
            name: "ParleyExtractionTests",
            dependencies: ["ParleyExtraction", "ParleyOntology", "ParleyGraph"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "ParleySerializationTests", dependencies: ["ParleySerialization", "ParleyOntology", "ParleyGraph"]),
        .testTarget(
            name: "ParleyInteropTests",
            dependencies: ["ParleyExtraction", "ParleySerialization", "ParleyOntology", "ParleyGraph"]
        ),
    ]
)
