import XCTest
import ParleyGraph
import ParleyXML
@testable import ParleyOntology

/// Every load error names what and where, on small ontologies in a
/// temporary directory.
final class OntologyErrorTests: XCTestCase {
    var directory = ""

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("parley-onto-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory + "/lexicon", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: OntologyLoaderTests.directory + "/parley.rdf", toPath: directory + "/parley.rdf")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func write(_ name: String, _ body: String) throws {
        let xml = """
        <?xml version="1.0"?>
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
                 xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#"
                 xmlns:owl="http://www.w3.org/2002/07/owl#"
                 xmlns:skos="http://www.w3.org/2004/02/skos/core#"
                 xmlns:parley="https://w3id.org/parley/ontology#"
                 xml:base="https://w3id.org/parley/lexicon">
        \(body)
        </rdf:RDF>
        """
        try xml.write(toFile: directory + "/" + name, atomically: true, encoding: .utf8)
    }

    func loadError() -> OntologyError? {
        do {
            _ = try OntologyLoader.load(from: directory)
            return nil
        } catch {
            return error
        }
    }

    func testOntologyAloneLoadsWithAnEmptyLexicon() throws {
        let ontology = try OntologyLoader.load(from: directory)
        XCTAssertEqual(ontology.relations.count, 14)
        XCTAssertTrue(ontology.lexicon.entities.isEmpty)
    }

    func testMalformedFileNamesFileAndLine() throws {
        try write("lexicon/broken.rdf", "<parley:State rdf:about=\"#x\">\n  <skos:prefLabel>X</skos:prefLabel>\n</parley:Stat>")
        let error = try XCTUnwrap(loadError())
        guard case .xml(.malformed(let file, let line, _, let message)) = error else { return XCTFail("\(error)") }
        XCTAssertTrue(file.hasSuffix("lexicon/broken.rdf"), file)
        XCTAssertEqual(line, 10)
        XCTAssertFalse(message.isEmpty)
        XCTAssertTrue(error.description.contains("broken.rdf:10:"), error.description)
        XCTAssertEqual(error.line, 10)
    }

    func testTriggerNamingAnUnknownRelation() throws {
        try write("lexicon/triggers.rdf", """
          <parley:Trigger rdf:about="#trigger-snub">
            <parley:lemma>snub</parley:lemma>
            <parley:onProposal rdf:resource="https://w3id.org/parley/ontology#snubs"/>
          </parley:Trigger>
        """)
        let error = try XCTUnwrap(loadError())
        guard case .unknownRelation(let name, let subject, let file, let line) = error else { return XCTFail("\(error)") }
        XCTAssertEqual(name, "snubs")
        XCTAssertEqual(subject, "trigger-snub")
        XCTAssertTrue(file.hasSuffix("lexicon/triggers.rdf"))
        XCTAssertEqual(line, 10)
    }

    func testRoleTitleNamingAnUnknownRelation() throws {
        try write("lexicon/roles.rdf", """
          <parley:RoleTitle rdf:about="#role-x">
            <parley:relation rdf:resource="https://w3id.org/parley/ontology#heads"/>
            <parley:phrase>boss</parley:phrase>
          </parley:RoleTitle>
        """)
        guard case .unknownRelation("heads", "role-x", _, 9)? = loadError() else { return XCTFail("\(String(describing: loadError()))") }
    }

    func testTriggerWithoutRelationOrLemma() throws {
        try write("lexicon/triggers.rdf", """
          <parley:Trigger rdf:about="#trigger-x"><parley:lemma>x</parley:lemma></parley:Trigger>
        """)
        guard case .missingValue("trigger-x", _, _, 8)? = loadError() else { return XCTFail("\(String(describing: loadError()))") }
        try write("lexicon/triggers.rdf", """
          <parley:Trigger rdf:about="#trigger-y">
            <parley:onProposal rdf:resource="https://w3id.org/parley/ontology#rejects"/>
          </parley:Trigger>
        """)
        guard case .missingValue("trigger-y", "parley:lemma", _, _)? = loadError() else { return XCTFail("\(String(describing: loadError()))") }
    }

    func testInvalidModalityAndFlag() throws {
        try write("lexicon/triggers.rdf", """
          <parley:Trigger rdf:about="#trigger-x">
            <parley:lemma>x</parley:lemma>
            <parley:onProposal rdf:resource="https://w3id.org/parley/ontology#rejects"/>
            <parley:defaultModality>maybe</parley:defaultModality>
          </parley:Trigger>
        """)
        guard case .invalidValue("trigger-x", "parley:defaultModality", "maybe", _, 11)? = loadError() else {
            return XCTFail("\(String(describing: loadError()))")
        }
        try write("lexicon/triggers.rdf", """
          <parley:Trigger rdf:about="#trigger-x">
            <parley:lemma>x</parley:lemma>
            <parley:onProposal rdf:resource="https://w3id.org/parley/ontology#rejects"/>
            <parley:nominal>yes</parley:nominal>
          </parley:Trigger>
        """)
        guard case .invalidValue("trigger-x", "parley:nominal", "yes", _, _)? = loadError() else {
            return XCTFail("\(String(describing: loadError()))")
        }
    }

    func testEntityErrors() throws {
        try write("lexicon/states.rdf", """
          <parley:State rdf:about="#x"><skos:altLabel>X</skos:altLabel></parley:State>
        """)
        guard case .missingValue("x", "skos:prefLabel", _, 8)? = loadError() else { return XCTFail("\(String(describing: loadError()))") }
        try write("lexicon/states.rdf", """
          <parley:Agency rdf:about="#x">
            <skos:prefLabel>X</skos:prefLabel>
            <parley:partOf rdf:resource="#nowhere"/>
          </parley:Agency>
        """)
        guard case .unknownEntity("nowhere", "x", _, 10)? = loadError() else { return XCTFail("\(String(describing: loadError()))") }
    }

    func testUnknownWordListAndProposalKind() throws {
        try write("lexicon/words.rdf", """
          <parley:WordList rdf:about="#list-x"><parley:list>colours</parley:list><parley:word>red</parley:word></parley:WordList>
        """)
        guard case .invalidValue("list-x", "parley:list", _, _, 8)? = loadError() else { return XCTFail("\(String(describing: loadError()))") }
        try write("lexicon/words.rdf", """
          <parley:ProposalNoun rdf:about="#p"><parley:signalsKind>wish</parley:signalsKind><parley:phrase>wish</parley:phrase></parley:ProposalNoun>
        """)
        guard case .invalidValue("p", "parley:signalsKind", "wish", _, 8)? = loadError() else { return XCTFail("\(String(describing: loadError()))") }
    }

    func testRelationWithoutDomain() throws {
        try write("extra.rdf", """
          <owl:ObjectProperty rdf:about="https://w3id.org/parley/ontology#hosts">
            <rdfs:range rdf:resource="https://w3id.org/parley/ontology#Proposal"/>
          </owl:ObjectProperty>
        """)
        guard case .missingDomain("hosts", let file, 8)? = loadError() else { return XCTFail("\(String(describing: loadError()))") }
        XCTAssertTrue(file.hasSuffix("extra.rdf"))
    }

    func testExtraRelationIsAMismatch() throws {
        try write("extra.rdf", """
          <owl:ObjectProperty rdf:about="https://w3id.org/parley/ontology#hosts">
            <rdfs:domain rdf:resource="https://w3id.org/parley/ontology#Agent"/>
            <rdfs:range rdf:resource="https://w3id.org/parley/ontology#Proposal"/>
          </owl:ObjectProperty>
        """)
        guard case .relationMismatch([], ["hosts"])? = loadError() else { return XCTFail("\(String(describing: loadError()))") }
    }

    func testDomainNamingAnUnknownClass() throws {
        try write("extra.rdf", """
          <owl:ObjectProperty rdf:about="https://w3id.org/parley/ontology#hosts">
            <rdfs:domain rdf:resource="https://w3id.org/parley/ontology#Person"/>
            <rdfs:range rdf:resource="https://w3id.org/parley/ontology#Proposal"/>
          </owl:ObjectProperty>
        """)
        guard case .unknownClass("Person", "hosts", _, 9)? = loadError() else { return XCTFail("\(String(describing: loadError()))") }
    }

    func testMissingTopClassAndRelation() throws {
        var text = try String(contentsOfFile: directory + "/parley.rdf", encoding: .utf8)
        text = text.replacingOccurrences(of: "rdf:about=\"#Condition\"", with: "rdf:about=\"#Term\"")
            .replacingOccurrences(of: "rdf:resource=\"#Condition\"", with: "rdf:resource=\"#Term\"")
        try text.write(toFile: directory + "/parley.rdf", atomically: true, encoding: .utf8)
        XCTAssertEqual(loadError(), .missingClass(name: "Condition"))

        try FileManager.default.removeItem(atPath: directory + "/parley.rdf")
        try FileManager.default.copyItem(atPath: OntologyLoaderTests.directory + "/parley.rdf", toPath: directory + "/parley.rdf")
        text = try String(contentsOfFile: directory + "/parley.rdf", encoding: .utf8)
        text = text.replacingOccurrences(of: "rdf:about=\"#considers\"", with: "rdf:about=\"#weighs\"")
        try text.write(toFile: directory + "/parley.rdf", atomically: true, encoding: .utf8)
        XCTAssertEqual(loadError(), .relationMismatch(missing: ["considers"], unexpected: ["weighs"]))
    }

    func testSymmetryIsChecked() throws {
        var text = try String(contentsOfFile: directory + "/parley.rdf", encoding: .utf8)
        let marker = "<rdf:type rdf:resource=\"http://www.w3.org/2002/07/owl#SymmetricProperty\"/>"
        let range = try XCTUnwrap(text.range(of: marker))
        text.removeSubrange(range)
        try text.write(toFile: directory + "/parley.rdf", atomically: true, encoding: .utf8)
        guard case .relationSignature("opposes", _)? = loadError() else { return XCTFail("\(String(describing: loadError()))") }
    }

    func testMissingDirectoryOrNoFiles() throws {
        let missing = directory + "/nope"
        XCTAssertEqual(Result { () throws(OntologyError) in try OntologyLoader.load(from: missing) }.failure,
                       .noOntologyFiles(directory: missing))
        let empty = directory + "/lexicon"
        XCTAssertEqual(Result { () throws(OntologyError) in try OntologyLoader.load(from: empty) }.failure,
                       .noOntologyFiles(directory: empty))
    }
}

private extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
