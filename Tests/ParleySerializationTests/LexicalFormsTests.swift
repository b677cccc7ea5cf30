import XCTest
@testable import ParleySerialization

final class LexicalFormsTests: XCTestCase {
    func testCanonicalDecimal() {
        let cases: [(Double, String?)] = [
            (0.82, "0.82"), (1, "1.0"), (0, "0.0"), (-0.0, "0.0"), (0.1 + 0.2, "0.30000000000000004"),
            (1e-7, "0.0000001"), (-2.5e-5, "-0.000025"), (1e21, "1000000000000000000000.0"),
            (123.456, "123.456"), (.nan, nil), (.infinity, nil), (-.infinity, nil),
        ]
        for (value, expected) in cases {
            XCTAssertEqual(LexicalForms.xsdDecimal(value), expected, "\(value)")
        }
    }

    func testXSDDouble() {
        XCTAssertEqual(LexicalForms.xsdDouble(.nan), "NaN")
        XCTAssertEqual(LexicalForms.xsdDouble(.infinity), "INF")
        XCTAssertEqual(LexicalForms.xsdDouble(-.infinity), "-INF")
        XCTAssertEqual(LexicalForms.xsdDouble(0.5), "0.5")
        XCTAssertEqual(Double(LexicalForms.xsdDouble(1e-7)), 1e-7)
    }

    func testPortableNCName() {
        for name in ["rejects", "negotiatesWith", "_x", "a.b-c_1"] { XCTAssertTrue(LexicalForms.isPortableNCName(name), name) }
        for name in ["", "0day", "-a", ".a", "a b", "a:b", "a/b", "é", "a%20"] {
            XCTAssertFalse(LexicalForms.isPortableNCName(name), name)
        }
        XCTAssertEqual(LexicalForms.sanitizedNCName("0day"), "r_0day")
        XCTAssertEqual(LexicalForms.sanitizedNCName("a/b c"), "a_b_c")
        XCTAssertEqual(LexicalForms.sanitizedNCName(""), "r_")
    }

    func testOutputFormats() {
        XCTAssertEqual(OutputFormat.rdfxml.cliName, "rdf")
        XCTAssertEqual(OutputFormat.defaults.map(\.defaultFileName), ["graph.graphml", "graph.rdf", "graph.dot"])
        XCTAssertEqual(OutputFormat.allCases.map(\.defaultFileName),
                       ["graph.graphml", "graph.rdf", "graph.dot", "graph.nt", "graph.ttl", "neo4j-nodes.csv",
                        "neo4j-relationships.csv"])
        XCTAssertEqual(OutputFormat(name: "RDF"), .rdfxml)
        XCTAssertEqual(OutputFormat.rdfxml.mediaType, "application/rdf+xml")
    }
}
