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
    public var lower: String
    /// Code-point offsets in the document, half-open.
    public var start: Int32
    public var end: Int32
    public var kind: Kind
    /// No white space between this token and the previous one.
    public var glued: Bool

    public var isCapitalized: Bool {
        guard let first = text.unicodeScalars.first else { return false }
        return first.properties.isUppercase
    }

    /// All letters upper case and at least two of them ("US", "IRGC", "U.S.").
    public var isAcronym: Bool {
        var letters = 0
        for s in text.unicodeScalars where s.properties.isAlphabetic {
            if !s.properties.isUppercase { return false }
            letters += 1
        }
        return letters >= 2
    }

    public var isWord: Bool { kind == .word }
}

/// A sentence: its place in the document and its tokens.
public struct Sentence: Sendable {
    public var index: Int
    public var start: Int32
    public var end: Int32
    public var tokens: [Token]
}
