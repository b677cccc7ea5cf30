/// One word, number or punctuation mark of a sentence.
///
/// Quotes and citation markers ("[1, 2]", "(25)") are not tokens: they are
/// dropped by the tokenizer so "'Israel'" and "Israel" match alike. Hyphens
/// inside compounds are tokens of their own (`glued` to both neighbours), so
/// "US-brokered" is `US` `-` `brokered` and each part can be matched.
public struct Token: Hashable, Sendable {
    public enum Kind: UInt8, Sendable {
        case word, number, hyphen, possessive, punctuation
    }

    /// As written (apostrophes normalised to ').
    public var text: String
    /// Lower case, for lexicon matching.
    public var lower: String { didSet { lowerHash = WordTable.asciiHash(lower) } }
    /// `WordTable.asciiHash(lower)`, made once: the word sets are asked
    /// about nearly every token, and most answers are "no" from this alone.
    public private(set) var lowerHash: UInt64
    /// Code-point offsets in the document, half-open.
    public var start: Int32
    public var end: Int32
    public var kind: Kind
    /// No white space between this token and the previous one.
    public var glued: Bool

    /// First letter upper case ("Hezbollah", "US"); computed once, since
    /// every stage asks.
    public let isCapitalized: Bool
    /// All letters upper case and at least two of them ("US", "IRGC", "U.S.").
    public let isAcronym: Bool
    /// Lexicon phrases starting at this token, longest first: looked up in
    /// the trie once (`LexiconIndex.annotate`), read by every stage.
    public var matches = LexiconMatches()

    public init(text: String, lower: String, start: Int32, end: Int32, kind: Kind, glued: Bool) {
        let (capitalized, acronym) = Token.caseFlags(text)
        self.init(text: text, lower: lower, lowerHash: WordTable.asciiHash(lower), start: start, end: end, kind: kind,
                  glued: glued, capitalized: capitalized, acronym: acronym)
    }

    /// With the case flags and the hash already known (the tokenizer reads
    /// them off the scalars as it builds the text).
    init(text: String, lower: String, lowerHash: UInt64, start: Int32, end: Int32, kind: Kind, glued: Bool,
         capitalized: Bool, acronym: Bool) {
        self.text = text
        self.lower = lower
        self.lowerHash = lowerHash
        self.start = start
        self.end = end
        self.kind = kind
        self.glued = glued
        self.isCapitalized = capitalized
        self.isAcronym = acronym
    }

    /// `isCapitalized` and `isAcronym` of a text.
    static func caseFlags(_ text: String) -> (capitalized: Bool, acronym: Bool) {
        var capitalized = false
        var acronym = true
        var letters = 0
        for (n, s) in text.unicodeScalars.enumerated() {
            let upper = s.isASCII ? (s.value >= 0x41 && s.value <= 0x5A) : UnicodeTables.isUppercase(s)
            if n == 0 { capitalized = upper }
            let letter = s.isASCII ? (upper || (s.value >= 0x61 && s.value <= 0x7A)) : UnicodeTables.isAlphabetic(s)
            if letter {
                letters += 1
                if !upper { acronym = false }
            }
        }
        return (capitalized, acronym && letters >= 2)
    }

    public var isWord: Bool { kind == .word }

    /// Whether this is the punctuation mark `mark` (",", "(", a dash "\u{2014}"):
    /// the kind is compared first, so words cost no string comparison.
    @inline(__always)
    func isMark(_ mark: String) -> Bool { kind == .punctuation && text == mark }

    /// This token moved to `start..<end`, glued or not.
    func at(_ start: Int, _ end: Int, _ glued: Bool) -> Token {
        var t = self
        t.start = Int32(start)
        t.end = Int32(end)
        t.glued = glued
        return t
    }
}

/// A sentence: its place in the document and its tokens.
public struct Sentence: Sendable {
    public var index: Int
    public var start: Int32
    public var end: Int32
    public var tokens: [Token]
}

extension Array where Element == Token {
    /// The lexicon phrases starting at token `k`; none past either end, so
    /// a rule can look one token ahead without checking.
    func lexicon(at k: Int) -> LexiconMatches {
        k >= 0 && k < count ? self[k].matches : LexiconMatches()
    }
}
