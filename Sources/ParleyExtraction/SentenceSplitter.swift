/// Splits a document into sentences of tokens.
///
/// A line break always ends a sentence (headlines and bullet lines stand
/// alone). A full stop, `!` or `?` ends one unless it closes an abbreviation
/// from the lexicon ("Gen.", "Dr.", "Sen.") or an initialism ("U.S."); an
/// initialism still ends the sentence when the next word is a capitalised
/// word that never starts a name ("... with the U.S. The talks ...").
public struct SentenceSplitter: Sendable {
    let abbreviations: WordSet
    let sentenceStarters: WordSet

    /// - Parameters:
    ///   - abbreviations: lower-case abbreviations with their full stop ("gen.").
    ///   - sentenceStarters: capitalised words that never start a name ("The").
    public init(abbreviations: [String], sentenceStarters: [String]) {
        self.abbreviations = WordSet(abbreviations.map { $0.lowercased() })
        self.sentenceStarters = WordSet(sentenceStarters)
    }

    public func split(_ document: SourceDocument) -> [Sentence] {
        document.scalars.withUnsafeBufferPointer { split($0) }
    }

    private func split(_ scalars: UnsafeBufferPointer<Unicode.Scalar>) -> [Sentence] {
        var tokenizer = Tokenizer(scalars: scalars, abbreviations: abbreviations)
        var sentences: [Sentence] = []
        var current: [Token] = []

        // Tokens are read in place (by index, built straight into the
        // sentence): each copy of a token counts three references.
        func close() {
            guard !current.isEmpty else { return }
            sentences.append(Sentence(index: sentences.count, start: current[0].start, end: current[current.count - 1].end,
                                      tokens: current))
            current.removeAll(keepingCapacity: true)
        }

        while tokenizer.advance() {
            if tokenizer.lineBreakBefore { close() }
            let kind = tokenizer.kind
            // A word's text is its scalars (apostrophes aside), so its last
            // scalar tells whether it can end in a full stop.
            if kind == .word, let p = current.indices.last, current[p].kind == .word, scalars[Int(current[p].end) - 1] == ".",
               current[p].text.hasSuffix("."), isInitialism(current[p].text),
               sentenceStarters.contains(tokenizer.token().text) {
                close()
            }
            current.append(tokenizer.token())
            // Punctuation tokens are one scalar, or a dash run written as a dash.
            if kind == .punctuation, tokenizer.position - tokenizer.start == 1 {
                let s = scalars[tokenizer.start]
                if s == "." || s == "!" || s == "?" { close() }
            }
        }
        close()
        return sentences
    }

    private func isInitialism(_ text: String) -> Bool {
        // "U.S." and "U.N.": letters each followed by a full stop.
        var expectLetter = true
        for s in text.unicodeScalars {
            if expectLetter { guard Tokenizer.isAlphabetic(s) else { return false } } else { guard s == "." else { return false } }
            expectLetter.toggle()
        }
        return expectLetter && text.count >= 4
    }
}

/// Cuts the scalars of a document into tokens; see `Token` for what becomes
/// a token and what is dropped.
///
/// Nearly all text is ASCII, so each test has an ASCII branch that reads
/// the scalar's value and leaves the Unicode property tables for the rest.
struct Tokenizer {
    /// The text, borrowed for the tokenizer's life (see `tokens(of:abbreviations:)`).
    let scalars: UnsafeBufferPointer<Unicode.Scalar>
    let abbreviations: WordSet
    /// Where the scan is: the end of the current token.
    private(set) var position = 0
    /// The current token (`advance()`): its start, kind and spacing.
    private(set) var start = 0
    private(set) var kind = Token.Kind.punctuation
    private(set) var glued = false
    /// Whether a line break stood before the current token.
    private(set) var lineBreakBefore = false

    init(scalars: UnsafeBufferPointer<Unicode.Scalar>, abbreviations: WordSet) {
        self.scalars = scalars
        self.abbreviations = abbreviations
    }

    /// Every token of `scalars`.
    static func tokens(of scalars: [Unicode.Scalar], abbreviations: WordSet) -> [Token] {
        scalars.withUnsafeBufferPointer { buffer in
            var t = Tokenizer(scalars: buffer, abbreviations: abbreviations)
            var out: [Token] = []
            while t.advance() { out.append(t.token()) }
            return out
        }
    }

    /// ASCII letters and digits, as bits of two masks (0-63, 64-127).
    private static let wordMaskLow: UInt64 = 0x03FF_0000_0000_0000
    private static let wordMaskHigh: UInt64 = 0x07FF_FFFE_07FF_FFFE

    @inline(__always)
    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x40 { return (wordMaskLow >> UInt64(v)) & 1 != 0 }
        if v < 0x80 { return (wordMaskHigh >> UInt64(v - 0x40)) & 1 != 0 }
        return UnicodeTables.isWord(s)
    }

    @inline(__always)
    static func isAlphabetic(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII {
            let v = s.value | 0x20
            return v >= 0x61 && v <= 0x7A
        }
        return UnicodeTables.isAlphabetic(s)
    }

    @inline(__always)
    static func isUppercase(_ s: Unicode.Scalar) -> Bool {
        s.isASCII ? (s.value >= 0x41 && s.value <= 0x5A) : UnicodeTables.isUppercase(s)
    }

    static func isApostrophe(_ s: Unicode.Scalar) -> Bool {
        s == "'" || s == "\u{2019}" || s == "\u{2018}" || s == "\u{02BC}" || s == "`" || s == "\u{00B4}"
    }

    static func isQuote(_ s: Unicode.Scalar) -> Bool {
        s == "\"" || s == "\u{201C}" || s == "\u{201D}" || s == "\u{201E}" || s == "\u{00AB}" || s == "\u{00BB}"
            || s == "\u{2039}" || s == "\u{203A}" || isApostrophe(s)
    }

    static func isDash(_ s: Unicode.Scalar) -> Bool {
        s == "-" || s == "\u{2010}" || s == "\u{2011}" || s == "\u{2012}" || s == "\u{2013}" || s == "\u{2014}" || s == "\u{2015}"
    }

    static func isLineBreak(_ s: Unicode.Scalar) -> Bool {
        s == "\n" || s == "\u{2028}" || s == "\u{2029}" || s == "\u{85}"
    }

    /// White space, a format character or a control character: a gap
    /// between tokens. In ASCII these are the scalars up to the space, and
    /// DEL.
    @inline(__always)
    static func isGap(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII { return s.value <= 0x20 || s.value == 0x7F }
        return UnicodeTables.isGap(s)
    }

    /// The token's text (apostrophes normalised to '), its lower case, and
    /// whether it is capitalised and an acronym (see `Token`). ASCII tokens
    /// (nearly all) are built straight from their bytes, as small strings
    /// when they fit (`SmallASCIIString`), and share one string when already
    /// lower case.
    static func strings(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, _ range: Range<Int>)
        -> (text: String, lower: String, lowerHash: UInt64, capitalized: Bool, acronym: Bool) {
        let n = range.count
        guard n <= SmallASCIIString.capacity, let base = scalars.baseAddress else { return longStrings(scalars[range]) }
        // The scalars narrowed to bytes, four at a time, into two words as
        // a small string keeps them; then each word's eight bytes are
        // cased at once (`ASCIILanes`).
        var raw: (UInt64, UInt64) = (0, 0)
        var high: UInt64 = 0
        withUnsafeMutableBytes(of: &raw) { out in
            var i = range.lowerBound, j = 0
            while i + 4 <= range.upperBound {
                let p = UnsafeRawPointer(base + i)
                let a = p.loadUnaligned(as: UInt64.self), b = (p + 8).loadUnaligned(as: UInt64.self)
                high |= a | b
                let quad = a & 0xFF | (a >> 24) & 0xFF00 | (b & 0xFF) << 16 | (b >> 8) & 0xFF00_0000
                out.storeBytes(of: UInt32(truncatingIfNeeded: quad), toByteOffset: j, as: UInt32.self)
                i += 4
                j += 4
            }
            while i < range.upperBound {
                let v = UInt64(base[i].value)
                high |= v
                out[j] = UInt8(truncatingIfNeeded: v)
                i += 1
                j += 1
            }
        }
        guard high & 0xFFFF_FF80_FFFF_FF80 == 0 else { return longStrings(scalars[range]) }
        let text = (ASCIILanes.apostrophesNormalised(raw.0), ASCIILanes.apostrophesNormalised(raw.1))
        let upper = (ASCIILanes.uppercaseLetters(text.0), ASCIILanes.uppercaseLetters(text.1))
        let lower = (text.0 | upper.0 >> 2, text.1 | upper.1 >> 2)
        let hasLower = ASCIILanes.lowercaseLetters(text.0) | ASCIILanes.lowercaseLetters(text.1) != 0
        let upperCount = upper.0.nonzeroBitCount + upper.1.nonzeroBitCount
        let lowerHash = withUnsafeBytes(of: lower) { WordTable.hash(WordTable.words($0.baseAddress!, n), n) }
        let lowerString = SmallASCIIString.string(lower, count: n)
        return (upperCount == 0 ? lowerString : SmallASCIIString.string(text, count: n), lowerString, lowerHash,
                upper.0 & 0x80 != 0, !hasLower && upperCount >= 2)
    }

    /// `strings` of a token too long for a small string or not ASCII.
    private static func longStrings(_ slice: Slice<UnsafeBufferPointer<Unicode.Scalar>>)
        -> (text: String, lower: String, lowerHash: UInt64, capitalized: Bool, acronym: Bool) {
        var utf8: [UInt8] = []
        utf8.reserveCapacity(slice.count * 2)
        for s in slice { UTF8.encode(isApostrophe(s) ? "'" : s) { utf8.append($0) } }
        let text = String(decoding: utf8, as: UTF8.self)
        let (capitalized, acronym) = Token.caseFlags(text)
        let lower = text.lowercased()
        return (text, lower, WordTable.asciiHash(lower), capitalized, acronym)
    }

    /// Moves to the next token; false at the end of the text. The token's
    /// place is `start..<position`, `kind`, `glued` and `lineBreakBefore`;
    /// `token()` builds it.
    mutating func advance() -> Bool {
        var lineBreak = false
        var sawSpace = false
        let count = scalars.count
        while position < count {
            let s = scalars[position]
            if s.isASCII && Tokenizer.isWordScalar(s) { break }
            if Tokenizer.isLineBreak(s) {
                lineBreak = true
                sawSpace = true
                position += 1
            } else if Tokenizer.isGap(s) {
                sawSpace = true
                position += 1
            } else if Tokenizer.isQuote(s) && !startsPossessive(at: position) && !startsNegation(at: position) {
                position += 1
            } else if (s == "[" || s == "(") && skipCitation() {
                sawSpace = true
            } else {
                break
            }
        }
        lineBreakBefore = lineBreak
        guard position < count else { return false }
        let start = position
        let s = scalars[position]
        var kind = Token.Kind.punctuation
        if Tokenizer.isWordScalar(s) {
            kind = scanWord()
        } else if startsPossessive(at: position) {
            position += 2
            kind = .possessive
        } else if startsNegation(at: position) {
            position += 3
            kind = .word
        } else if Tokenizer.isDash(s) {
            position += 1
            while position < count && Tokenizer.isDash(scalars[position]) { position += 1 }
            // Quotes do not break a compound: 'Israel'-Lebanon is Israel - Lebanon.
            var right = position
            while right < count && Tokenizer.isQuote(scalars[right]) { right += 1 }
            var left = start - 1
            while left >= 0 && Tokenizer.isQuote(scalars[left]) { left -= 1 }
            let gluedRight = right < count && Tokenizer.isWordScalar(scalars[right])
            // "U.S.-brokered": an initialism's stop glues too.
            let gluedLeft = left >= 0 && (Tokenizer.isWordScalar(scalars[left])
                || (scalars[left] == "." && left > 0 && Tokenizer.isUppercase(scalars[left - 1])))
            kind = (!sawSpace && gluedRight && gluedLeft && scalars[start] == "-") ? .hyphen : .punctuation
        } else {
            position += 1
        }
        self.start = start
        self.kind = kind
        glued = !sawSpace && start > 0
        return true
    }

    /// The tokens of a compound's hyphen and of a dash run, whose text is
    /// always the same; `at` places them.
    private static let hyphen = Token(text: "-", lower: "-", start: 0, end: 0, kind: .hyphen, glued: false)
    private static let dash = Token(text: "\u{2014}", lower: "\u{2014}", start: 0, end: 0, kind: .punctuation, glued: false)

    /// The current token.
    func token() -> Token {
        if kind == .hyphen || (kind == .punctuation && Tokenizer.isDash(scalars[start])) {
            return kind == .hyphen ? Tokenizer.hyphen.at(start, position, glued) : Tokenizer.dash.at(start, position, glued)
        }
        let (text, lower, lowerHash, capitalized, acronym) = position - start == 1 && scalars[start].isASCII
            ? Tokenizer.oneScalarStrings[Int(scalars[start].value)]
            : Tokenizer.strings(scalars, start..<position)
        return Token(text: text, lower: lower, lowerHash: lowerHash, start: Int32(start), end: Int32(position), kind: kind,
                     glued: glued, capitalized: capitalized, acronym: acronym)
    }

    /// `strings` of each one-scalar ASCII token (",", ".", "a", "I"), made
    /// once: one token in six or so is one of these.
    private static let oneScalarStrings = (0..<128).map { (v: UInt8) in
        [Unicode.Scalar(v)].withUnsafeBufferPointer { strings($0, 0..<1) }
    }

    /// A word: letters, digits and marks; apostrophes between letters
    /// ("O'Brien") but not a possessive "'s" or "n't"; digit groups
    /// ("1,754", "2.5"); initialisms with their stops ("U.S."); and a listed
    /// abbreviation's full stop ("Gen.").
    private mutating func scanWord() -> Token.Kind {
        let start = position
        let count = scalars.count
        // A local position (the stored one is written back once), and the
        // digit test only while the word is all digits so far.
        var p = position
        var allDigits = true
        while p < count {
            let s = scalars[p]
            if Tokenizer.isWordScalar(s) {
                if allDigits && s.value &- 0x30 >= 10 { allDigits = false }
                p += 1
                continue
            }
            // What may go on with the word: an apostrophe between letters
            // (unless it starts "n't" or a possessive), a digit group's
            // comma or stop.
            if Tokenizer.isApostrophe(s) {
                if p - 1 > start && startsNegation(at: p - 1) {
                    p -= 1
                    break
                }
                if p + 1 < count && Tokenizer.isWordScalar(scalars[p + 1]) && !startsPossessive(at: p) {
                    p += 1
                    continue
                }
            } else if (s == "," || s == ".") && allDigits && p + 1 < count && Tokenizer.isWordScalar(scalars[p + 1])
                && UnicodeTables.isNumeric(scalars[p + 1]) {
                p += 1
                continue
            }
            break
        }
        position = p
        // Initialism: "U.S.", "U.N." (single letters each followed by a stop).
        if position - start == 1, position + 1 < scalars.count, scalars[position] == ".",
           Tokenizer.isAlphabetic(scalars[start]) {
            var end = position
            // Initialisms are short ("U.S.", "U.N.S.C."); bounding the scan keeps
            // "A.B.C.D..." chains linear.
            while end + 1 < scalars.count, end - position < 12, scalars[end] == ".", Tokenizer.isAlphabetic(scalars[end + 1]),
                  end + 2 < scalars.count, scalars[end + 2] == "." || !Tokenizer.isWordScalar(scalars[end + 2]) {
                end += 2
                if end < scalars.count, scalars[end] == "." { continue }
                break
            }
            if end > position, end < scalars.count, scalars[end] == "." {
                position = end + 1
                return .word
            }
        }
        if position < scalars.count, scalars[position] == ".", isAbbreviation(start...position) { position += 1 }
        return allDigits ? .number : .word
    }

    /// Whether the scalars `range` (a word and its full stop), in lower
    /// case, are a listed abbreviation.
    private func isAbbreviation(_ range: ClosedRange<Int>) -> Bool {
        guard !abbreviations.isEmpty else { return false }
        if range.count <= 32 {
            // ASCII: lower-case the bytes on the stack and look them up.
            let found: Bool? = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: range.count) { buffer in
                for (j, i) in range.enumerated() {
                    let v = scalars[i].value
                    guard v < 0x80 else { return nil }
                    buffer[j] = v >= 0x41 && v <= 0x5A ? UInt8(v + 32) : UInt8(v)
                }
                return abbreviations.contains(asciiBytes: UnsafeBufferPointer(buffer))
            }
            if let found { return found }
        }
        return abbreviations.contains(String(String.UnicodeScalarView(scalars[range])).lowercased())
    }

    /// "'s" or "’s" closing a word: a possessive, its own token.
    private func startsPossessive(at i: Int) -> Bool {
        guard i > 0, i + 1 < scalars.count, Tokenizer.isApostrophe(scalars[i]),
              Tokenizer.isWordScalar(scalars[i - 1]), scalars[i + 1] == "s" || scalars[i + 1] == "S" else { return false }
        return i + 2 >= scalars.count || !Tokenizer.isWordScalar(scalars[i + 2])
    }

    /// "n't" ending a word: "didn't" is `did` `n't`.
    private func startsNegation(at i: Int) -> Bool {
        guard i + 2 < scalars.count, scalars[i] == "n", Tokenizer.isApostrophe(scalars[i + 1]), scalars[i + 2] == "t" else { return false }
        return i + 3 >= scalars.count || !Tokenizer.isWordScalar(scalars[i + 3])
    }

    /// Skips "[1, 2, 3]" and "(25)": citation and date markers that are
    /// not words of the sentence. Returns false, moving nothing, otherwise.
    private mutating func skipCitation() -> Bool {
        let close: Unicode.Scalar = scalars[position] == "[" ? "]" : ")"
        var i = position + 1
        var digits = 0
        while i < scalars.count, i - position < 40 {
            let s = scalars[i]
            if s == close {
                guard digits > 0 else { return false }
                position = i + 1
                return true
            }
            if s.value >= 0x30 && s.value <= 0x39 { digits += 1 } else if s != "," && s != " " && s != "-" && s != "\u{2013}" { return false }
            i += 1
        }
        return false
    }
}

/// Eight ASCII bytes in a word, tested and cased all at once (SWAR): every
/// byte is below 0x80, so adding to one never carries into the next, and
/// each answer is a byte's top bit.
enum ASCIILanes {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let tops: UInt64 = 0x8080_8080_8080_8080

    /// The top bit of each byte that is at least `c` (1...0x80).
    @inline(__always)
    static func atLeast(_ x: UInt64, _ c: UInt64) -> UInt64 { (x &+ (0x80 - c) &* ones) & tops }

    /// The top bit of each byte in `range`.
    @inline(__always)
    static func within(_ x: UInt64, _ range: ClosedRange<UInt64>) -> UInt64 {
        atLeast(x, range.lowerBound) & ~atLeast(x, range.upperBound + 1)
    }

    @inline(__always)
    static func uppercaseLetters(_ x: UInt64) -> UInt64 { within(x, 0x41...0x5A) }

    @inline(__always)
    static func lowercaseLetters(_ x: UInt64) -> UInt64 { within(x, 0x61...0x7A) }

    /// Backticks written as apostrophes, as the tokenizer normalises them.
    @inline(__always)
    static func apostrophesNormalised(_ x: UInt64) -> UInt64 { x ^ ((within(x, 0x60...0x60) >> 7) &* (0x60 ^ 0x27)) }
}

/// The Unicode property tests the tokenizer makes beyond ASCII.
///
/// Asking the standard library costs about a thousand instructions a
/// property, and news text beyond ASCII is mostly curly quotes, dashes and
/// accented Latin letters: those scalars' answers are read off a table made
/// once (`common`), and only the rest ask.
enum UnicodeTables {
    private static let word: UInt8 = 1, gap: UInt8 = 2, numeric: UInt8 = 4, alphabetic: UInt8 = 8, uppercase: UInt8 = 16

    /// Scalars below 0x250 (Latin-1, Latin Extended-A and -B) and the
    /// General Punctuation block, 0x2000..<0x2070, as a flag byte each.
    private static let latinEnd: UInt32 = 0x250
    private static let punctuation: ClosedRange<UInt32> = 0x2000...0x206F
    private static let common: [UInt8] = {
        let values = Array(0..<latinEnd) + Array(punctuation)
        return values.map { v in
            let s = Unicode.Scalar(v)!
            return (askIsWord(s) ? word : 0) | (askIsGap(s) ? gap : 0) | (askIsNumeric(s) ? numeric : 0)
                | (askIsAlphabetic(s) ? alphabetic : 0) | (askIsUppercase(s) ? uppercase : 0)
        }
    }()

    /// The flags of `s` when it is in `common`.
    @inline(__always)
    private static func flags(_ s: Unicode.Scalar) -> UInt8? {
        let v = s.value
        if v < latinEnd { return common[Int(v)] }
        if punctuation.contains(v) { return common[Int(latinEnd + v - punctuation.lowerBound)] }
        return nil
    }

    static func isWord(_ s: Unicode.Scalar) -> Bool { flags(s).map { $0 & word != 0 } ?? askIsWord(s) }
    static func isGap(_ s: Unicode.Scalar) -> Bool { flags(s).map { $0 & gap != 0 } ?? askIsGap(s) }
    static func isNumeric(_ s: Unicode.Scalar) -> Bool { flags(s).map { $0 & numeric != 0 } ?? askIsNumeric(s) }
    static func isAlphabetic(_ s: Unicode.Scalar) -> Bool { flags(s).map { $0 & alphabetic != 0 } ?? askIsAlphabetic(s) }
    static func isUppercase(_ s: Unicode.Scalar) -> Bool { flags(s).map { $0 & uppercase != 0 } ?? askIsUppercase(s) }

    // Each question to the standard library in a function of its own: the
    // property types (`GeneralCategory`, `NumericType`) are resilient, and
    // a function that mentions them sets up their storage through runtime
    // metadata on every call, taken or not.

    @inline(never)
    private static func askIsWord(_ s: Unicode.Scalar) -> Bool {
        let p = s.properties
        return p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark
            || p.generalCategory == .spacingMark
    }

    @inline(never)
    private static func askIsGap(_ s: Unicode.Scalar) -> Bool {
        let p = s.properties
        return p.isWhitespace || p.generalCategory == .format || p.generalCategory == .control
    }

    @inline(never)
    private static func askIsNumeric(_ s: Unicode.Scalar) -> Bool { s.properties.numericType != nil }

    @inline(never)
    private static func askIsAlphabetic(_ s: Unicode.Scalar) -> Bool { s.properties.isAlphabetic }

    @inline(never)
    private static func askIsUppercase(_ s: Unicode.Scalar) -> Bool { s.properties.isUppercase }
}
