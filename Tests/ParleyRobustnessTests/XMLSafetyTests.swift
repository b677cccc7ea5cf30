import Foundation
import XCTest
import ParleyOntology
import ParleyXML

/// Issue 5, XML read through libxml2: no network, no external DTD or
/// entity (no XXE), bounded entity expansion, and a malformed ontology named
/// by file, line and problem. Complements Tests/ParleyXMLTests with the
/// attacks those do not cover, through both the XML reader and the RDF/XML
/// reader that substitutes entities.
final class XMLSafetyTests: XCTestCase {
    let rdf = "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:x=\"urn:x#\""

    func parseOrError(_ xml: String, name: String = "t.rdf") -> Result<XMLTree, XMLError> {
        Result { () throws(XMLError) in try XMLReader.parse(xml, name: name) }
    }

    /// An external DTD next to the document defines an entity; loading it
    /// would let `&leak;` expand. It must stay unexpanded or be an error.
    func testExternalDTDOnDiskIsNotLoaded() throws {
        let scratch = try Scratch("dtd")
        try scratch.file("evil.dtd", "<!ENTITY leak \"LEAKED-FROM-DTD\">")
        let document = try scratch.file("doc.xml", """
        <?xml version="1.0"?>
        <!DOCTYPE r SYSTEM "evil.dtd">
        <r a="x">&leak;</r>
        """)
        switch Result(catching: { () throws(XMLError) in try XMLReader.parse(contentsOf: document) }) {
        case .success(let tree):
            XCTAssertEqual(tree.root.children, [.entityReference("leak")])
            XCTAssertTrue(tree.internalEntities.isEmpty)
        case .failure(let error):
            XCTAssertFalse(error.description.contains("LEAKED"), error.description)
        }
    }

    /// Parameter entities (`%p;`) that pull a local file or a DTD: never read.
    func testParameterEntityToALocalFileIsNotRead() throws {
        let scratch = try Scratch("pe")
        let secret = try scratch.file("secret.txt", "TOPSECRET")
        try scratch.file("pe.dtd", "<!ENTITY leak SYSTEM \"file://\(secret)\">")
        let xml = """
        <?xml version="1.0"?>
        <!DOCTYPE r [<!ENTITY % remote SYSTEM "file://\(scratch.path("pe.dtd"))"> %remote;
          <!ENTITY % file SYSTEM "file://\(secret)">]>
        <r>&leak;</r>
        """
        switch parseOrError(xml) {
        case .success(let tree):
            XCTAssertFalse("\(tree)".contains("TOPSECRET"))
        case .failure(let error):
            XCTAssertFalse(error.description.contains("TOPSECRET"))
        }
    }

    /// XInclude is not processed: an `xi:include` of /etc/passwd stays an element.
    func testXIncludeIsNotProcessed() throws {
        let xml = """
        <r xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="/etc/passwd" parse="text"/></r>
        """
        let tree = try parseOrError(xml).get()
        XCTAssertEqual(tree.root.elements.map(\.localName), ["include"])
        XCTAssertEqual(tree.root.elements[0].children, [])
        XCTAssertEqual(tree.root.text, "")
    }

    /// An XXE through the RDF/XML reader (the ontology path): the entity is
    /// external, so it is refused with the file and line, never read.
    func testExternalEntityThroughTheRDFReaderIsRefusedWithItsLine() throws {
        let scratch = try Scratch("xxe-rdf")
        let path = try scratch.file("x.rdf", """
        <?xml version="1.0"?>
        <!DOCTYPE rdf:RDF [<!ENTITY e SYSTEM "file:///etc/passwd">]>
        <rdf:RDF \(rdf)>
          <rdf:Description rdf:about="urn:a">
            <x:p>&e;</x:p>
          </rdf:Description>
        </rdf:RDF>
        """)
        do {
            let triples = try RDFXMLReader.read(contentsOf: path)
            XCTFail("read \(triples)")
        } catch {
            XCTAssertEqual(error.file, path)
            XCTAssertEqual(error.line, 5)
            XCTAssertFalse(error.description.contains("root:"), error.description)
        }
    }

    /// Billion laughs through the RDF/XML reader: nested entities are refused.
    func testBillionLaughsThroughTheRDFReaderIsRefused() throws {
        var xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE rdf:RDF [\n<!ENTITY lol \"lol\">\n"
        for level in 1...9 {
            xml += "<!ENTITY lol\(level) \"\(String(repeating: "&lol\(level == 1 ? "" : String(level - 1));", count: 10))\">\n"
        }
        xml += "]>\n<rdf:RDF \(rdf)><rdf:Description rdf:about=\"urn:a\" x:p=\"&lol9;\"><x:q>&lol9;</x:q></rdf:Description></rdf:RDF>\n"
        let start = Date()
        let tree: XMLTree
        switch parseOrError(xml, name: "lol.rdf") {
        case .failure(let error):
            XCTAssertEqual(error.file, "lol.rdf")
            return
        case .success(let parsed):
            tree = parsed
        }
        XCTAssertThrowsError(try RDFXMLReader.triples(in: tree)) { error in
            XCTAssertTrue("\(error)".contains("lol.rdf:"), "\(error)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
    }

    /// The "quadratic blowup" variant: one large entity, referenced many
    /// times. Expansion is bounded by 4 KiB per reference, and the time to
    /// read grows linearly with the number of references.
    func testOneLargeEntityReferencedManyTimesStaysLinear() throws {
        func document(_ references: Int) -> String {
            let big = String(repeating: "a", count: 4000)
            return "<!DOCTYPE rdf:RDF [<!ENTITY big \"\(big)\">]>\n<rdf:RDF \(rdf)><rdf:Description rdf:about=\"urn:a\">"
                + "<x:p>" + String(repeating: "&big;", count: references) + "</x:p></rdf:Description></rdf:RDF>"
        }
        var times: [Double] = []
        for n in [250, 1000] {
            let xml = document(n)
            var total = 0
            times.append(seconds {
                let triples = try? RDFXMLReader.triples(in: XMLReader.parse(xml, name: "big.rdf"))
                total = triples?.first?.object.literal?.utf8.count ?? 0
            })
            XCTAssertEqual(total, 4000 * n)
        }
        XCTAssertLessThan(times[1], max(times[0], 0.05) * 8, "\(times)")
    }

    /// A small file whose references together expand past the reader's
    /// total budget (8 MiB per document; each reference stays under the
    /// 4 KiB cap): an error naming the file and the line, quickly.
    func testTotalEntityExpansionIsCappedPerDocument() throws {
        let references = (8 << 20) / 4000 + 10
        let xml = "<!DOCTYPE rdf:RDF [<!ENTITY big \"\(String(repeating: "a", count: 4000))\">]>\n<rdf:RDF \(rdf)>\n"
            + "<rdf:Description rdf:about=\"urn:a\">\n<x:p>" + String(repeating: "&big;", count: references)
            + "</x:p></rdf:Description></rdf:RDF>"
        let scratch = try Scratch("expansion")
        let path = try scratch.file("expands.rdf", xml)
        let start = Date()
        do {
            let triples = try RDFXMLReader.read(contentsOf: path)
            XCTFail("\(triples.count) triples read")
        } catch {
            XCTAssertEqual(error.file, path)
            XCTAssertEqual(error.line, 4)
            XCTAssertTrue(error.description.hasPrefix("\(path):4:"), error.description)
            XCTAssertTrue(error.description.contains("more than 8 MiB"), error.description)
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
        // The same references spread over two documents are within budget.
        let half = xml.replacingOccurrences(of: String(repeating: "&big;", count: references),
                                            with: String(repeating: "&big;", count: references / 2))
        XCTAssertEqual(try RDFXMLReader.triples(in: XMLReader.parse(half, name: "half.rdf")).count, 1)
    }

    /// Many distinct entities in one attribute: the time must grow linearly
    /// with their number. (RDFXMLReader.expand makes one pass over the
    /// whole value per distinct name: quadratic; see docs/BAD_INPUT.md.)
    func testManyDistinctEntitiesInOneAttribute() throws {
        func document(_ count: Int) -> String {
            var xml = "<!DOCTYPE rdf:RDF ["
            for i in 0..<count { xml += "<!ENTITY e\(i) \"v\(i)\">" }
            xml += "]>\n<rdf:RDF \(rdf)><rdf:Description rdf:about=\"urn:a\" x:p=\""
            for i in 0..<count { xml += "&e\(i);" }
            return xml + "\"/></rdf:RDF>"
        }
        var times: [Double] = []
        var parseTimes: [Double] = []
        for count in [300, 600, 1200] {
            let xml = document(count)
            var tree: XMLTree?
            parseTimes.append(try seconds(repeats: 1) { tree = try XMLReader.parse(xml, name: "many.rdf") })
            times.append(try seconds(repeats: 1) {
                let triples = try RDFXMLReader.triples(in: tree!)
                XCTAssertEqual(triples.first?.object.literal?.hasPrefix("v0v1v2"), true)
            })
            if times.count > 1, times[times.count - 1] / max(times[times.count - 2], 0.05) >= 3 {
                return XCTFail("entity substitution is not linear in the number of entities: RDFXMLReader \(times) s, "
                    + "XMLReader.parse \(parseTimes) s")
            }
        }
    }

    /// Deep nesting is refused by libxml2's depth limit (257 elements in
    /// libxml2 2.9 without XML_PARSE_HUGE) with an error naming the file.
    func testDeepNestingIsAnErrorNotAStackOverflow() {
        let depth = 100_000
        let xml = String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
        switch parseOrError(xml, name: "deep.xml") {
        case .success:
            XCTFail("a document \(depth) deep was accepted")
        case .failure(let error):
            guard case .malformed(let file, let line, _, let message) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(file, "deep.xml")
            XCTAssertEqual(line, 1)
            XCTAssertFalse(message.isEmpty)
        }
    }

    /// The deepest documents libxml2 accepts are copied into Swift values
    /// without recursion (XMLTreeBuilder.element): they fit a 512 KiB
    /// stack, the size of a secondary thread on macOS, where the ontology
    /// files are parsed (OntologyLoader.readConcurrently), even with the
    /// larger frames of AddressSanitizer.
    func testDeepestAcceptedDocumentFitsASmallThreadStack() throws {
        func nested(_ depth: Int) -> String {
            String(repeating: "<a x=\"1\">t&e;", count: depth) + "<![CDATA[c]]>" + String(repeating: "</a>", count: depth)
        }
        // libxml2 2.9 refuses a document more than 257 elements deep
        // (xmlParserMaxDepth without XML_PARSE_HUGE); 2.12 and later allow more.
        var accepted = 0
        for depth in [250, 257, 258, 512, 2048] {
            guard (try? XMLReader.parse("<!DOCTYPE a [<!ENTITY e \"v\">]>" + nested(depth), name: "d.xml")) != nil else { break }
            accepted = depth
        }
        XCTAssertGreaterThanOrEqual(accepted, 250)
        let deepest = accepted
        let document = "<!DOCTYPE a [<!ENTITY e \"v\">]>" + nested(deepest)
        let done = expectation(description: "parsed on a thread")
        let result = DepthBox()
        let thread = Thread {
            if let tree = try? XMLReader.parse(document, name: "deepest.xml") {
                var depth = 0
                var element: XMLElement? = tree.root
                while let current = element {
                    depth += 1
                    if depth == deepest {
                        result.innermost = current
                    }
                    element = current.elements.first
                }
                result.depth = depth
            }
            done.fulfill()
        }
        thread.stackSize = 512 << 10
        thread.start()
        wait(for: [done], timeout: 60)
        XCTAssertEqual(result.depth, deepest)
        let innermost = XMLElement(namespaceURI: nil, localName: "a",
                                   attributes: [XMLAttribute(namespaceURI: nil, localName: "x", value: "1")],
                                   children: [.text("t"), .entityReference("e"), .text("c")], line: 1)
        XCTAssertEqual(result.innermost, innermost)
    }

    /// A DOCTYPE pointing at an unroutable address returns at once: no
    /// network, whatever the document asks.
    func testNoNetworkThroughTheRDFReader() throws {
        let xml = """
        <?xml version="1.0"?>
        <!DOCTYPE rdf:RDF PUBLIC "-//x//y" "http://10.255.255.1/x.dtd" [<!ENTITY n SYSTEM "https://10.255.255.1/n">]>
        <rdf:RDF \(rdf)><rdf:Description rdf:about="urn:a"><x:p>&n;</x:p></rdf:Description></rdf:RDF>
        """
        let start = Date()
        _ = try? RDFXMLReader.triples(in: XMLReader.parse(xml, name: "net.rdf"))
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
    }

    /// Text that is not UTF-8 in an ontology file, bytes that XML forbids,
    /// and a truncated file: errors with file, line and message.
    func testMalformedOntologyFilesNameFileLineAndProblem() throws {
        let cases: [(String, [UInt8], Int)] = [
            ("truncated.rdf", Array("<?xml version=\"1.0\"?>\n<rdf:RDF \(rdf)>\n<rdf:Description rdf:about=\"urn:a\">\n".utf8), 4),
            ("control.rdf", Array("<?xml version=\"1.0\"?>\n<rdf:RDF \(rdf)>\n<x:a>\u{1}</x:a></rdf:RDF>".utf8), 3),
            ("latin1.rdf", Array("<?xml version=\"1.0\"?>\n<rdf:RDF \(rdf)>\n<x:a>caf".utf8) + [0xE9] + Array("</x:a></rdf:RDF>".utf8), 3),
            ("nul.rdf", Array("<?xml version=\"1.0\"?>\n<r>\n\n<a>".utf8) + [0] + Array("</a></r>".utf8), 4),
        ]
        let scratch = try Scratch("malformed")
        for (name, bytes, line) in cases {
            let path = try scratch.file(name, bytes)
            do {
                _ = try RDFXMLReader.read(contentsOf: path)
                XCTFail("\(name) was read")
            } catch {
                XCTAssertEqual(error.file, path, name)
                XCTAssertEqual(error.line, line, "\(name): \(error)")
                XCTAssertTrue(error.description.hasPrefix("\(path):\(line):"), error.description)
            }
        }
    }

    /// The whole loader: a directory with a broken lexicon file names it.
    func testOntologyLoaderNamesTheBrokenFile() throws {
        let scratch = try Scratch("loader")
        try FileManager.default.copyItem(atPath: Tools.root.appendingPathComponent("ontology/parley.rdf").path,
                                         toPath: scratch.path("parley.rdf"))
        let broken = try scratch.file("lexicon/broken.rdf", "<?xml version=\"1.0\"?>\n<rdf:RDF \(rdf)>\n  <x:a>\n</rdf:RDF>\n")
        XCTAssertThrowsError(try OntologyLoader.load(from: scratch.path)) { error in
            let error = error as! OntologyError
            XCTAssertEqual(error.file, broken)
            XCTAssertEqual(error.line, 4)
            XCTAssertTrue(error.description.hasPrefix("\(broken):4:"), error.description)
        }
    }
}

/// What the small-stack thread found, read after it finished.
final class DepthBox: @unchecked Sendable {
    var depth = 0
    var innermost: XMLElement?
}

extension Result where Failure == XMLError {
    init(catching body: () throws(XMLError) -> Success) {
        do { self = .success(try body()) } catch { self = .failure(error) }
    }
}
