import XCTest
import ParleyGraph
@testable import ParleyOntology

final class LexiconTests: XCTestCase {
    var lexicon: Lexicon { get throws { try OntologyLoaderTests.ontology.get().lexicon } }

    func entity(_ id: String) throws -> LexiconEntity {
        try XCTUnwrap(try lexicon.entities.first { $0.id == id }, id)
    }

    func testStatesOfTheWorld() throws {
        let states = try lexicon.entities.filter { $0.type == NodeType("State") }
        XCTAssertGreaterThanOrEqual(states.count, 190)
        let withDemonyms = states.filter { !$0.demonyms.isEmpty }
        XCTAssertGreaterThanOrEqual(withDemonyms.count, 185)
        let us = try entity("united-states")
        XCTAssertEqual(us.label, "United States")
        for name in ["US", "U.S.", "USA", "United States of America", "America", "State Department"] {
            XCTAssertTrue(us.names.contains(name), name)
        }
        XCTAssertTrue(us.demonyms.contains("Americans"))
        XCTAssertTrue(us.metonyms.contains("Washington"))
        XCTAssertTrue(us.metonyms.contains("White House"))
        let israel = try entity("israel")
        XCTAssertTrue(israel.names.contains("IDF"))
        XCTAssertEqual(Array(israel.demonyms.prefix(2)), ["Israeli", "Israelis"])
        XCTAssertTrue(israel.metonyms.contains("Tel Aviv"))
        XCTAssertTrue(try entity("russia").metonyms.contains("Kremlin"))
        XCTAssertTrue(try entity("ukraine").metonyms.contains("Kiev"))
        XCTAssertTrue(try entity("dr-congo").names.contains("DRC"))
        XCTAssertTrue(try entity("azerbaijan").demonyms.contains("Azeri"))
        XCTAssertTrue(try entity("sudan").demonyms.contains("Sudanese"))
        XCTAssertFalse(try entity("yemen").metonyms.contains("Sanaa"), "Sanaa is held by the Houthis")
        for id in ["palestine", "taiwan", "kosovo", "vatican"] { _ = try entity(id) }
    }

    func testOrganizationsPeopleAndPartOf() throws {
        let irgc = try entity("irgc-quds-force")
        XCTAssertEqual(irgc.type, NodeType("Agency"))
        XCTAssertEqual(irgc.label, "IRGC Quds Force")
        XCTAssertTrue(irgc.names.contains("Quds Force"))
        XCTAssertTrue(irgc.names.contains("Revolutionary Guards"))
        XCTAssertEqual(irgc.partOf, "iran")
        XCTAssertEqual(try entity("unifil").partOf, "united-nations")
        XCTAssertEqual(try entity("hezbollah").type, NodeType("ArmedGroup"))
        XCTAssertTrue(try entity("houthis").names.contains("Ansar Allah"))
        XCTAssertEqual(try entity("un-security-council").type, NodeType("InternationalOrganization"))
        XCTAssertEqual(try entity("likud").type, NodeType("PoliticalParty"))
        let qassem = try entity("naim-qassem")
        XCTAssertEqual(qassem.type, .actor)
        XCTAssertEqual(qassem.label, "Naim Qassem")
        XCTAssertNil(qassem.partOf, "people carry names only")
        let ids = try lexicon.entities.map(\.id)
        XCTAssertEqual(ids.count, Set(ids).count, "entity ids are unique")
        let labels = try lexicon.entities.map(\.label)
        XCTAssertEqual(labels.count, Set(labels).count, "entity labels are unique")
    }

    func testNoSurfaceFormDenotesTwoEntities() throws {
        var owner: [String: String] = [:]
        for entity in try lexicon.entities {
            for form in [entity.label] + entity.names + entity.demonyms + entity.metonyms {
                let key = form.lowercased()
                if let other = owner[key], other != entity.id {
                    XCTFail("\(form) names both \(other) and \(entity.id)")
                }
                owner[key] = entity.id
            }
        }
    }

    func testRoleTitles() throws {
        let titles = Dictionary(try lexicon.roleTitles.map { ($0.phrase, $0.relation.rawValue) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(titles["leader"], "leads")
        XCTAssertEqual(titles["prime minister"], "leads")
        XCTAssertEqual(titles["secretary-general"], "leads")
        XCTAssertEqual(titles["minister"], "memberOf")
        XCTAssertEqual(titles["envoy"], "memberOf")
        XCTAssertEqual(titles["spokesperson"], "memberOf")
        XCTAssertEqual(titles["founder"], "founded")
    }

    func testTriggers() throws {
        let triggers = try lexicon.triggers
        func trigger(_ lemma: String, nominal: Bool = false, compound: Bool = false) throws -> Trigger {
            try XCTUnwrap(triggers.first { $0.lemma == lemma && $0.nominal == nominal && $0.compound == compound }, lemma)
        }
        let reject = try trigger("reject")
        XCTAssertEqual(reject.forms, ["reject", "rejects", "rejected", "rejecting"])
        XCTAssertEqual(reject.onProposal, RelationName("rejects"))
        XCTAssertEqual(try trigger("turn down").forms, ["turn down", "turns down", "turned down", "turning down"])
        XCTAssertTrue(try trigger("hold talks with").forms.contains("held talks with"))
        XCTAssertFalse(try trigger("hold talks with").forms.contains("holded talks with"))
        XCTAssertTrue(try trigger("fight").forms.contains("fought"))
        let consider = try trigger("consider")
        XCTAssertEqual(consider.modality, .possible)
        XCTAssertEqual(consider.onProposal, RelationName("considers"))
        XCTAssertEqual(try trigger("open to").forms, ["open to"])
        XCTAssertEqual(try trigger("demand").onCondition, RelationName("demands"))
        XCTAssertEqual(try trigger("rejection", nominal: true).forms, ["rejection"])
        let backed = try trigger("backed", compound: true)
        XCTAssertEqual(backed.forms, ["backed"])
        XCTAssertEqual(backed.onAgent, RelationName("backs"))
        XCTAssertEqual(try trigger("brokered", compound: true).onProposal, RelationName("brokers"))
        XCTAssertEqual(try trigger("oppose").onAgent, RelationName("opposes"))
        XCTAssertEqual(try trigger("negotiate with").onAgent, RelationName("negotiatesWith"))
        XCTAssertEqual(try trigger("propose").onProposal, RelationName("proposes"))
        XCTAssertEqual(try trigger("found").onAgent, RelationName("founded"))
        for trigger in triggers {
            XCTAssertTrue(trigger.forms.contains(trigger.lemma) || trigger.compound, trigger.lemma)
            XCTAssertEqual(trigger.forms, trigger.forms.map { $0.lowercased() })
        }
    }

    func testProposalNounsConditionCuesAnaphors() throws {
        let lexicon = try lexicon
        let kinds = Dictionary(lexicon.proposalNouns.map { ($0.phrase, $0.kind) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(kinds["cease-fire"], "ceasefire")
        XCTAssertEqual(kinds["truce"], "truce")
        XCTAssertEqual(kinds["pact"], "deal")
        XCTAssertEqual(kinds["roadmap"], "plan")
        XCTAssertEqual(kinds["resolution"], "resolution")
        XCTAssertEqual(kinds["framework"], "framework")
        let cues = Dictionary(lexicon.conditionCues.map { ($0.phrase, $0.noun) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(cues["withdraw"], "withdrawal")
        XCTAssertEqual(cues["withdrawal"], "withdrawal")
        XCTAssertEqual(cues["pull out"], "withdrawal")
        XCTAssertEqual(cues["disarm"], "disarmament")
        XCTAssertEqual(cues["swap"], "exchange")
        let anaphors = Dictionary(lexicon.anaphors.map { ($0.noun, $0.refersTo) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(anaphors["militia"], [NodeType("ArmedGroup"), .organization])
        XCTAssertEqual(anaphors["government"], [NodeType("State"), .organization])
        XCTAssertEqual(anaphors["pact"], [.proposal])
    }

    func testEveryWordListIsFilled() throws {
        let lexicon = try lexicon
        for list in WordListName.allCases {
            XCTAssertFalse(lexicon.words(list).isEmpty, list.rawValue)
            XCTAssertEqual(lexicon.words(list).count, Set(lexicon.words(list)).count, list.rawValue)
        }
        XCTAssertTrue(lexicon.words(.abbreviations).contains("u.s."))
        XCTAssertTrue(lexicon.words(.governmentNouns).contains("forces"))
        XCTAssertTrue(lexicon.words(.organizationCues).contains("Ministry"))
        XCTAssertTrue(lexicon.words(.honorifics).contains("Sheikh"))
        XCTAssertTrue(lexicon.words(.nonNames).contains("Monday"))
        XCTAssertTrue(lexicon.words(.nonAgentNouns).contains("civilians"))
        XCTAssertTrue(lexicon.words(.negations).contains("not"))
        XCTAssertTrue(lexicon.words(.modals).contains("would"))
    }
}
