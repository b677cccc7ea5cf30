import XCTest
import ParleyXML
@testable import ParleyOntology

final class RDFXMLReaderTests: XCTestCase {
    let rdf = RDFNamespace.rdf
    let ex = "http://example.org/ns#"

    func triples(_ body: String, name: String = "test.rdf", doctype: String = "") throws -> [RDFTriple] {
        let xml = """
        <?xml version="1.0"?>\(doctype)
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
                 xmlns:ex="http://example.org/ns#" xml:base="http://example.org/base">
        \(body)
        </rdf:RDF>
        """
        return try RDFXMLReader.triples(in: XMLReader.parse(xml, name: name))
    }

    func statements(_ triples: [RDFTriple]) -> [String] { triples.map(\.description) }

    func testTypedNodeAndDescriptionWithRelativeAbout() throws {
        let result = try triples("""
          <ex:Thing rdf:about="#a"><ex:name>A</ex:name></ex:Thing>
          <rdf:Description rdf:about="b"><ex:knows rdf:resource="#a"/></rdf:Description>
          <rdf:Description rdf:about="http://other.org/c"/>
        """)
        XCTAssertEqual(statements(result), [
            "<http://example.org/base#a> <\(rdf)type> <\(ex)Thing> .",
            "<http://example.org/base#a> <\(ex)name> \"A\" .",
            "<http://example.org/b> <\(ex)knows> <http://example.org/base#a> .",
        ])
        XCTAssertEqual(result.map(\.line), [4, 4, 5])
    }

    func testRdfIDAndNestedXmlBase() throws {
        let result = try triples("""
          <ex:Thing rdf:ID="x" xml:base="http://example.org/dir/doc"><ex:p rdf:resource="other"/></ex:Thing>
        """)
        XCTAssertEqual(result[0].subject, .iri("http://example.org/dir/doc#x"))
        XCTAssertEqual(result[1].object, .iri("http://example.org/dir/other"))
    }

    func testLiteralsWithLanguageAndDatatype() throws {
        let result = try triples("""
          <rdf:Description rdf:about="#s" xml:lang="en">
            <ex:label>Truce</ex:label>
            <ex:label xml:lang="fr">Trêve</ex:label>
            <ex:plain xml:lang="">none</ex:plain>
            <ex:count rdf:datatype="http://www.w3.org/2001/XMLSchema#integer">60</ex:count>
            <ex:escaped>a &amp; b &lt; c</ex:escaped>
          </rdf:Description>
        """)
        XCTAssertEqual(result.map(\.object), [
            .literal("Truce", language: "en"),
            .literal("Trêve", language: "fr"),
            .literal("none"),
            .literal("60", datatype: "http://www.w3.org/2001/XMLSchema#integer"),
            .literal("a & b < c", language: "en"),
        ])
    }

    func testBlankNodesNodeIDAndNestedNodeElements() throws {
        let result = try triples("""
          <rdf:Description rdf:about="#s">
            <ex:p rdf:nodeID="n1"/>
            <ex:q><ex:Inner><ex:v>1</ex:v></ex:Inner></ex:q>
          </rdf:Description>
          <rdf:Description rdf:nodeID="n1"><ex:v>2</ex:v></rdf:Description>
        """, name: "blank.rdf")
        var graph = RDFGraph()
        graph.add(result, file: "blank.rdf")
        let subject = RDFTerm.iri("http://example.org/base#s")
        XCTAssertEqual(graph.objects(subject, ex + "p"), [.blank("blank.rdf#n1")])
        XCTAssertEqual(graph.literals(.blank("blank.rdf#n1"), ex + "v"), ["2"])
        let innerTerm = try XCTUnwrap(graph.objects(subject, ex + "q").first)
        guard case .blank(let inner) = innerTerm else { return XCTFail("expected a blank node") }
        XCTAssertEqual(graph.types(innerTerm), [ex + "Inner"])
        XCTAssertEqual(graph.literals(innerTerm, ex + "v"), ["1"])
        XCTAssertNotEqual(inner, "blank.rdf#n1")
    }

    func testParseTypeResourceAndCollection() throws {
        let result = try triples("""
          <rdf:Description rdf:about="#s">
            <ex:r rdf:parseType="Resource"><ex:v>1</ex:v></ex:r>
            <ex:list rdf:parseType="Collection">
              <rdf:Description rdf:about="#a"/>
              <rdf:Description rdf:about="#b"/>
            </ex:list>
            <ex:empty rdf:parseType="Collection"/>
          </rdf:Description>
        """)
        var graph = RDFGraph()
        graph.add(result, file: "test.rdf")
        let subject = RDFTerm.iri("http://example.org/base#s")
        let resource = graph.objects(subject, ex + "r")[0]
        XCTAssertEqual(graph.literals(resource, ex + "v"), ["1"])
        let list = graph.objects(subject, ex + "list")[0]
        XCTAssertEqual(graph.list(list), [.iri("http://example.org/base#a"), .iri("http://example.org/base#b")])
        XCTAssertEqual(graph.objects(subject, ex + "empty"), [.iri(rdf + "nil")])
    }

    func testPropertyAttributesTypeAttributeAndListItems() throws {
        let result = try triples("""
          <rdf:Description rdf:about="#s" ex:name="S" rdf:type="http://example.org/ns#T">
            <ex:p ex:inner="I"/>
            <rdf:li>one</rdf:li>
            <rdf:li>two</rdf:li>
          </rdf:Description>
        """)
        let predicates = result.map(\.predicate)
        XCTAssertEqual(predicates, [ex + "name", rdf + "type", ex + "p", ex + "inner", rdf + "_1", rdf + "_2"])
        XCTAssertEqual(result[1].object, .iri(ex + "T"))
        XCTAssertEqual(result[3].subject, result[2].object)
    }

    func testInternalEntitiesAreSubstitutedOnce() throws {
        let result = try triples("""
          <rdf:Description rdf:about="&ex;s"><ex:p rdf:resource="&ex;o"/><ex:t>&ex;t</ex:t></rdf:Description>
        """, doctype: "\n<!DOCTYPE rdf:RDF [<!ENTITY ex \"http://example.org/ns#\">]>")
        XCTAssertEqual(statements(result), [
            "<\(ex)s> <\(ex)p> <\(ex)o> .",
            "<\(ex)s> <\(ex)t> \"\(ex)t\" .",
        ])
    }

    func testNestedEntitiesAreRefused() {
        let doctype = "\n<!DOCTYPE rdf:RDF [<!ENTITY a \"x\"><!ENTITY b \"&a;&a;\">]>"
        XCTAssertThrowsError(try triples("<rdf:Description rdf:about=\"&b;\"/>", doctype: doctype)) { error in
            guard case OntologyError.invalidRDF(let file, let line, _)? = error as? OntologyError else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(file, "test.rdf")
            XCTAssertEqual(line, 5)
        }
    }

    func testUnsupportedConstructsNameTheLine() {
        let cases = [
            "<rdf:Description rdf:about=\"#s\">\n<ex:p rdf:parseType=\"Literal\"><b/></ex:p></rdf:Description>",
            "<rdf:Description rdf:about=\"#s\">\n<ex:p rdf:ID=\"r\">x</ex:p></rdf:Description>",
            "<rdf:Description rdf:about=\"#s\">\n<ex:p about=\"x\"/></rdf:Description>",
            "<rdf:Description rdf:about=\"#s\">\n<ex:p><ex:A/><ex:B/></ex:p></rdf:Description>",
            "<rdf:Description rdf:about=\"#s\" rdf:nodeID=\"x\">\n</rdf:Description>",
        ]
        for body in cases {
            XCTAssertThrowsError(try triples(body), body) { error in
                guard case OntologyError.invalidRDF(_, let line, let message)? = error as? OntologyError else {
                    return XCTFail("\(error)")
                }
                XCTAssertTrue(line == 4 || line == 5, "\(line): \(message)")
            }
        }
    }

    func testSingleNodeElementRoot() throws {
        let xml = "<ex:T xmlns:ex=\"http://example.org/ns#\" xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" rdf:about=\"http://a/b\"/>"
        let result = try RDFXMLReader.triples(in: XMLReader.parse(xml, name: "one.rdf"))
        XCTAssertEqual(statements(result), ["<http://a/b> <\(rdf)type> <\(ex)T> ."])
    }

    func testIRIResolution() {
        let base = "http://a/b/c/d;p?q#frag"
        XCTAssertEqual(IRIResolver.resolve("g", against: base), "http://a/b/c/g")
        XCTAssertEqual(IRIResolver.resolve("./g", against: base), "http://a/b/c/g")
        XCTAssertEqual(IRIResolver.resolve("g/", against: base), "http://a/b/c/g/")
        XCTAssertEqual(IRIResolver.resolve("/g", against: base), "http://a/g")
        XCTAssertEqual(IRIResolver.resolve("//g", against: base), "http://g")
        XCTAssertEqual(IRIResolver.resolve("#s", against: base), "http://a/b/c/d;p?q#s")
        XCTAssertEqual(IRIResolver.resolve("", against: base), "http://a/b/c/d;p?q")
        XCTAssertEqual(IRIResolver.resolve("../g", against: base), "http://a/b/g")
        XCTAssertEqual(IRIResolver.resolve("../../g", against: base), "http://a/g")
        XCTAssertEqual(IRIResolver.resolve("urn:x:y", against: base), "urn:x:y")
        XCTAssertEqual(IRIResolver.resolve("#Actor", against: "https://w3id.org/parley/ontology"),
                       "https://w3id.org/parley/ontology#Actor")
    }

    func testReadsAllRealOntologyFiles() throws {
        for file in try OntologyLoader.rdfFiles(in: OntologyLoaderTests.directory) {
            XCTAssertFalse(try RDFXMLReader.read(contentsOf: file).isEmpty, file)
        }
    }
}
