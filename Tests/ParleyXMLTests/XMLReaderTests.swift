import XCTest
@testable import ParleyXML

final class XMLReaderTests: XCTestCase {
    func testNamespacesAttributesTextAndLines() throws {
        let xml = """
        <?xml version="1.0"?>
        <r:root xmlns:r="urn:r" xmlns="urn:default" xml:lang="en">
          <item r:id="1" plain="a &amp; b">Hello <![CDATA[<world>]]> &#233;</item>
          <!-- a comment -->
          <empty/>
        </r:root>
        """
        let tree = try XMLReader.parse(xml, name: "inline.xml")
        XCTAssertEqual(tree.name, "inline.xml")
        XCTAssertEqual(tree.root.localName, "root")
        XCTAssertEqual(tree.root.namespaceURI, "urn:r")
        XCTAssertEqual(tree.root.prefix, "r")
        XCTAssertEqual(tree.root.qualifiedName, "r:root")
        XCTAssertEqual(tree.root.line, 2)
        XCTAssertEqual(tree.root.value(of: "lang", namespace: XMLNamespace.xml), "en")
        let elements = tree.root.elements
        XCTAssertEqual(elements.map(\.localName), ["item", "empty"])
        let item = elements[0]
        XCTAssertEqual(item.namespaceURI, "urn:default")
        XCTAssertEqual(item.expandedName, "urn:defaultitem")
        XCTAssertEqual(item.line, 3)
        XCTAssertEqual(item.value(of: "id", namespace: "urn:r"), "1")
        XCTAssertNil(item.value(of: "id"))
        XCTAssertEqual(item.value(of: "plain"), "a & b")
        XCTAssertEqual(item.text, "Hello <world> é")
        XCTAssertEqual(elements[1].line, 5)
        XCTAssertTrue(elements[1].children.isEmpty)
    }

    func testParsesFileAndReportsUnreadable() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("parley-xml-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("a.xml").path
        try "<a><b/></a>".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertEqual(try XMLReader.parse(contentsOf: path).root.elements.first?.localName, "b")

        XCTAssertThrowsError(try XMLReader.parse(contentsOf: dir.appendingPathComponent("missing.xml").path)) { error in
            guard case XMLError.unreadable(let file, _)? = error as? XMLError else { return XCTFail("\(error)") }
            XCTAssertTrue(file.hasSuffix("missing.xml"))
        }
        XCTAssertThrowsError(try XMLReader.parse(contentsOf: dir.path)) { error in
            guard case XMLError.unreadable? = error as? XMLError else { return XCTFail("\(error)") }
        }
    }

    func testMalformedInputGivesFileLineAndMessage() {
        let xml = "<a>\n  <b>\n  </c>\n</a>\n"
        XCTAssertThrowsError(try XMLReader.parse(xml, name: "broken.xml")) { error in
            guard case XMLError.malformed(let file, let line, _, let message)? = error as? XMLError else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(file, "broken.xml")
            XCTAssertEqual(line, 3)
            XCTAssertFalse(message.isEmpty)
            XCTAssertTrue((error as! XMLError).description.hasPrefix("broken.xml:3:"))
        }
    }

    func testUndeclaredNamespacePrefixIsAnError() {
        XCTAssertThrowsError(try XMLReader.parse("<a>\n<x:b/></a>", name: "ns.xml")) { error in
            guard case XMLError.malformed(_, let line, _, _)? = error as? XMLError else { return XCTFail("\(error)") }
            XCTAssertEqual(line, 2)
        }
    }

    func testEmptyInput() {
        XCTAssertThrowsError(try XMLReader.parse("", name: "empty.xml")) { error in
            XCTAssertEqual(error as? XMLError, .empty(file: "empty.xml"))
        }
    }

    func testExternalEntityIsNeverRead() throws {
        let xml = """
        <?xml version="1.0"?>
        <!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
        <x a="1">&e;</x>
        """
        do {
            let tree = try XMLReader.parse(xml, name: "xxe.xml")
            XCTAssertFalse(tree.root.text.contains("root:"))
            XCTAssertEqual(tree.root.children, [.entityReference("e")])
            XCTAssertTrue(tree.internalEntities.isEmpty)
        } catch {
            XCTAssertFalse(error.description.contains("root:"))
        }
    }

    func testExternalEntityInAttributeIsRejected() {
        let xml = """
        <!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
        <x a="&e;"/>
        """
        XCTAssertThrowsError(try XMLReader.parse(xml, name: "xxe-attr.xml")) { error in
            XCTAssertFalse("\(error)".contains("root:"))
        }
    }

    func testNoNetworkForExternalDTDOrEntity() throws {
        let xml = """
        <?xml version="1.0"?>
        <!DOCTYPE x SYSTEM "http://192.0.2.1/evil.dtd" [<!ENTITY e SYSTEM "http://192.0.2.1/e.txt">]>
        <x>&e;</x>
        """
        let start = Date()
        _ = try? XMLReader.parse(xml, name: "net.xml")
        XCTAssertLessThan(Date().timeIntervalSince(start), 5, "the parser must not try to reach the network")
    }

    func testBillionLaughsIsNotExpanded() {
        var xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n"
        xml += "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
        for level in 2...9 {
            let previous = "&lol\(level - 1);"
            xml += "<!ENTITY lol\(level) \"\(String(repeating: previous, count: 10))\">\n"
        }
        xml += "]>\n<lolz a=\"&lol9;\">&lol9;</lolz>\n"
        let start = Date()
        do {
            let tree = try XMLReader.parse(xml, name: "lol.xml")
            XCTAssertEqual(tree.root.children, [.entityReference("lol9")])
            XCTAssertLessThan(tree.root.value(of: "a")?.count ?? 0, 100)
        } catch {
            guard case .malformed(let file, _, _, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(file, "lol.xml")
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
    }

    func testInternalEntitiesAreKeptUnexpandedAndDeclared() throws {
        let xml = """
        <!DOCTYPE rdf [<!ENTITY parley "https://w3id.org/parley/ontology#">]>
        <r about="&parley;Actor">&parley;x</r>
        """
        let tree = try XMLReader.parse(xml, name: "ent.xml")
        XCTAssertEqual(tree.internalEntities, [XMLEntityDeclaration(name: "parley", value: "https://w3id.org/parley/ontology#")])
        XCTAssertEqual(tree.internalEntity(named: "parley"), "https://w3id.org/parley/ontology#")
        let about = tree.root.attribute("about")
        XCTAssertEqual(about?.value, "&parley;Actor")
        XCTAssertEqual(about?.entityReferences, ["parley"])
        XCTAssertEqual(tree.root.children, [.entityReference("parley"), .text("x")])
    }

    func testParsingIsSafeFromSeveralThreads() async throws {
        try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<8 {
                group.addTask {
                    if index.isMultiple(of: 2) {
                        return try XMLReader.parse("<a><b/><b/></a>", name: "ok\(index)").root.elements.count
                    }
                    do {
                        _ = try XMLReader.parse("<a>\n<b></a>", name: "bad\(index)")
                        return -1
                    } catch let error as XMLError {
                        return error.file == "bad\(index)" ? 2 : -2
                    }
                }
            }
            for try await count in group { XCTAssertEqual(count, 2) }
        }
    }
}
