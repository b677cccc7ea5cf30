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
///
/// The trie is keyed by word numbers, not strings: each token's lower case
/// is looked up once in `vocabulary` (the words of the lexicon's phrases),
/// and a word the lexicon does not have ends the walk at once.
public struct LexiconIndex: Sendable {
    private struct TrieNode: Sendable {
        var hits: [(hit: LexiconHit, form: Int32)] = []
    }

    private enum CaseRule: UInt8, Sendable { case any, capitalized, exact }

    /// The trie, built once and shared: the stages copy the index with
    /// themselves for every sentence, and one reference is all a copy counts.
    private final class Storage: Sendable {
        let lexicon: Lexicon
        /// The phrases ending at node `n` are `hits[hitStart[n]..<hitStart[n + 1]]`,
        /// in lexicon order, with their forms in `hitForms`.
        let hitStart: [Int32]
        let hits: [LexiconHit]
        let hitForms: [Int32]
        /// Lower-case token forms of the phrases, numbered.
        let vocabulary: WordTable
        /// Children of the root by word number (0: none).
        let rootChildren: [Int32]
        /// Deeper edges: `node << 32 | word` to child.
        let children: EdgeTable
        /// Original tokens of each phrase form, for the case rules.
        let formTokens: [[String]]
        let formRules: [CaseRule]
        /// Per word number, when the answer does not depend on the tokens
        /// around or the case (the word starts no phrase, or only one-word
        /// phrases that match in any case): the phrases, ready to copy.
        let quickReady: [Bool]
        let quickMatches: [LexiconMatches]
        /// Each phrase's hit and the lower case of its first token.
        let phraseStarts: [(hit: LexiconHit, word: String)]

        init(_ b: Builder) {
            lexicon = b.lexicon
            var hitStart: [Int32] = [0], hits: [LexiconHit] = [], hitForms: [Int32] = []
            for node in b.nodes {
                for (hit, form) in node.hits {
                    hits.append(hit)
                    hitForms.append(form)
                }
                hitStart.append(Int32(hits.count))
            }
            self.hitStart = hitStart
            self.hits = hits
            self.hitForms = hitForms
            var quickReady = Array(repeating: false, count: b.rootChildren.count)
            var quickMatches = Array(repeating: LexiconMatches(), count: b.rootChildren.count)
            for (word, child) in b.rootChildren.enumerated() {
                let node = Int(child)
                if node == 0 {
                    quickReady[word] = true
                } else if !b.hasChildren[node], b.nodes[node].hits.allSatisfy({ b.forms[Int($0.form)].rule == .any }) {
                    quickReady[word] = true
                    quickMatches[word] = LexiconMatches(b.nodes[node].hits.map { LexiconMatch(length: 1, hit: $0.hit) })
                }
            }
            self.quickReady = quickReady
            self.quickMatches = quickMatches
            phraseStarts = b.phraseStarts.map { ($0.hit, b.words[Int($0.word)]) }
            vocabulary = WordTable.interned(b.words)
            rootChildren = b.rootChildren
            children = b.children
            formTokens = b.forms.map(\.tokens)
            formRules = b.forms.map(\.rule)
        }
    }

    private let storage: Storage
    public var lexicon: Lexicon { storage.lexicon }
    var vocabulary: WordTable { storage.vocabulary }

    public init(lexicon: Lexicon) {
        var b = Builder(lexicon: lexicon)
        for (i, e) in lexicon.entities.enumerated() {
            b.add(e.label, .name(i), names: true)
            for n in e.names { b.add(n, .name(i), names: true) }
            for d in e.demonyms { b.add(d, .demonym(i), names: true) }
            for m in e.metonyms { b.add(m, .metonym(i), names: true) }
        }
        for (i, r) in lexicon.roleTitles.enumerated() { b.add(r.phrase, .roleTitle(i)) }
        for (i, t) in lexicon.triggers.enumerated() { for f in t.forms { b.add(f, .trigger(i)) } }
        for (i, p) in lexicon.proposalNouns.enumerated() { b.add(p.phrase, .proposalNoun(i)) }
        for (i, c) in lexicon.conditionCues.enumerated() { b.add(c.phrase, .conditionCue(i)) }
        for (i, a) in lexicon.anaphors.enumerated() { b.add(a.noun, .anaphor(i)) }
        for list in WordListName.allCases where list != .abbreviations {
            for w in lexicon.words(list) { b.add(w, .word(list), names: list == .organizationCues || list == .honorifics) }
        }
        storage = Storage(b)
    }

    /// The lower-case words the phrases whose hit `accepts` start with. A
    /// token whose lower case is none of them starts none of those phrases:
    /// one lookup tells a stage so, without reading the token's phrases.
    func startWords(where accepts: (LexiconHit) -> Bool) -> WordSet {
        WordSet(storage.phraseStarts.filter { accepts($0.hit) }.map(\.word))
    }

    /// Tokens of a lexicon phrase, as the text tokenizer would cut them.
    static func tokens(of phrase: String, abbreviations: WordSet = noAbbreviations) -> [Token] {
        Tokenizer.tokens(of: Array(phrase.unicodeScalars), abbreviations: abbreviations)
    }

    /// The empty set, made once (making a set looks it up in the process's tables).
    static let noAbbreviations = WordSet()

    private struct Builder {
        let lexicon: Lexicon
        let abbreviations: WordSet
        var nodes: [TrieNode] = [TrieNode()]
        /// Whether a node has children (the root's are `rootChildren`).
        var hasChildren: [Bool] = [true]
        /// Word numbers of the lower-case token forms, in order of first use.
        var vocabulary: [String: Int32] = [:]
        var words: [String] = []
        var rootChildren: [Int32] = []
        var children = EdgeTable()
        var forms: [(tokens: [String], rule: CaseRule)] = []
        /// Each phrase's hit and the word number of its first token.
        var phraseStarts: [(hit: LexiconHit, word: Int32)] = []

        init(lexicon: Lexicon) {
            self.lexicon = lexicon
            abbreviations = WordSet(lexicon.words(.abbreviations).map { $0.lowercased() })
        }

        mutating func add(_ phrase: String, _ hit: LexiconHit, names: Bool = false) {
            let toks = LexiconIndex.tokens(of: phrase, abbreviations: abbreviations)
            guard !toks.isEmpty else { return }
            var rule = CaseRule.any
            if names {
                if toks.count == 1 && toks[0].isAcronym { rule = .exact }
                else if toks.first!.isCapitalized { rule = .capitalized }
            }
            var node = 0
            var firstWord: Int32 = -1
            for t in toks {
                let word: Int32
                if let known = vocabulary[t.lower] {
                    word = known
                } else {
                    word = Int32(words.count)
                    vocabulary[t.lower] = word
                    words.append(t.lower)
                    rootChildren.append(0)
                }
                if node == 0 { firstWord = word }
                let existing = node == 0 ? rootChildren[Int(word)] : (children.find(node, word) ?? 0)
                if existing != 0 {
                    node = Int(existing)
                } else {
                    nodes.append(TrieNode())
                    hasChildren.append(false)
                    let next = nodes.count - 1
                    if node == 0 { rootChildren[Int(word)] = Int32(next) } else { children.insert(node, word, Int32(next)) }
                    hasChildren[node] = true
                    node = next
                }
            }
            if nodes[node].hits.contains(where: { $0.hit == hit }) { return }
            forms.append((toks.map(\.text), rule))
            nodes[node].hits.append((hit, Int32(forms.count - 1)))
            phraseStarts.append((hit, firstWord))
        }
    }

    @inline(__always)
    private func child(of node: Int, _ word: Int32) -> Int? {
        if node == 0 {
            let c = storage.rootChildren[Int(word)]
            return c == 0 ? nil : Int(c)
        }
        return storage.children.find(node, word).map(Int.init)
    }

    /// The word number of each token's lower case, -1 for words no phrase has.
    func words(of tokens: [Token]) -> [Int32] {
        tokens.indices.map { tokens.wordID($0, in: storage.vocabulary) ?? -1 }
    }

    /// Every phrase starting at `start`, longest first.
    public func matches(in tokens: [Token], at start: Int) -> [LexiconMatch] {
        Array(matches(in: tokens, words: words(of: tokens), at: start))
    }

    /// Every phrase starting at `start`, longest first; `words` are the
    /// tokens' word numbers (`words(of:)`).
    func matches(in tokens: [Token], words: [Int32], at start: Int) -> LexiconMatches {
        var i = start
        guard i < words.count, words[i] >= 0 else { return LexiconMatches() }
        if storage.quickReady[Int(words[i])] { return storage.quickMatches[Int(words[i])] }
        guard var node = child(of: 0, words[i]) else { return LexiconMatches() }
        var out = LexiconMatches()
        var lengths = 0
        while true {
            i += 1
            var found = false
            for h in Int(storage.hitStart[node])..<Int(storage.hitStart[node + 1])
            where accepts(form: Int(storage.hitForms[h]), tokens: tokens, start: start) {
                out.append(LexiconMatch(length: i - start, hit: storage.hits[h]))
                found = true
            }
            if found { lengths += 1 }
            guard i < words.count, words[i] >= 0, let next = child(of: node, words[i]) else { break }
            node = next
        }
        // Found shortest first; give them longest first, and at one length in
        // lexicon order (names before demonyms).
        guard lengths > 1 else { return out }
        var ordered = LexiconMatches()
        var end = out.count
        while end > 0 {
            var begin = end - 1
            while begin > 0, out[begin - 1].length == out[end - 1].length { begin -= 1 }
            for k in begin..<end { ordered.append(out[k]) }
            end = begin
        }
        return ordered
    }

    private func accepts(form: Int, tokens: [Token], start: Int) -> Bool {
        switch storage.formRules[form] {
        case .any: return true
        case .capitalized: return tokens[start].isCapitalized || tokens[start].lower == "the"
        case .exact:
            for (k, t) in storage.formTokens[form].enumerated() where tokens[start + k].text != t { return false }
            return true
        }
    }

    /// Fills `matches` for every sentence, so each token position is looked
    /// up in the trie once however many stages ask.
    public func annotate(_ sentences: inout [Sentence]) {
        var words: [Int32] = []
        for i in sentences.indices {
            // Taken out of the sentence, so setting matches does not copy it.
            var tokens = sentences[i].tokens
            sentences[i].tokens = []
            words.removeAll(keepingCapacity: true)
            for k in tokens.indices { words.append(tokens.wordID(k, in: storage.vocabulary) ?? -1) }
            for k in tokens.indices {
                let m = matches(in: tokens, words: words, at: k)
                if !m.isEmpty { tokens[k].matches = m }
            }
            sentences[i].tokens = tokens
        }
    }

    /// The length of the `list` phrase starting at `tokens[i]`, if any.
    public static func word(_ tokens: [Token], at i: Int, in list: WordListName) -> Int? {
        for m in tokens.lexicon(at: i) { if case .word(list) = m.hit { return m.length } }
        return nil
    }
}

/// Trie edges below the root: open addressing from `node << 32 | word` to
/// the child node.
private struct EdgeTable: Sendable {
    private var keys: [UInt64] = []
    private var values: [Int32] = []
    private var used = 0
    private var shift: UInt64 = 64

    private static let empty = UInt64.max

    @inline(__always)
    private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    func find(_ node: Int, _ word: Int32) -> Int32? {
        guard used > 0 else { return nil }
        let key = UInt64(node) << 32 | UInt64(UInt32(bitPattern: word))
        let mask = keys.count - 1
        var i = slot(key)
        while true {
            let k = keys[i]
            if k == key { return values[i] }
            if k == EdgeTable.empty { return nil }
            i = (i + 1) & mask
        }
    }

    mutating func insert(_ node: Int, _ word: Int32, _ child: Int32) {
        if (used + 1) * 2 > keys.count { grow() }
        put(UInt64(node) << 32 | UInt64(UInt32(bitPattern: word)), child)
        used += 1
    }

    private mutating func put(_ key: UInt64, _ value: Int32) {
        let mask = keys.count - 1
        var i = slot(key)
        while keys[i] != EdgeTable.empty { i = (i + 1) & mask }
        keys[i] = key
        values[i] = value
    }

    private mutating func grow() {
        let old = zip(keys, values).filter { $0.0 != EdgeTable.empty }
        let size = max(16, keys.count * 2)
        keys = Array(repeating: EdgeTable.empty, count: size)
        values = Array(repeating: 0, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
        for (k, v) in old { put(k, v) }
    }
}
