import Foundation
import XCTest
import ParleyGraph
import ParleySerialization

final class AtomicFileTests: XCTestCase {
    func testFailedWriteLeavesThePreviousFileAndNoTemporaryFile() throws {
        let folder = try TestGraphs.temporaryFolder("atomic")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("graph.rdf").path
        _ = try RDFXMLSerializer(ontology: TestGraphs.ontology).write(TestGraphs.small, to: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))

        var bad = Array(TestGraphs.small.edges)
        bad.append(Edge(relation: RelationName("has space"), source: bad[0].source, target: bad[0].target,
                        provenance: bad[0].provenance))
        let graph = CorpusGraph(documents: TestGraphs.small.documents, nodes: TestGraphs.small.nodes, edges: bad)
        XCTAssertThrowsError(try RDFXMLSerializer(ontology: TestGraphs.ontology).write(graph, to: path))
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["graph.rdf"])
    }

    func testErrorInTheMiddleOfWritingRemovesTheTemporaryFile() throws {
        let folder = try TestGraphs.temporaryFolder("atomic-mid")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("out.txt").path
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        struct Boom: Error {}
        XCTAssertThrowsError(try AtomicFile.write(to: path) { output -> Void in
            for _ in 0..<100_000 { output.writeText("partial output that never completes ") }
            throw Boom()
        }) { XCTAssertTrue($0 is Boom) }
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "old")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["out.txt"])
    }

    func testMissingFolderIsATypedError() {
        XCTAssertThrowsError(try GraphMLSerializer(ontology: TestGraphs.ontology)
            .write(TestGraphs.small, to: "/nonexistent-parley-folder/graph.graphml")) { error in
            guard case AtomicFileError.createTemporary(_, let code) = error else {
                return XCTFail("unexpected \(error)")
            }
            XCTAssertEqual(code, ENOENT)
        }
    }

    func testSuccessfulWriteReplacesTheFile() throws {
        let folder = try TestGraphs.temporaryFolder("atomic-ok")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("graph.dot").path
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        let report = try DOTSerializer(ontology: TestGraphs.ontology).write(TestGraphs.small, to: path)
        XCTAssertEqual(report.path, path)
        XCTAssertTrue(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("// Parley knowledge graph"))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["graph.dot"])
    }
}
