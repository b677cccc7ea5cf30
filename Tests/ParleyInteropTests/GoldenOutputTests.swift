import Foundation
import XCTest
import ParleyExtraction
import ParleyGraph
import ParleyOntology
import ParleySerialization

/// The committed `output/` is what `swift run parley` writes from `seeds/`,
/// byte for byte. Run with `PARLEY_RECORD=1` to regenerate it after an
/// intended change (then review `git diff output/`).
final class GoldenOutputTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func seedsGraph(threads: Int) throws -> (CorpusGraph, Ontology) {
        let ontology = try OntologyLoader.load(from: root.appendingPathComponent("ontology").path)
        let reader = DocumentReader()
        let (files, errors) = reader.collect([root.appendingPathComponent("seeds").path])
        XCTAssertTrue(errors.isEmpty)
        let documents = try files.map { path -> SourceDocument in
            var d = try reader.read(path: path).0
            // The CLI is run from the package root with the relative path.
            d.info.path = "seeds/" + d.info.name
            return d
        }
        return (ExtractionPipeline(ontology: ontology).run(documents, threads: threads).graph, ontology)
    }

    static func serializer(_ f: OutputFormat, _ o: Ontology) -> any GraphSerializer {
        switch f {
        case .graphml: return GraphMLSerializer(ontology: o)
        case .rdfxml: return RDFXMLSerializer(ontology: o)
        case .dot: return DOTSerializer(ontology: o)
        default: return f.serializer(ontology: o)
        }
    }

    func testCommittedOutputIsWhatTheSeedsGive() throws {
        let (graph, ontology) = try Self.seedsGraph(threads: 2)
        let record = ProcessInfo.processInfo.environment["PARLEY_RECORD"] == "1"
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("parley-golden-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        for f in OutputFormat.defaults {
            let fresh = scratch.appendingPathComponent(f.defaultFileName)
            _ = try Self.serializer(f, ontology).write(graph, to: fresh.path)
            let committed = Self.root.appendingPathComponent("output").appendingPathComponent(f.defaultFileName)
            if record {
                try? FileManager.default.removeItem(at: committed)
                try FileManager.default.copyItem(at: fresh, to: committed)
                continue
            }
            let want = try Data(contentsOf: committed)
            let got = try Data(contentsOf: fresh)
            XCTAssertEqual(got, want, "\(committed.path) differs from what the seeds give now; "
                           + "run `PARLEY_RECORD=1 swift test --filter GoldenOutputTests` and review git diff output/")
        }
    }

    func testGraphIsIdenticalWhateverTheNumberOfThreads() throws {
        let (one, _) = try Self.seedsGraph(threads: 1)
        let (two, _) = try Self.seedsGraph(threads: 2)
        let (many, _) = try Self.seedsGraph(threads: 7)
        XCTAssertEqual(one.nodes, two.nodes)
        XCTAssertEqual(one.edges, two.edges)
        XCTAssertEqual(one.edges, many.edges)
        XCTAssertGreaterThan(one.edgeCount, 0)
    }
}
