import XCTest
import ParleyGraph
@testable import ParleyExtraction

final class SentenceSplitterTests: XCTestCase {
    let splitter = SentenceSplitter(abbreviations: ["gen.", "dr.", "sen.", "u.s.", "mr."],
                                    sentenceStarters: ["The", "It", "However"])

    func sentences(_ text: String) -> [[String]] {
        let doc = SourceDocument(info: DocumentInfo(name: "t.txt", path: "t.txt"), text: text)
        return splitter.split(doc).map { $0.tokens.map(\.text) }
    }

    func testAbbreviationsAndInitialismsDoNotEndSentences() {
        let s = sentences("Gen. Smith met Dr. Jones in the U.S. capital. Sen. Lee left.")
        XCTAssertEqual(s.count, 2)
        XCTAssertEqual(s[0].first, "Gen.")
        XCTAssertTrue(s[0].contains("U.S."))
        XCTAssertEqual(s[1].first, "Sen.")
    }

    func testInitialismEndsSentenceBeforeASentenceStarter() {
        let s = sentences("Talks stalled with the U.S. The group left.")
        XCTAssertEqual(s.count, 2)
        XCTAssertEqual(s[1], ["The", "group", "left", "."])
    }

    func testLineBreaksEndHeadlines() {
        let s = sentences("Hezbollah rejects truce\nThe group said no.")
        XCTAssertEqual(s.count, 2)
        XCTAssertEqual(s[0], ["Hezbollah", "rejects", "truce"])
    }

    func testQuotesOfEveryKindAreDroppedAndPossessivesSplit() {
        let s = sentences("'Israel' said \u{201C}no\u{201D}; Qassem\u{2019}s statement and the Israelis' plan.")
        XCTAssertEqual(s[0], ["Israel", "said", "no", ";", "Qassem", "'s", "statement", "and", "the", "Israelis", "plan", "."])
    }

    func testHyphenCompoundsSplitButDashesArePunctuation() {
        let s = sentences("A US-brokered cease-fire \u{2014} and Quds Force -the entity- left.")
        XCTAssertEqual(s[0], ["A", "US", "-", "brokered", "cease", "-", "fire", "\u{2014}", "and", "Quds", "Force", "\u{2014}", "the", "entity", "\u{2014}", "left", "."])
    }

    func testCitationMarkersAndBracketedDaysAreDropped() {
        let s = sentences("Talks stalled on Thursday [1, 2, 3]. It met this Wednesday (25), officials said.")
        XCTAssertEqual(s[0], ["Talks", "stalled", "on", "Thursday", "."])
        XCTAssertEqual(s[1], ["It", "met", "this", "Wednesday", ",", "officials", "said", "."])
    }

    func testNegationContractionIsItsOwnToken() {
        XCTAssertEqual(sentences("They didn't accept.")[0], ["They", "did", "n't", "accept", "."])
    }

    func testOffsetsAreCodePointsIntoTheText() {
        let text = "\u{1F54A}\u{FE0F} Hamas\u{2019}s truce."
        let doc = SourceDocument(info: DocumentInfo(name: "t", path: "t"), text: text)
        let tokens = splitter.split(doc)[0].tokens
        let hamas = tokens.first { $0.text == "Hamas" }!
        XCTAssertEqual(doc.text(Int(hamas.start)..<Int(hamas.end)), "Hamas")
        XCTAssertEqual(hamas.start, 3)
    }

    func testNumbersKeepTheirGroupSeparators() {
        XCTAssertEqual(sentences("At least 1,754 died and 2.5 million fled.")[0], ["At", "least", "1,754", "died", "and", "2.5", "million", "fled", "."])
    }
}
