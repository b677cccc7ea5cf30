import XCTest
import ParleyGraph
import ParleyOntology
@testable import ParleyExtraction

final class CorpusMergerTests: XCTestCase {
    static let ontology: Ontology = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try! OntologyLoader.load(from: root.appendingPathComponent("ontology").path)
    }()

    private func person(_ label: String) -> Node {
        Node(key: NodeKey(family: "actor", label: label), type: .actor, label: label)
    }

    /// A lone surname merges into the one person who bears it; two
    /// spellings of one key naming two people resolve the same way in every
    /// process (hash tables iterate in a per-process order).
    func testSurnameKeysAreUniqueAndOrderIndependent() {
        let merger = CorpusMerger(ontology: Self.ontology)
        let nodes = [person("Naim Qassem"), person("Ali QASSEM"), person("Qassem"), person("QASSEM"),
                     person("Nabih Berri"), person("Berri"), person("Ahmed Smith"), person("Bob Smith"), person("Smith")]
        for order in [nodes, nodes.reversed()] {
            let extraction = DocumentExtraction(nodes: order, edges: [], unmatchedNames: [], unmatchedTriggers: [], signatures: [:])
            let renames = merger.surnameKeys([extraction])
            XCTAssertEqual(renames[KeyDigest(NodeKey(rawValue: "actor/qassem"))], NodeKey(rawValue: "actor/ali-qassem"))
            XCTAssertEqual(renames[KeyDigest(NodeKey(rawValue: "actor/berri"))], NodeKey(rawValue: "actor/nabih-berri"))
            XCTAssertNil(renames[KeyDigest(NodeKey(rawValue: "actor/smith"))], "two people are called Smith")
            XCTAssertEqual(renames.count, 2)
        }
    }
}
