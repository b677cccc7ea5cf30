import ParleyGraph
import ParleyOntology

/// What a phrase of the lexicon is.
public enum LexiconHit: Hashable, Sendable {
    /// A name that always denotes the entity (`lexicon.entities[i]`).
    case name(Int)
    /// A demonym ("Israeli"): denotes the state only in some contexts.
    case demonym(Int)
    /// A capital or seat of power ("Tehran"): the state only when it acts.
    case metonym(Int)
    case roleTitle(Int)
    case trigger(Int)
    case proposalNoun(Int)
    case conditionCue(Int)
    case anaphor(Int)
    case word(WordListName)
}

/// A phrase found at a token position.
public struct LexiconMatch: Hashable, Sendable {
    public var length: Int
    public var hit: LexiconHit
}

/// Every phrase of the lexicon in one trie over lower-case tokens, so a
/// sentence is matched in one pass whatever the size of the lexicon.
///
/// Phrases are tokenized with the same tokenizer as the text, so
/// "cease-fire", "U.S." and "Al-Thani" line up token for token. Acronyms
/// ("US", "UN", "IS") match only in capitals; other names need a capital
/// first letter; common words match in any case.
public struct LexiconIndex: Sendable {
    private struct TrieNode: Sendable {
        var children: [String: Int32] = [:]
        var hits: [(hit: LexiconHit, form: Int32)] = []
    }

    private enum CaseRule: UInt8, Sendable { case any, capitalized, exact }

    private var nodes: [TrieNode] = [TrieNode()]
    /// Original tokens of each phrase form, for the case rules.
    private var forms: [(tokens: [String], rule: CaseRule)] = []
    public let lexicon: Lexicon

    private let abbreviations: Set<String>

    public init(lexicon: Lexicon) {
        self.lexicon = lexicon
        self.abbreviations = Set(lexicon.words(.abbreviations).map { $0.lowercased() })
        for (i, e) in lexicon.entities.enumerated() {
            add(e.label, .name(i), names: true)
            for n in e.names { add(n, .name(i), names: true) }
            for d in e.demonyms { add(d, .demonym(i), names: true) }
            for m in e.metonyms { add(m, .metonym(i), names: true) }
        }
        for (i, r) in lexicon.roleTitles.enumerated() { add(r.phrase, .roleTitle(i)) }
        for (i, t) in lexicon.triggers.enumerated() { for f in t.forms { add(f, .trigger(i)) } }
        for (i, p) in lexicon.proposalNouns.enumerated() { add(p.phrase, .proposalNoun(i)) }
        for (i, c) in lexicon.conditionCues.enumerated() { add(c.phrase, .conditionCue(i)) }
        for (i, a) in lexicon.anaphors.enumerated() { add(a.noun, .anaphor(i)) }
        for list in WordListName.allCases where list != .abbreviations {
            for w in lexicon.words(list) { add(w, .word(list), names: list == .organizationCues || list == .honorifics) }
        }
    }

    /// Tokens of a lexicon phrase, as the text tokenizer would cut them.
    static func tokens(of phrase: String, abbreviations: Set<String> = []) -> [Token] {
        var t = Tokenizer(scalars: Array(phrase.unicodeScalars), abbreviations: abbreviations)
        var out: [Token] = []
        while let (token, _) = t.next() { out.append(token) }
        return out
    }

    private mutating func add(_ phrase: String, _ hit: LexiconHit, names: Bool = false) {
        let toks = LexiconIndex.tokens(of: phrase, abbreviations: abbreviations)
        guard !toks.isEmpty else { return }
        var rule = CaseRule.any
        if names {
            if toks.count == 1 && toks[0].isAcronym { rule = .exact }
            else if toks.first!.isCapitalized { rule = .capitalized }
        }
        var node = 0
        for t in toks {
            if let next = nodes[node].children[t.lower] {
                node = Int(next)
            } else {
                nodes.append(TrieNode())
                nodes[node].children[t.lower] = Int32(nodes.count - 1)
                node = nodes.count - 1
            }
        }
        if nodes[node].hits.contains(where: { $0.hit == hit }) { return }
        forms.append((toks.map(\.text), rule))
        nodes[node].hits.append((hit, Int32(forms.count - 1)))
    }

    /// Every phrase starting at `start`, longest first.
    public func matches(in tokens: [Token], at start: Int) -> [LexiconMatch] {
        var out: [LexiconMatch] = []
        var node = 0
        var i = start
        while i < tokens.count, let next = nodes[node].children[tokens[i].lower] {
            node = Int(next)
            i += 1
            for (hit, form) in nodes[node].hits where accepts(form: Int(form), tokens: tokens, start: start) {
                out.append(LexiconMatch(length: i - start, hit: hit))
            }
        }
        // Longest first; at one length, in lexicon order (names before demonyms).
        return out.enumerated().sorted { a, b in
            a.element.length != b.element.length ? a.element.length > b.element.length : a.offset < b.offset
        }.map(\.element)
    }

    private func accepts(form: Int, tokens: [Token], start: Int) -> Bool {
        let (formTokens, rule) = forms[form]
        switch rule {
        case .any: return true
        case .capitalized: return tokens[start].isCapitalized || tokens[start].lower == "the"
        case .exact:
            for (k, t) in formTokens.enumerated() where tokens[start + k].text != t { return false }
            return true
        }
    }

    /// Fills `matches` for every sentence, so each token position is looked
    /// up in the trie once however many stages ask.
    public func annotate(_ sentences: inout [Sentence]) {
        for i in sentences.indices {
            let tokens = sentences[i].tokens
            for k in tokens.indices { sentences[i].tokens[k].matches = matches(in: tokens, at: k) }
        }
    }

    /// The length of the `list` phrase starting at `tokens[i]`, if any.
    public static func word(_ tokens: [Token], at i: Int, in list: WordListName) -> Int? {
        for m in tokens.lexicon(at: i) { if case .word(list) = m.hit { return m.length } }
        return nil
    }
}
