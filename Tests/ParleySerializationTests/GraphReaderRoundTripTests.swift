import Foundation
import XCTest
import ParleyGraph
import ParleyOntology
@testable import ParleySerialization

/// `parley convert` reads back what Parley wrote: write → read → the same
/// graph, for GraphML and RDF/XML, and a second write gives the same bytes.
final class GraphReaderRoundTripTests: XCTestCase {
    /// TestGraphs keys people `actor/…` and organisations `entity/…`.
    static let testKeys: @Sendable (NodeType) -> String = { $0 == .organization ? "entity" : $0.rawValue.lowercased() }

    func testGraphMLRoundTrip() throws {
        let graph = TestGraphs.small
        let back = try roundTrip(graph, GraphMLSerializer(ontology: TestGraphs.ontology)) {
            try GraphMLReader().read(contentsOf: $0)
        }
        assertSameGraph(back, graph)
    }

    func testRDFXMLRoundTrip() throws {
        let graph = TestGraphs.small
        let back = try roundTrip(graph, RDFXMLSerializer(ontology: TestGraphs.ontology)) {
            try RDFXMLGraphReader(ontology: TestGraphs.ontology, keyFamily: Self.testKeys).read(contentsOf: $0)
        }
        assertSameGraph(back, graph)
    }

    /// Reading and writing again gives the very same file, in both formats.
    func testRewritingWhatWasReadGivesTheSameBytes() throws {
        let folder = try TestGraphs.temporaryFolder("reread")
        defer { try? FileManager.default.removeItem(at: folder) }
        let ontology = TestGraphs.ontology
        for (serializer, read) in [
            (GraphMLSerializer(ontology: ontology) as any GraphSerializer,
             { (p: String) throws -> CorpusGraph in try GraphMLReader().read(contentsOf: p) }),
            (RDFXMLSerializer(ontology: ontology) as any GraphSerializer,
             { (p: String) throws -> CorpusGraph in
                 try RDFXMLGraphReader(ontology: ontology, keyFamily: Self.testKeys).read(contentsOf: p) }),
        ] {
            let first = folder.appendingPathComponent("first").path, second = folder.appendingPathComponent("second").path
            _ = try serializer.write(TestGraphs.small, to: first)
            _ = try serializer.write(try read(first), to: second)
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: first)),
                           try Data(contentsOf: URL(fileURLWithPath: second)), "\(type(of: serializer))")
        }
    }

    /// A key whose slug needed percent-encoding, a node attribute of each
    /// type, and a relation name that RDF/XML had to sanitize.
    func testRDFXMLRoundTripOfSanitizedNamesAndTypedAttributes() throws {
        var small = TestGraphs.small
        let docs = small.documents
        var nodes = Array(small.nodes)
        nodes[0].attributes["weight"] = .double(0.25)
        nodes[0].attributes["verified"] = .bool(true)
        var edges = Array(small.edges)
        edges[0].relation = RelationName("0day/x")
        small = CorpusGraph(documents: docs, nodes: nodes, edges: edges)
        let back = try roundTrip(small, RDFXMLSerializer(ontology: TestGraphs.ontology, invalidNames: .sanitize)) {
            try RDFXMLGraphReader(ontology: TestGraphs.ontology, keyFamily: Self.testKeys).read(contentsOf: $0)
        }
        assertSameGraph(back, small)
    }

    func testWhatIsNotParleyOutputIsAnErrorNamingTheFile() throws {
        let folder = try TestGraphs.temporaryFolder("not-parley")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("x.graphml").path
        try "<root/>".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try GraphMLReader().read(contentsOf: path)) {
            XCTAssertTrue("\($0)".hasPrefix(path), "\($0)")
        }
        try "<graphml><graph><node id=\"n0\"/></graph></graphml>".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try GraphMLReader().read(contentsOf: path)) {
            XCTAssertTrue("\($0)".contains("not a graph written by Parley"), "\($0)")
        }
        try "<graphml".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try RDFXMLGraphReader(ontology: TestGraphs.ontology).read(contentsOf: path)) {
            XCTAssertTrue("\($0)".hasPrefix(path), "\($0)")
        }
    }

    func testGraphStatistics() {
        let stats = GraphStatistics(TestGraphs.small, top: 2)
        XCTAssertEqual(stats.nodes, TestGraphs.small.nodeCount)
        XCTAssertEqual(stats.edges, TestGraphs.small.edgeCount)
        XCTAssertEqual(stats.topNodes.count, 2)
        XCTAssertGreaterThanOrEqual(stats.topNodes[0].degree, stats.topNodes[1].degree)
        XCTAssertEqual(stats.edgesByRelation.map(\.1).reduce(0, +), stats.edges)
        XCTAssertLessThanOrEqual(stats.distinctRelations, stats.edges)
    }

    // MARK: Helpers

    func roundTrip(_ graph: CorpusGraph, _ serializer: some GraphSerializer,
                   read: (String) throws -> CorpusGraph) throws -> CorpusGraph {
        let folder = try TestGraphs.temporaryFolder("roundtrip")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("graph").path
        _ = try serializer.write(graph, to: path)
        return try read(path)
    }

    func assertSameGraph(_ a: CorpusGraph, _ b: CorpusGraph, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.documents, b.documents, file: file, line: line)
        XCTAssertEqual(a.nodes.count, b.nodes.count, file: file, line: line)
        for (x, y) in zip(a.nodes, b.nodes) { XCTAssertEqual(x, y, file: file, line: line) }
        XCTAssertEqual(a.edges.count, b.edges.count, file: file, line: line)
        for (x, y) in zip(a.edges, b.edges) where x != y {
            // NaN confidences are equal in meaning, not in `==`.
            var x = x, y = y
            if x.provenance.confidence.isNaN && y.provenance.confidence.isNaN {
                x.provenance.confidence = 0
                y.provenance.confidence = 0
            }
            XCTAssertEqual(x, y, file: file, line: line)
        }
    }
}
