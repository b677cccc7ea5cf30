import Foundation
import XCTest
import ParleyGraph
import ParleySerialization

/// Hard strings, NaN and infinite numbers, extreme integers and parallel
/// edges: the output must stay well-formed and be the same on every run.
final class AdversarialTests: XCTestCase {
    private var serializers: [any GraphSerializer] {
        [GraphMLSerializer(ontology: TestGraphs.ontology, confidenceAsWeight: true),
         GraphMLSerializer(ontology: TestGraphs.ontology, yEd: true),
         RDFXMLSerializer(ontology: TestGraphs.ontology),
         DOTSerializer(ontology: TestGraphs.ontology, edgeLabels: true),
         DOTSerializer(ontology: TestGraphs.ontology, mergeParallelEdges: false)]
    }

    func testOutputIsByteIdenticalAcrossRuns() throws {
        let folder = try TestGraphs.temporaryFolder("repeat")
        defer { try? FileManager.default.removeItem(at: folder) }
        for (i, serializer) in serializers.enumerated() {
            let a = folder.appendingPathComponent("a\(i)").path, b = folder.appendingPathComponent("b\(i)").path
            let first = try serializer.write(TestGraphs.adversarial, to: a)
            let second = try serializer.write(TestGraphs.adversarial, to: b)
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: a)), try Data(contentsOf: URL(fileURLWithPath: b)),
                           "\(type(of: serializer).format)")
            XCTAssertEqual(first.bytesWritten, second.bytesWritten)
        }
    }

    func testReplacementsAndOmissionsAreCountedAndReported() throws {
        let folder = try TestGraphs.temporaryFolder("counts")
        defer { try? FileManager.default.removeItem(at: folder) }
        for serializer in serializers {
            let report = try serializer.write(TestGraphs.adversarial, to: folder.appendingPathComponent("out").path)
            XCTAssertGreaterThan(report.replacedCharacters, 0, "\(report.format)")
            XCTAssertTrue(report.warnings.contains { $0.contains("U+FFFD") }, "\(report.format): \(report.warnings)")
            if report.format != .dot {
                XCTAssertGreaterThan(report.omittedValues, 0, "\(report.format)")
            }
        }
    }

    func testXMLOutputsAreWellFormedForLibxml2() throws {
        try requireProgram("xmllint")
        let folder = try TestGraphs.temporaryFolder("wellformed")
        defer { try? FileManager.default.removeItem(at: folder) }
        for serializer in serializers where type(of: serializer).format != .dot {
            let path = folder.appendingPathComponent("out." + type(of: serializer).format.fileExtension).path
            _ = try serializer.write(TestGraphs.adversarial, to: path)
            let result = try TestGraphs.run(["xmllint", "--noout", "--nonet", path])
            XCTAssertEqual(result.status, 0, "\(path): \(result.output)")
        }
    }

    func testTextComesBackThroughLibxml2() throws {
        try requireProgram("xmllint")
        let folder = try TestGraphs.temporaryFolder("roundtrip")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("out.graphml").path
        _ = try GraphMLSerializer(ontology: TestGraphs.ontology).write(TestGraphs.adversarial, to: path)
        // The label of the node "& < > \" '" reads back unchanged.
        let result = try TestGraphs.run(["xmllint", "--nonet", "--xpath",
                                         "string(//*[local-name()='data'][@key='n_label'][1])", path])
        XCTAssertEqual(result.output.dropLastNewline, "& < > \" '")
        let cr = try TestGraphs.run(["xmllint", "--nonet", "--xpath",
                                     "string(//*[local-name()='data'][@key='e_evidence'][starts-with(., 'line')])", path])
        XCTAssertEqual(cr.output.dropLastNewline, "line\nbreak and\r\nCRLF")
    }

    func testDOTQuotesEverythingAndEscapesBackslashFirst() throws {
        let folder = try TestGraphs.temporaryFolder("dot")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("out.dot").path
        _ = try DOTSerializer(ontology: TestGraphs.ontology).write(TestGraphs.adversarial, to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(text.contains("label=\"trailing backslash \\\\\""), "a trailing \\ is doubled")
        XCTAssertTrue(text.contains("label=\"\\\\N \\\\G \\\\l escString\""))
        XCTAssertTrue(text.contains("label=\"line\\nbreak and\\nCRLF\""), "LF as \\n, CR dropped")
        XCTAssertTrue(text.contains("label=\"& < > \\\" '\""))
        XCTAssertTrue(text.contains("\"proposal/6-node\" ["))
        XCTAssertFalse(text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" })
        XCTAssertFalse(text.unicodeScalars.contains { $0.value == 0xFFFE || $0.value == 0xFFFF })
        if TestGraphs.isInstalled("gc") {
            let result = try TestGraphs.run(["gc", path])
            XCTAssertEqual(result.status, 0, result.output)
        }
    }

    private func requireProgram(_ name: String) throws {
        if !TestGraphs.isInstalled(name) {
            XCTFail("\(name) is not installed: run scripts/install-test-deps (Debian: apt-get install libxml2-utils)")
            throw XCTSkip("missing \(name)")
        }
    }
}

private extension String {
    /// xmllint --xpath ends its output with a newline.
    var dropLastNewline: String { hasSuffix("\n") ? String(dropLast()) : self }
}
