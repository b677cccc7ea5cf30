import Foundation
import XCTest
import ParleyGraph
import ParleyOntology
@testable import ParleyExtraction

/// Extraction fixtures: `Fixtures/<case>.txt` holds sentences written for
/// one construction, `<case>.expected.json` what the graph must and must not
/// hold. A label starting with `~` matches any node whose label contains the
/// rest (case-insensitive), for proposals and conditions; other labels must
/// equal a node's label or one of its aliases.
final class FixtureTests: XCTestCase {
    struct Expected: Decodable {
        var nodes: [[String]]?
        var absentNodes: [[String]]?
        var edges: [[String]]?
        var absent: [[String]]?
        var modality: [[String]]?
        var attribution: [[String]]?
    }

    static let pipeline: ExtractionPipeline = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let ontology = try! OntologyLoader.load(from: root.appendingPathComponent("ontology").path)
        return ExtractionPipeline(ontology: ontology)
    }()

    func graph(_ name: String) throws -> (CorpusGraph, Expected) {
        let dir = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let text = try String(contentsOf: dir.appendingPathComponent(name + ".txt"), encoding: .utf8)
        let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: dir.appendingPathComponent(name + ".expected.json")))
        let doc = SourceDocument(info: DocumentInfo(name: name + ".txt", path: name + ".txt"), text: text)
        return (Self.pipeline.run([doc], threads: 1).graph, expected)
    }

    func matches(_ node: Node, _ label: String) -> Bool {
        if label == "*" { return true }
        if label.hasPrefix("~") { return node.label.lowercased().contains(label.dropFirst().lowercased()) }
        return node.label == label || node.aliases.contains(label)
    }

    func edges(_ g: CorpusGraph, _ s: String, _ p: String, _ o: String) -> [Edge] {
        g.edges.filter { e in
            e.relation.rawValue == p && g.node(e.source).map { matches($0, s) } == true && g.node(e.target).map { matches($0, o) } == true
        }
    }

    func check(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let (g, x) = try graph(name)
        let dump = g.edges.map { "\(g.node($0.source)!.label) \($0.relation) \(g.node($0.target)!.label)" }.joined(separator: "\n")
        for n in x.nodes ?? [] {
            XCTAssertTrue(g.nodes.contains { $0.type.rawValue == n[0] && matches($0, n[1]) }, "\(name): no \(n[0]) \(n[1])", file: file, line: line)
        }
        for n in x.absentNodes ?? [] {
            XCTAssertFalse(g.nodes.contains { $0.type.rawValue == n[0] && matches($0, n[1]) }, "\(name): unexpected \(n[0]) \(n[1])", file: file, line: line)
        }
        for e in x.edges ?? [] {
            XCTAssertFalse(edges(g, e[0], e[1], e[2]).isEmpty, "\(name): missing \(e.joined(separator: " ")); got:\n\(dump)", file: file, line: line)
        }
        for e in x.absent ?? [] {
            XCTAssertTrue(edges(g, e[0], e[1], e[2]).isEmpty, "\(name): unexpected \(e.joined(separator: " "))", file: file, line: line)
        }
        for m in x.attribution ?? [] {
            let found = edges(g, m[0], m[1], "*")
            XCTAssertTrue(found.contains { $0.provenance.attribution == m[2] }, "\(name): \(m[0]) \(m[1]) is not attributed to \(m[2])", file: file, line: line)
        }
        for m in x.modality ?? [] {
            let found = edges(g, m[0], m[1], "*")
            XCTAssertTrue(found.contains { $0.provenance.modality.rawValue == m[2] }, "\(name): \(m[0]) \(m[1]) is not \(m[2])", file: file, line: line)
        }
    }

    func testRolesGiveLeadsAndMemberOfWithoutMergingPeopleIntoOrganizations() throws { try check("roles") }
    func testStancesTakeTheirRelationFromTheObjectAndRespectNegationAndModality() throws { try check("stances") }
    func testCompoundsAndCoordination() throws { try check("compounds") }
    func testConditionsDemandsAndRequirements() throws { try check("conditions") }

    func testCoreferenceOfGroupsPlansSurnamesAndPassives() throws { try check("coreference") }
    func testPartiesModalityNegationAndAttribution() throws { try check("parties") }
    func testEdgesImpliedByOtherEdges() throws { try check("inference") }

    // Short articles from other conflicts, written for these tests.
    func testUkraineArticle() throws { try check("ukraine") }
    func testSudanArticle() throws { try check("sudan") }
    func testSudanQuadArticle() throws { try check("sudan-quad") }
    func testGazaEgyptQatarArticle() throws { try check("gaza-egypt-qatar") }
    func testCongoArticle() throws { try check("drc") }
    func testYemenArticle() throws { try check("yemen") }
    func testArmeniaAzerbaijanArticle() throws { try check("armenia") }
    func testGazaArticle() throws { try check("gaza") }
    func testLebanonArticle() throws { try check("lebanon") }
    func testUkraineCeasefireArticle() throws { try check("ukraine-ceasefire") }
    func testCongoRwandaAgreementArticle() throws { try check("drc-washington") }
    func testDohaFrameworkArticle() throws { try check("doha-framework") }
    func testThailandCambodiaArticle() throws { try check("thai-cambodia") }
}
