import Foundation
import XCTest
import ParleyGraph
import ParleySerialization

/// The small graph in every format against files in `Golden/`. Run with
/// `PARLEY_RECORD_GOLDEN=1` to rewrite them; a test that had to record fails,
/// so a changed output is always looked at.
final class GoldenTests: XCTestCase {
    func testGraphML() throws {
        try assertGolden(GraphMLSerializer(ontology: TestGraphs.ontology), name: "small.graphml", noReplacements: true)
    }

    func testRDFXML() throws {
        try assertGolden(RDFXMLSerializer(ontology: TestGraphs.ontology), name: "small.rdf", noReplacements: true)
    }

    func testDOT() throws {
        try assertGolden(DOTSerializer(ontology: TestGraphs.ontology), name: "small.dot", noReplacements: true)
    }

    func testDOTWithEdgeLabelsAndWithoutMerging() throws {
        try assertGolden(DOTSerializer(ontology: TestGraphs.ontology, edgeLabels: true, mergeParallelEdges: false),
                         name: "small-labels.dot", noReplacements: true)
    }
}

final class YEdFlavourTests: XCTestCase {
    /// The yEd flavour adds yFiles graphics and keeps every plain column.
    func testYEdFlavourAddsGraphicsAndKeepsColumns() throws {
        let folder = try TestGraphs.temporaryFolder("yed")
        defer { try? FileManager.default.removeItem(at: folder) }
        let plain = folder.appendingPathComponent("plain.graphml").path
        let yed = folder.appendingPathComponent("yed.graphml").path
        _ = try GraphMLSerializer(ontology: TestGraphs.ontology).write(TestGraphs.small, to: plain)
        _ = try GraphMLSerializer(ontology: TestGraphs.ontology, yEd: true).write(TestGraphs.small, to: yed)
        let plainText = try String(contentsOfFile: plain, encoding: .utf8)
        let yedText = try String(contentsOfFile: yed, encoding: .utf8)
        XCTAssertFalse(plainText.contains("yworks"))
        XCTAssertTrue(yedText.contains("xmlns:y=\"http://www.yworks.com/xml/graphml\""))
        XCTAssertTrue(yedText.contains("<y:NodeLabel>Hezbollah</y:NodeLabel><y:Shape type=\"rectangle\"/>"))
        XCTAssertTrue(yedText.contains("<y:EdgeLabel>rejects</y:EdgeLabel>"))
        XCTAssertTrue(yedText.contains("<y:Arrows source=\"none\" target=\"none\"/><y:EdgeLabel>negotiatesWith"))
        let stripped = yedText.split(separator: "\n").filter { !$0.contains("yfiles") }.joined(separator: "\n")
            .replacingOccurrences(of: " xmlns:y=\"http://www.yworks.com/xml/graphml\"", with: "")
        XCTAssertEqual(stripped + "\n", plainText)
    }
}
