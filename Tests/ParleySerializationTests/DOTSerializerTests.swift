import Foundation
import XCTest
import ParleyGraph
import ParleySerialization

final class DOTSerializerTests: XCTestCase {
    private func dot(_ graph: CorpusGraph, _ serializer: DOTSerializer) throws -> (String, SerializationReport) {
        let folder = try TestGraphs.temporaryFolder("dot")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("graph.dot").path
        let report = try serializer.write(graph, to: path)
        return (try String(contentsOfFile: path, encoding: .utf8), report)
    }

    func testBigGraphsGetFastLayoutSettingsAndAWarning() throws {
        let (small, smallReport) = try dot(TestGraphs.small, DOTSerializer(ontology: TestGraphs.ontology))
        XCTAssertFalse(small.contains("nslimit"))
        XCTAssertTrue(smallReport.warnings.isEmpty, "\(smallReport.warnings)")

        let (big, report) = try dot(TestGraphs.synthetic(nodes: 400, edges: 600), DOTSerializer(ontology: TestGraphs.ontology))
        for setting in ["nslimit=\"1\"", "nslimit1=\"1\"", "mclimit=\"0.1\"", "splines=\"line\""] {
            XCTAssertTrue(big.contains(setting), setting)
        }
        XCTAssertTrue(big.contains("// For big graphs (hundreds of nodes) use sfdp"))
        XCTAssertTrue(report.warnings.contains { $0.contains("400 nodes") && $0.contains("sfdp") }, "\(report.warnings)")
    }

    func testMaxNodesKeepsTheMostMentionedAndTheEdgesBetweenThem() throws {
        let (text, report) = try dot(TestGraphs.small, DOTSerializer(ontology: TestGraphs.ontology, maxNodes: 3))
        // Israel (4 mentions), then Hezbollah and the ceasefire (3 each).
        XCTAssertEqual(report.nodes, 3)
        XCTAssertTrue(text.contains("\"entity/israel\" ["))
        XCTAssertTrue(text.contains("\"entity/hezbollah\" ["))
        XCTAssertTrue(text.contains("\"proposal/us-brokered-israel-lebanon-ceasefire\" ["))
        XCTAssertFalse(text.contains("amos-hochstein"))
        XCTAssertEqual(report.edges, 4) // two rejects, accepts, negotiatesWith
        XCTAssertTrue(report.warnings.contains { $0.contains("keeps the 3 most mentioned of 5 nodes") })
    }

    func testParallelEdgesAreMergedUnlessAskedNotTo() throws {
        let (merged, _) = try dot(TestGraphs.small, DOTSerializer(ontology: TestGraphs.ontology))
        let (separate, _) = try dot(TestGraphs.small, DOTSerializer(ontology: TestGraphs.ontology, mergeParallelEdges: false))
        let line = "\"entity/hezbollah\" -> \"proposal/us-brokered-israel-lebanon-ceasefire\""
        XCTAssertEqual(merged.components(separatedBy: line).count - 1, 1)
        XCTAssertEqual(separate.components(separatedBy: line).count - 1, 2)
        XCTAssertTrue(merged.contains("penwidth=\"2\""))
    }

    func testUnlinkedNodesAreGatheredInACluster() throws {
        var nodes = Array(TestGraphs.small.nodes)
        for i in 0..<5 {
            nodes.append(Node(key: NodeKey(rawValue: "entity/lonely-\(i)"), type: .organization, label: "Lonely \(i)"))
        }
        let graph = CorpusGraph(documents: TestGraphs.small.documents, nodes: nodes, edges: TestGraphs.small.edges)
        let (text, _) = try dot(graph, DOTSerializer(ontology: TestGraphs.ontology))
        XCTAssertTrue(text.contains("subgraph \"cluster_unlinked\""))
        // Five nodes make a 3-row grid: rows of chained invisible edges.
        XCTAssertTrue(text.contains("\"entity/lonely-0\" -> \"entity/lonely-3\" [style=\"invis\"];"))
        if TestGraphs.isInstalled("dot") {
            let folder = try TestGraphs.temporaryFolder("dot-render")
            defer { try? FileManager.default.removeItem(at: folder) }
            let path = folder.appendingPathComponent("g.dot").path
            try text.write(toFile: path, atomically: false, encoding: .utf8)
            let result = try TestGraphs.run(["dot", "-Tsvg", path, "-o", path + ".svg"])
            XCTAssertEqual(result.status, 0, result.output)
        }
    }

    func testLegendIdsNeverCollideWithNodeKeys() throws {
        var nodes = Array(TestGraphs.small.nodes)
        nodes.append(Node(key: NodeKey(rawValue: "legend:type:Actor"), type: .actor, label: "Impostor"))
        let graph = CorpusGraph(documents: TestGraphs.small.documents, nodes: nodes, edges: TestGraphs.small.edges)
        let (text, _) = try dot(graph, DOTSerializer(ontology: TestGraphs.ontology))
        XCTAssertTrue(text.contains("\"_legend:type:Actor\" [label=\"Actor\""))
        XCTAssertTrue(text.contains("\"legend:type:Actor\" [label=\"Impostor\""))
    }
}
