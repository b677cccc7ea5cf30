import XCTest
import ParleyGraph
@testable import ParleyOntology

final class OntologyLoaderTests: XCTestCase {
    static let directory: String = {
        // Tests/ParleyOntologyTests/OntologyLoaderTests.swift -> ontology/
        var components = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        components.removeLast(3)
        return components.joined(separator: "/") + "/ontology"
    }()

    static let ontology: Result<Ontology, OntologyError> = Result { () throws(OntologyError) in
        try OntologyLoader.load(from: directory)
    }

    func load() throws -> Ontology { try Self.ontology.get() }

    func testLoadsAndIsFast() throws {
        _ = try load()
        let start = Date()
        let ontology = try OntologyLoader.load(from: Self.directory)
        let elapsed = Date().timeIntervalSince(start)
        print("ontology loaded in \(Int(elapsed * 1000)) ms (debug build): \(ontology.lexicon.entities.count) entities, \(ontology.lexicon.triggers.count) triggers")
        // The release build loads in well under 100 ms; debug builds are
        // several times slower, so the bound here only catches blow-ups.
        XCTAssertLessThan(elapsed, 5)
        XCTAssertEqual(ontology.namespace, "https://w3id.org/parley/ontology#")
        XCTAssertEqual(ontology.instanceBase, "https://w3id.org/parley/id/")
    }

    func testTopClassesAndSubclasses() throws {
        let ontology = try load()
        for top in Ontology.requiredTopClasses {
            let ontologyClass = try XCTUnwrap(ontology.ontologyClass(top))
            XCTAssertNil(ontologyClass.superClass)
            XCTAssertFalse(ontologyClass.comment.isEmpty)
            XCTAssertEqual(ontologyClass.iri, "https://w3id.org/parley/ontology#" + top.rawValue)
        }
        for name in ["State", "ArmedGroup", "InternationalOrganization", "Agency", "PoliticalParty"] {
            XCTAssertEqual(ontology.topClass(of: NodeType(name)), .organization, name)
        }
        for name in ["Ceasefire", "Truce", "Deal", "Plan", "Resolution", "Framework"] {
            XCTAssertEqual(ontology.topClass(of: NodeType(name)), .proposal, name)
        }
        XCTAssertTrue(ontology.ontologyClass(.actor)!.alignedTo.contains("http://xmlns.com/foaf/0.1/Person"))
        XCTAssertTrue(ontology.ontologyClass(.organization)!.alignedTo.contains("https://schema.org/Organization"))
        XCTAssertNotNil(ontology.ontologyClass(NodeType("Document")))
        XCTAssertNotNil(ontology.ontologyClass(NodeType("EvidenceStatement")))
        // Neither the union class nor lexicon classes are node classes.
        XCTAssertNil(ontology.ontologyClass(NodeType("Agent")))
        XCTAssertNil(ontology.ontologyClass(NodeType("Trigger")))
        XCTAssertNil(ontology.ontologyClass(NodeType("LexiconEntry")))
        XCTAssertEqual(ontology.classes.map(\.name), ontology.classes.map(\.name).sorted())
    }

    func testExactlyTheFourteenRelations() throws {
        let ontology = try load()
        XCTAssertEqual(ontology.relations.map(\.name.rawValue), [
            "leads", "memberOf", "backs", "founded", "opposes", "negotiatesWith", "proposes", "brokers",
            "partyTo", "rejects", "accepts", "considers", "demands", "requires",
        ])
        for expected in Ontology.guidelineRelations {
            let relation = try XCTUnwrap(ontology.relation(expected.name))
            XCTAssertEqual(relation.domain, expected.domain, expected.name.rawValue)
            XCTAssertEqual(relation.range, expected.range, expected.name.rawValue)
            XCTAssertEqual(relation.symmetric, expected.symmetric, expected.name.rawValue)
            XCTAssertFalse(relation.comment.isEmpty)
            XCTAssertEqual(relation.iri, "https://w3id.org/parley/ontology#" + expected.name.rawValue)
        }
        XCTAssertEqual(ontology.relations.filter(\.symmetric).map(\.name.rawValue), ["opposes", "negotiatesWith"])
    }

    func testAllows() throws {
        let ontology = try load()
        XCTAssertTrue(ontology.allows(RelationName("leads"), from: .actor, to: NodeType("State")))
        XCTAssertFalse(ontology.allows(RelationName("leads"), from: NodeType("State"), to: NodeType("State")))
        XCTAssertTrue(ontology.allows(RelationName("rejects"), from: NodeType("ArmedGroup"), to: NodeType("Ceasefire")))
        XCTAssertFalse(ontology.allows(RelationName("rejects"), from: NodeType("ArmedGroup"), to: .condition))
        XCTAssertTrue(ontology.allows(RelationName("requires"), from: NodeType("Truce"), to: .condition))
        XCTAssertFalse(ontology.allows(RelationName("requires"), from: .organization, to: .condition))
        XCTAssertTrue(ontology.allows(RelationName("opposes"), from: .actor, to: NodeType("State")))
        XCTAssertFalse(ontology.allows(RelationName("noSuchRelation"), from: .actor, to: .organization))
    }

    func testDefaultDirectory() throws {
        let directory = OntologyLoader.defaultDirectory()
        XCTAssertTrue(directory.hasSuffix("ontology"), directory)
        XCTAssertFalse(try OntologyLoader.rdfFiles(in: directory).isEmpty)
    }

    func testFilesAreFoundRecursivelyAndSorted() throws {
        let files = try OntologyLoader.rdfFiles(in: Self.directory)
        XCTAssertEqual(files, files.sorted())
        XCTAssertTrue(files.contains { $0.hasSuffix("/parley.rdf") })
        XCTAssertTrue(files.contains { $0.hasSuffix("/lexicon/states.rdf") })
        XCTAssertTrue(files.allSatisfy { $0.hasSuffix(".rdf") })
    }
}

final class DefaultDirectoryTests: XCTestCase {
    func testEnvironmentVariableWins() {
        setenv("PARLEY_ONTOLOGY", "/tmp/some-ontology", 1)
        defer { unsetenv("PARLEY_ONTOLOGY") }
        XCTAssertEqual(OntologyLoader.defaultDirectory(), "/tmp/some-ontology")
    }
}
