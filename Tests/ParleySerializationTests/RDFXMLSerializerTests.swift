import Foundation
import XCTest
import ParleyGraph
import ParleySerialization

final class RDFXMLSerializerTests: XCTestCase {
    private func graph(withRelation name: String) -> CorpusGraph {
        var edges = Array(TestGraphs.small.edges)
        edges.append(Edge(relation: RelationName(name), source: edges[0].source, target: edges[0].target,
                          provenance: edges[0].provenance))
        return CorpusGraph(documents: TestGraphs.small.documents, nodes: TestGraphs.small.nodes, edges: edges)
    }

    func testRelationNamesThatAreNotNCNamesAreRejected() throws {
        let folder = try TestGraphs.temporaryFolder("qname")
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["0day", "a/b", "has space", "a:b", "", "-x", "é"] {
            XCTAssertThrowsError(try RDFXMLSerializer(ontology: TestGraphs.ontology)
                .write(graph(withRelation: name), to: folder.appendingPathComponent("g.rdf").path), name) { error in
                guard case SerializationError.invalidRelationName(let relation, _) = error else {
                    return XCTFail("\(name): unexpected \(error)")
                }
                XCTAssertEqual(relation.rawValue, name)
            }
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [])
    }

    func testInvalidNamesAreSanitizedOnRequestAndMappedBack() throws {
        let folder = try TestGraphs.temporaryFolder("sanitize")
        defer { try? FileManager.default.removeItem(at: folder) }
        var edges = Array(graph(withRelation: "0day").edges)
        edges.append(Edge(relation: RelationName("a/b"), source: edges[0].source, target: edges[0].target,
                          provenance: edges[0].provenance))
        edges.append(Edge(relation: RelationName("a b"), source: edges[0].source, target: edges[0].target,
                          provenance: edges[0].provenance))
        var nodes = Array(TestGraphs.small.nodes)
        nodes[0].attributes["1st attribute"] = .int(1)
        let g = CorpusGraph(documents: TestGraphs.small.documents, nodes: nodes, edges: edges)
        let path = folder.appendingPathComponent("g.rdf").path
        _ = try RDFXMLSerializer(ontology: TestGraphs.ontology, invalidNames: .sanitize).write(g, to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(text.contains("xmlns:parleyrel=\"https://w3id.org/parley/ontology/rel/\""))
        XCTAssertTrue(text.contains("<parleyrel:r_0day rdf:resource="))
        XCTAssertTrue(text.contains("<parleyrel:a_b rdf:resource="))
        XCTAssertTrue(text.contains("<parleyrel:a_b-2 rdf:resource="))
        XCTAssertTrue(text.contains("<parleyattr:r_1st_attribute rdf:datatype="))
        XCTAssertTrue(text.contains("<rdfs:label>a/b</rdfs:label>"))
        if TestGraphs.isInstalled("rapper") {
            let result = try TestGraphs.run(["rapper", "-q", "-i", "rdfxml", "-c", path])
            XCTAssertEqual(result.status, 0, result.output)
        }
    }

    func testDanglingEdgeIsAnErrorBeforeAnythingIsWritten() throws {
        let folder = try TestGraphs.temporaryFolder("dangling")
        defer { try? FileManager.default.removeItem(at: folder) }
        var edges = Array(TestGraphs.small.edges)
        edges.append(Edge(relation: RelationName("rejects"), source: NodeKey(rawValue: "actor/nobody"),
                          target: edges[0].target, provenance: edges[0].provenance))
        let g = CorpusGraph(documents: TestGraphs.small.documents, nodes: TestGraphs.small.nodes, edges: edges)
        let serializers: [any GraphSerializer] = [GraphMLSerializer(ontology: TestGraphs.ontology),
                                                  RDFXMLSerializer(ontology: TestGraphs.ontology),
                                                  DOTSerializer(ontology: TestGraphs.ontology)]
        for serializer in serializers {
            XCTAssertThrowsError(try serializer.write(g, to: folder.appendingPathComponent("g").path)) { error in
                guard case SerializationError.danglingEdge(_, _, let missing) = error else {
                    return XCTFail("unexpected \(error)")
                }
                XCTAssertEqual(missing.rawValue, "actor/nobody")
            }
        }
    }

    func testUnknownDocumentIsAnError() throws {
        var edges = Array(TestGraphs.small.edges)
        edges[0].provenance.document = DocumentID(99)
        let g = CorpusGraph(documents: TestGraphs.small.documents, nodes: TestGraphs.small.nodes, edges: edges)
        let folder = try TestGraphs.temporaryFolder("document")
        defer { try? FileManager.default.removeItem(at: folder) }
        XCTAssertThrowsError(try RDFXMLSerializer(ontology: TestGraphs.ontology)
            .write(g, to: folder.appendingPathComponent("g.rdf").path)) { error in
            guard case SerializationError.unknownDocument(_, _, let document) = error else {
                return XCTFail("unexpected \(error)")
            }
            XCTAssertEqual(document, DocumentID(99))
        }
    }

    func testCollidingIRIsAreMadeDistinct() {
        let iris = ParleyIRI.nodeIRIs(TestGraphs.adversarial, ontology: TestGraphs.ontology)
        XCTAssertEqual(Set(iris).count, iris.count)
        XCTAssertTrue(iris.contains("https://w3id.org/parley/id/actor/x"))
        XCTAssertTrue(iris.contains("https://w3id.org/parley/id/actor/x-2"))
        XCTAssertEqual(ParleyIRI.percentEncode("a b/é~_-"), "a%20b%2F%C3%A9~_-")
    }
}
