import Foundation
import XCTest
import ParleyGraph
import ParleySerialization

/// The small graph in every format against files in `Golden/`. Run with
/// `PARLEY_RECORD_GOLDEN=1` to rewrite them; a test that had to record fails,
/// so a changed output is always looked at.
final class GoldenTests: XCTestCase {
    func testGraphML() throws {
        try assertGolden(GraphMLSerializer(ontology: TestGraphs.ontology), name: "small.graphml")
    }

    func testRDFXML() throws {
        try assertGolden(RDFXMLSerializer(ontology: TestGraphs.ontology), name: "small.rdf")
    }

    func testDOT() throws {
        try assertGolden(DOTSerializer(ontology: TestGraphs.ontology), name: "small.dot")
    }

    func testDOTWithEdgeLabelsAndWithoutMerging() throws {
        try assertGolden(DOTSerializer(ontology: TestGraphs.ontology, edgeLabels: true, mergeParallelEdges: false),
                         name: "small-labels.dot")
    }

    private func assertGolden(_ serializer: some GraphSerializer, name: String,
                              file: StaticString = #filePath, line: UInt = #line) throws {
        let folder = try TestGraphs.temporaryFolder("golden")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(name).path
        let report = try serializer.write(TestGraphs.small, to: path)
        let actual = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertEqual(report.bytesWritten, actual.count, file: file, line: line)
        XCTAssertEqual(report.replacedCharacters, 0, file: file, line: line)
        let golden = TestGraphs.packageRoot.appendingPathComponent("Tests/ParleySerializationTests/Golden/" + name)
        if ProcessInfo.processInfo.environment["PARLEY_RECORD_GOLDEN"] != nil
            || !FileManager.default.fileExists(atPath: golden.path) {
            try actual.write(to: golden)
            XCTFail("recorded \(golden.path); check it and run again", file: file, line: line)
            return
        }
        let expected = try Data(contentsOf: golden)
        if actual != expected {
            let actualText = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let expectedText = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let firstDifference = zip(actualText, expectedText).enumerated().first { $0.element.0 != $0.element.1 }
            XCTFail("\(name) differs from the golden file"
                    + (firstDifference.map { " at line \($0.offset + 1):\n  got      \($0.element.0)\n  expected \($0.element.1)" }
                       ?? " in length (\(actualText.count) vs \(expectedText.count) lines)")
                    + "\n(PARLEY_RECORD_GOLDEN=1 rewrites it)", file: file, line: line)
        }
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
