import XCTest
import ParleyGraph
import ParleyOntology
@testable import ParleyExtraction

/// The lookup structures that replace `Set<String>` and per-token arrays
/// must answer exactly as those did.
final class LookupTablesTests: XCTestCase {
    /// Words of every shape: ASCII of each length around the 8- and
    /// 16-byte boundaries, non-ASCII, and strings equal only canonically.
    static let words: [String] = [
        "", "a", "an", "the", "abc", "said", "truce", "leader", "ceasefire", "hezbollah", "negotiation",
        "international", "internationally", "counterproposal", "counterproposals", "representativeness",
        "a very long phrase with spaces", "n't", "'s", "u.s.", "gen.", "-", "\u{2014}",
        "caf\u{E9}", "cafe\u{301}", "\u{212A}", "K", "k", "stra\u{DF}e", "\u{130}stanbul", "\u{6C9}\u{627}",
        "\u{1F54A}", "Hezbollah", "HEZBOLLAH", "x\u{300}y",
    ]

    func testWordSetAnswersAsSetOfString() {
        for size in [0, 1, 3, 7, 20, Self.words.count] {
            let members = Array(Self.words.prefix(size))
            let set = Set(members)
            let words = WordSet(members)
            XCTAssertEqual(words.count, set.count)
            for q in Self.words + ["", "b", "thee", "ceasefires", "caf", "cafe", "\u{E9}", "K\u{301}", "said "] {
                XCTAssertEqual(words.contains(q), set.contains(q), "\(size) words, query \(q.debugDescription)")
            }
        }
    }

    func testWordSetUnionAndLiterals() {
        let a: WordSet = ["of", "for", "in"]
        let b: WordSet = ["in", "on"]
        let u = a.union(b)
        XCTAssertEqual(u.count, 4)
        XCTAssertTrue(u.contains("on") && u.contains("of") && !u.contains("at"))
        XCTAssertTrue(EnglishGrammar.stopsNounPhrase("the") && EnglishGrammar.stopsNounPhrase("n't"))
        XCTAssertFalse(EnglishGrammar.stopsNounPhrase("ceasefire"))
    }

    func testWordTableIDsAreFirstAppearance() {
        let table = WordTable.interned(["b", "a", "b", "cafe\u{301}", "caf\u{E9}", "c"])
        XCTAssertEqual(table.count, 4)
        XCTAssertEqual(table.id(of: "b"), 0)
        XCTAssertEqual(table.id(of: "a"), 1)
        XCTAssertEqual(table.id(of: "caf\u{E9}"), 2)
        XCTAssertEqual(table.id(of: "cafe\u{301}"), 2)
        XCTAssertEqual(table.id(of: "c"), 3)
        XCTAssertNil(table.id(of: "d"))
    }

    func testLexiconMatchesKeepAnyNumberOfPhrasesInOrder() {
        let hits: [LexiconHit] = [
            .name(0), .demonym(7), .metonym(1_000_000), .roleTitle(3), .trigger(42), .proposalNoun(5),
            .conditionCue(6), .anaphor(8), .word(.negations), .word(.abbreviations), .name(Int(UInt32.max) + 1),
        ]
        for n in 0...hits.count {
            let list = hits.prefix(n).enumerated().map { LexiconMatch(length: $0.offset % 4 + 1, hit: $0.element) }
            let matches = LexiconMatches(list)
            XCTAssertEqual(Array(matches), list)
            XCTAssertEqual(matches, LexiconMatches(list))
            if n > 0 { XCTAssertNotEqual(matches, LexiconMatches(list.dropLast())) }
        }
    }

    func testSourceScalarsDecodeEveryWidth() {
        for text in ["", "a", "Hezbollah said.", "caf\u{E9} \u{20AC}5 \u{1F54A}\u{FE0F} \u{10FFFF}\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}",
                     String(repeating: "x\u{300}\u{4E2D}", count: 100)] {
            XCTAssertEqual(SourceDocument.scalars(of: text), Array(text.unicodeScalars))
        }
    }

    func testTokensOfAsciiAndUnicodeText() {
        let splitter = SentenceSplitter(abbreviations: ["Gen."], sentenceStarters: ["The"])
        let text = "Gen. O'Brien met the U.S.-backed IRGC's envoy \u{2014} \u{C9}tienne, K\u{212A}, caf\u{E9}s, x`s and 1,754."
        let doc = SourceDocument(info: DocumentInfo(name: "t", path: "t"), text: text)
        let tokens = splitter.split(doc).flatMap(\.tokens)
        XCTAssertEqual(tokens.map(\.text), ["Gen.", "O'Brien", "met", "the", "U.S.", "-", "backed", "IRGC", "'s", "envoy",
                                            "\u{2014}", "\u{C9}tienne", ",", "K\u{212A}", ",", "caf\u{E9}s", ",", "x", "'s",
                                            "and", "1,754", "."])
        for t in tokens {
            XCTAssertEqual(t.lower, t.text.lowercased(), t.text)
            let reference = Token(text: t.text, lower: t.lower, start: t.start, end: t.end, kind: t.kind, glued: t.glued)
            XCTAssertEqual(t.isCapitalized, reference.isCapitalized, t.text)
            XCTAssertEqual(t.isAcronym, reference.isAcronym, t.text)
        }
    }

    /// Tokens of up to 15 ASCII bytes are built as small strings from
    /// their bits; on this platform that layout must hold (else the
    /// tokenizer silently takes the slow public path), and the strings must
    /// be indistinguishable from ones made the public way.
    func testSmallASCIIStringsEqualPublicStrings() {
        XCTAssertTrue(SmallASCIIString.layoutHolds, "the small-string layout changed: tokens are built the slow way")
        for count in 0...SmallASCIIString.capacity {
            for seed in [0, 3, 41] {
                let bytes = (0..<count).map { UInt8(0x20 + ($0 * 13 + seed) % 0x5F) }
                var words: (UInt64, UInt64) = (0, 0)
                withUnsafeMutableBytes(of: &words) { raw in for (i, b) in bytes.enumerated() { raw[i] = b } }
                let built = SmallASCIIString.string(words, count: count)
                let expected = String(decoding: bytes, as: UTF8.self)
                XCTAssertEqual(built, expected)
                XCTAssertEqual(Array(built.utf8), bytes)
                XCTAssertEqual(built.count, count)
                XCTAssertEqual(built.hashValue, expected.hashValue)
                XCTAssertEqual([expected: count][built], count)
                XCTAssertEqual(built + "!", expected + "!")
            }
        }
    }

    func testLongAndMixedCaseTokensKeepTheirStrings() {
        let splitter = SentenceSplitter(abbreviations: [], sentenceStarters: [])
        let text = "Internationally COUNTERPROPOSALS counterproposals a`b UN Un 15-fifteen-letters sixteen-letters-x"
        let doc = SourceDocument(info: DocumentInfo(name: "t", path: "t"), text: text)
        let tokens = splitter.split(doc).flatMap(\.tokens)
        XCTAssertEqual(tokens.map(\.text), ["Internationally", "COUNTERPROPOSALS", "counterproposals", "a'b", "UN", "Un",
                                            "15", "-", "fifteen", "-", "letters", "sixteen", "-", "letters", "-", "x"])
        for t in tokens {
            XCTAssertEqual(t.lower, t.text.lowercased(), t.text)
            XCTAssertEqual(t.lowerHash, WordTable.asciiHash(t.lower), t.text)
            let reference = Token(text: t.text, lower: t.lower, start: t.start, end: t.end, kind: t.kind, glued: t.glued)
            XCTAssertEqual(t.isCapitalized, reference.isCapitalized, t.text)
            XCTAssertEqual(t.isAcronym, reference.isAcronym, t.text)
        }
    }

    /// The tokenizer's table of common scalars beyond ASCII answers as the
    /// standard library does, for every scalar it holds and its neighbours.
    func testUnicodeTablesAnswerAsTheStandardLibrary() {
        let scalars = (0x80..<0x260).compactMap(Unicode.Scalar.init) + (0x1FF0...0x2080).compactMap(Unicode.Scalar.init)
            + ["\u{4E2D}", "\u{0660}", "\u{0301}", "\u{3000}", "\u{FEFF}", "\u{1F54A}"]
        for s in scalars {
            let p = s.properties
            let name = String(s.value, radix: 16)
            XCTAssertEqual(UnicodeTables.isWord(s), p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark
                || p.generalCategory == .spacingMark, name)
            XCTAssertEqual(UnicodeTables.isGap(s), p.isWhitespace || p.generalCategory == .format || p.generalCategory == .control, name)
            XCTAssertEqual(UnicodeTables.isNumeric(s), p.numericType != nil, name)
            XCTAssertEqual(UnicodeTables.isAlphabetic(s), p.isAlphabetic, name)
            XCTAssertEqual(UnicodeTables.isUppercase(s), p.isUppercase, name)
        }
    }

    /// Each ASCII byte, in each of the eight lanes and next to every kind
    /// of neighbour, is classified and cased as one byte alone would be.
    func testASCIILanesAnswerPerByte() {
        for lane in 0..<8 {
            for neighbour: UInt64 in [0, 0x40, 0x5A, 0x60, 0x7F] {
                for b: UInt64 in 0..<0x80 {
                    let shift = UInt64(lane * 8)
                    let fill = lane == 7 ? neighbour : neighbour << 56
                    let x = b << shift | fill
                    let top: UInt64 = 0x80 << shift
                    XCTAssertEqual(ASCIILanes.uppercaseLetters(x) & top != 0, (0x41...0x5A).contains(b), "\(b) in lane \(lane)")
                    XCTAssertEqual(ASCIILanes.lowercaseLetters(x) & top != 0, (0x61...0x7A).contains(b), "\(b) in lane \(lane)")
                    XCTAssertEqual((ASCIILanes.apostrophesNormalised(x) >> shift) & 0xFF, b == 0x60 ? 0x27 : b, "\(b) in lane \(lane)")
                }
            }
        }
    }
}
