import XCTest
@testable import ParleyOntology

final class InflectorTests: XCTestCase {
    func testRegularForms() {
        XCTAssertEqual(Inflector.verbForms(of: "reject"), ["reject", "rejects", "rejected", "rejecting"])
        XCTAssertEqual(Inflector.verbForms(of: "agree"), ["agree", "agrees", "agreed", "agreeing"])
        XCTAssertEqual(Inflector.verbForms(of: "oppose"), ["oppose", "opposes", "opposed", "opposing"])
        XCTAssertEqual(Inflector.verbForms(of: "stop"), ["stop", "stops", "stopped", "stopping"])
        XCTAssertEqual(Inflector.verbForms(of: "try"), ["try", "tries", "tried", "trying"])
        XCTAssertEqual(Inflector.verbForms(of: "veto"), ["veto", "vetoes", "vetoed", "vetoing"])
        XCTAssertEqual(Inflector.verbForms(of: "push"), ["push", "pushes", "pushed", "pushing"])
        XCTAssertEqual(Inflector.verbForms(of: "submit"), ["submit", "submits", "submitted", "submitting"])
        XCTAssertEqual(Inflector.verbForms(of: "offer"), ["offer", "offers", "offered", "offering"])
        XCTAssertEqual(Inflector.verbForms(of: "visit"), ["visit", "visits", "visited", "visiting"])
        XCTAssertEqual(Inflector.verbForms(of: "play"), ["play", "plays", "played", "playing"])
        XCTAssertEqual(Inflector.verbForms(of: "tie"), ["tie", "ties", "tied", "tying"])
        XCTAssertEqual(Inflector.verbForms(of: "refer"), ["refer", "refers", "referred", "referring"])
        XCTAssertEqual(Inflector.verbForms(of: "quit"), ["quit", "quits", "quitted", "quitting"])
        XCTAssertEqual(Inflector.verbForms(of: "study"), ["study", "studies", "studied", "studying"])
    }

    func testPhrasalVerbsInflectTheirFirstWord() {
        XCTAssertEqual(Inflector.verbForms(of: "rule out"), ["rule out", "rules out", "ruled out", "ruling out"])
        XCTAssertEqual(Inflector.verbForms(of: "agree to"), ["agree to", "agrees to", "agreed to", "agreeing to"])
    }

    func testIrregularPastReplacesTheGeneratedOne() {
        XCTAssertEqual(Inflector.verbForms(of: "hold talks", past: ["held talks"]),
                       ["hold talks", "holds talks", "held talks", "holding talks"])
        XCTAssertEqual(Inflector.verbForms(of: "put forward", past: ["put forward"]),
                       ["put forward", "puts forward", "putting forward"])
    }
}
