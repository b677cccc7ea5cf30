import Foundation
import XCTest
import ParleyGraph
import ParleyOntology
@testable import ParleySerialization

/// N-Triples, Turtle and the Neo4j CSV pair of the small graph against
/// files in `Golden/` (`PARLEY_RECORD_GOLDEN=1` rewrites them; a test that
/// had to record fails), and the escaping each format needs.
final class LineFormatsGoldenTests: XCTestCase {
    func testNTriples() throws {
        try assertGolden(NTriplesSerializer(ontology: TestGraphs.ontology), name: "small.nt")
    }

    func testTurtle() throws {
        try assertGolden(TurtleSerializer(ontology: TestGraphs.ontology), name: "small.ttl")
    }

    func testNeo4jNodes() throws {
        try assertGolden(Neo4jNodesCSVSerializer(ontology: TestGraphs.ontology), name: "small-neo4j-nodes.csv")
    }

    func testNeo4jRelationships() throws {
        try assertGolden(Neo4jRelationshipsCSVSerializer(ontology: TestGraphs.ontology),
                         name: "small-neo4j-relationships.csv")
    }

    /// Every format has a serializer and a distinct file name; the defaults
    /// are the three README promises.
    func testEveryFormatHasASerializerAndItsOwnFile() throws {
        XCTAssertEqual(Set(OutputFormat.allCases.map(\.defaultFileName)).count, OutputFormat.allCases.count)
        for format in OutputFormat.allCases {
            XCTAssertEqual(type(of: format.serializer(ontology: TestGraphs.ontology)).format, format)
        }
        XCTAssertEqual(OutputFormat.named("neo4j"), [.neo4jNodes, .neo4jRelationships])
        XCTAssertEqual(OutputFormat.named("TTL"), [.turtle])
        XCTAssertEqual(OutputFormat.named("all"), OutputFormat.allCases)
        XCTAssertNil(OutputFormat.named("xlsx"))
    }

    /// N-Triples keeps what RDF/XML cannot carry, escaped; one line per triple.
    func testNTriplesEscapesControlsQuotesAndBackslashes() throws {
        let text = try written(NTriplesSerializer(ontology: TestGraphs.ontology), TestGraphs.adversarial)
        for line in text.split(separator: "\n") {
            XCTAssertTrue(line.hasPrefix("<") && line.hasSuffix(" ."), String(line))
        }
        XCTAssertEqual(RDFLineSyntax.escaped("a\"b\\c\nd\re\tf\u{1}\u{7F}\u{FFFE}🙂"),
                       Array("a\\\"b\\\\c\\nd\\re\\tf\\u0001\\u007F\u{FFFD}🙂".utf8))
        XCTAssertEqual(String(decoding: RDFLineSyntax.iri("https://x.example/a b<c>"), as: UTF8.self),
                       "<https://x.example/a%20b%3Cc%3E>")
    }

    func testTurtleNamesAndShorthands() {
        XCTAssertTrue(TurtleNames.isLocalName("us-brokered-israel-lebanon-ceasefire"))
        XCTAssertTrue(TurtleNames.isLocalName("s%C3%A1"))
        XCTAssertTrue(TurtleNames.isLocalName("e12"))
        XCTAssertFalse(TurtleNames.isLocalName("-x"))
        XCTAssertFalse(TurtleNames.isLocalName("x."))
        XCTAssertFalse(TurtleNames.isLocalName("a/b"))
        XCTAssertFalse(TurtleNames.isLocalName("a~b"))
        XCTAssertFalse(TurtleNames.isLocalName("%4"))
    }

    /// Quotes doubled, line breaks flattened (neo4j-admin's default refuses
    /// multi-line fields), `;` kept out of array elements, non-finite
    /// numbers left out; every row has as many fields as the header.
    func testNeo4jCSVQuotingOnAdversarialStrings() throws {
        let graph = TestGraphs.adversarial
        let nodes = try written(Neo4jNodesCSVSerializer(ontology: TestGraphs.ontology), graph)
        let relationships = try written(Neo4jRelationshipsCSVSerializer(ontology: TestGraphs.ontology), graph)
        for (text, rows) in [(nodes, graph.nodeCount), (relationships, graph.edgeCount)] {
            let records = CSVRecords.parse(text)
            XCTAssertEqual(records.count, rows + 1)
            for record in records { XCTAssertEqual(record.count, records[0].count, "\(record)") }
            XCTAssertFalse(text.dropLast().contains("\r"))
            XCTAssertEqual(text.split(separator: "\n").count, rows + 1, "a field spans lines")
        }
        let folder = try TestGraphs.temporaryFolder("neo4j-report")
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = try Neo4jRelationshipsCSVSerializer(ontology: TestGraphs.ontology).write(
            graph, to: folder.appendingPathComponent("r.csv").path)
        XCTAssertGreaterThan(report.replacedCharacters, 0)
        XCTAssertFalse(report.warnings.isEmpty)
    }

    // MARK: Helpers

    func written(_ serializer: some GraphSerializer, _ graph: CorpusGraph) throws -> String {
        let folder = try TestGraphs.temporaryFolder("line-formats")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("out").path
        _ = try serializer.write(graph, to: path)
        return try String(contentsOfFile: path, encoding: .utf8)
    }
}

/// RFC 4180 records, as Python's `csv` module reads them.
enum CSVRecords {
    static func parse(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                record.append(field)
                field = ""
            } else if c == "\n" {
                record.append(field)
                records.append(record)
                record = []
                field = ""
            } else {
                field.append(c)
            }
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        return records
    }
}
