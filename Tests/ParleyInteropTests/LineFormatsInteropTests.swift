import Foundation
import XCTest
import ParleyGraph
import ParleyOntology
import ParleySerialization

/// N-Triples, Turtle and the Neo4j CSV pair with their real clients: rdflib
/// and pyoxigraph (`Clients/check_line_formats.py`) and rapper give the
/// same triple count as for the RDF/XML (and, where the text fits in XML,
/// the same RDF graph); the CSV header follows neo4j-admin's documented
/// layout and Python's csv module reads back every value. Then `convert`'s
/// readers on the seeds graph: write, read, the same graph.
final class LineFormatsInteropTests: XCTestCase {
    static let script = InteropTests.clients.appendingPathComponent("check_line_formats.py").path

    func testSmallGraphWithRDFClientsAndCSV() throws {
        try check(TestGraphs.small, ontology: TestGraphs.ontology, name: "small", exact: true)
    }

    func testAdversarialGraphWithRDFClientsAndCSV() throws {
        try check(TestGraphs.adversarial, ontology: TestGraphs.ontology, name: "adversarial", exact: false)
    }

    func testSeedsGraphWithRDFClientsAndCSV() throws {
        let (graph, ontology) = try GoldenOutputTests.seedsGraph(threads: 2)
        try check(graph, ontology: ontology, name: "seeds", exact: true)
    }

    /// `parley convert`'s readers on the real graph: GraphML and RDF/XML
    /// read back into the graph that was written.
    func testSeedsGraphReadsBackFromGraphMLAndRDFXML() throws {
        let (graph, ontology) = try GoldenOutputTests.seedsGraph(threads: 2)
        let folder = try TestGraphs.temporaryFolder("seeds-readback")
        defer { try? FileManager.default.removeItem(at: folder) }
        let graphml = folder.appendingPathComponent("graph.graphml").path
        let rdf = folder.appendingPathComponent("graph.rdf").path
        _ = try GraphMLSerializer(ontology: ontology).write(graph, to: graphml)
        _ = try RDFXMLSerializer(ontology: ontology).write(graph, to: rdf)
        for (name, back) in [("GraphML", try GraphMLReader().read(contentsOf: graphml)),
                             ("RDF/XML", try RDFXMLGraphReader(ontology: ontology).read(contentsOf: rdf))] {
            XCTAssertEqual(back.documents, graph.documents, name)
            XCTAssertEqual(back.nodes, graph.nodes, name)
            XCTAssertEqual(back.edges, graph.edges, name)
        }
    }

    func check(_ graph: CorpusGraph, ontology: Ontology, name: String, exact: Bool,
               file: StaticString = #filePath, line: UInt = #line) throws {
        for program in ["python3", "rapper"] where !TestGraphs.isInstalled(program) {
            XCTFail("\(program) is not installed; run scripts/install-test-deps", file: file, line: line)
            return
        }
        let folder = try TestGraphs.temporaryFolder("lines-" + name)
        defer { try? FileManager.default.removeItem(at: folder) }
        func path(_ format: OutputFormat) -> String { folder.appendingPathComponent(format.defaultFileName).path }
        for format in [OutputFormat.rdfxml, .ntriples, .turtle, .neo4jNodes, .neo4jRelationships] {
            _ = try format.serializer(ontology: ontology).write(graph, to: path(format))
        }
        let expectations = folder.appendingPathComponent("expectations.json").path
        try InteropExpectations(graph, ontology: ontology).write(to: expectations)

        let result = try TestGraphs.run(["python3", Self.script, path(.rdfxml), path(.ntriples), path(.turtle),
                                         path(.neo4jNodes), path(.neo4jRelationships), expectations]
                                        + (exact ? ["--exact"] : []))
        XCTAssertEqual(result.status, 0, "\(name): \(result.output)", file: file, line: line)
        let triples = InteropTests.firstNumber(after: "rdf-triples=", in: result.output)
        XCTAssertNotNil(triples, result.output, file: file, line: line)
        for (syntax, format) in [("rdfxml", OutputFormat.rdfxml), ("ntriples", .ntriples), ("turtle", .turtle)] {
            let rapper = try TestGraphs.run(["rapper", "-i", syntax, "-c", path(format)])
            XCTAssertEqual(rapper.status, 0, "\(name): rapper \(syntax): \(rapper.output)", file: file, line: line)
            XCTAssertFalse(rapper.output.contains("Error") || rapper.output.contains("Warning"),
                           "\(name): rapper \(syntax): \(rapper.output)", file: file, line: line)
            XCTAssertEqual(InteropTests.firstNumber(after: "returned ", in: rapper.output), triples,
                           "\(name): rapper counts other triples in the \(syntax) file", file: file, line: line)
        }
    }
}
