import ParleyGraph
import ParleyOntology

/// Finds the people and organisations a sentence names, and the role edges
/// its titles state ("Hezbollah leader Naim Qassem" gives `leads`).
///
/// In order of precedence at each token: a role title followed by a name
/// (the name is a person even if it contains a state's name, as in "Israel
/// Katz"); a lexicon name, extended by a government noun ("Israeli
/// forces"); a demonym before a government noun, or alone in the plural;
/// a capital that acts; a capitalised phrase ending in an organisation cue
/// ("Lebanese Health Ministry"); a surname or acronym seen earlier in the
/// document; a definite description ("the group") resolved to the latest
/// compatible organisation.
///
/// A class, not a struct: the per-sentence finders keep the stage at hand,
/// and a reference is one word to copy where the stage's tables (word sets,
/// lexicon, ontology) are hundreds of bytes and a dozen reference counts.
public final class MentionExtractor: ExtractionStage {
    let index: LexiconIndex
    let words: WordSets

    /// Keys and top classes of the lexicon's entities, made once: the
    /// ontology's class walk compares names, and every name mention asks.
    let entityKeys: [NodeKey]
    let topClasses: [NodeType]
    /// Per lexicon anaphor: whether it can refer to a proposal ("the deal"),
    /// which this stage leaves to the proposal finder.
    let anaphorMayBeProposal: [Bool]
    /// The lower-case words that can start a mention without being
    /// capitalised or starting a lexicon phrase: succession nouns ("his
    /// predecessor X"), person pronouns and anaphor determiners ("the
    /// group"). Any other such token (most of them) starts nothing.
    let uncapitalizedStarts: WordSet

    public init(index: LexiconIndex, ontology: Ontology) {
        self.index = index
        self.words = WordSets(index.lexicon)
        self.uncapitalizedStarts = words.successionNouns.union(words.personPronouns)
            .union(SentenceMentions.anaphorDeterminers)
        self.entityKeys = index.lexicon.entities.map { NodeKey(family: "entity", label: $0.label) }
        self.topClasses = index.lexicon.entities.map { ontology.topClass(of: $0.type) }
        self.anaphorMayBeProposal = index.lexicon.anaphors.map { $0.refersTo.contains { ontology.topClass(of: $0) == .proposal } }
    }

    public func run(_ a: inout DocumentAnalysis) {
        var memory = DocumentMemory()
        // One `used` buffer for the document, handed from sentence to sentence.
        var used: [Bool] = []
        for s in a.sentences.indices {
            var finder = SentenceMentions(sentence: s, tokens: a.sentences[s].tokens, extractor: self, reusing: consume used)
            finder.find(&a, &memory)
            used = finder.used
        }
    }

    // MARK: Node helpers shared with the sentence finder

    func entityNode(_ a: inout DocumentAnalysis, lexiconEntity i: Int, surface: String) -> Int {
        let top = topClasses[i]
        let key = entityKeys[i]
        let node = a.node(key, surface: surface) {
            let e = index.lexicon.entities[i]
            var n = LocalNode(key: key, type: top, category: e.type, label: e.label)
            n.lexiconEntity = i
            return n
        }
        return node
    }

    func namedNode(_ a: inout DocumentAnalysis, label: String, type: NodeType, category: NodeType? = nil,
                   surface: String) -> Int {
        let key = NodeKey(family: "entity", label: label)
        return a.node(key, surface: surface) {
            LocalNode(key: key, type: type, category: category ?? type, label: label)
        }
    }
}

/// Word lists as sets, for constant-time membership tests.
struct WordSets: Sendable {
    let nonNames: WordSet
    let particles: WordSet
    let locatives: WordSet
    let governmentNouns: WordSet
    let organizationCues: WordSet
    let nonAgentNouns: WordSet
    let honorifics: WordSet
    let personPronouns: WordSet
    let organizationPronouns: WordSet
    let negations: WordSet
    let modals: WordSet
    let conditionals: WordSet
    let reportingVerbs: WordSet
    let successionNouns: WordSet
    let conditionMarkers: WordSet
    let requirementMarkers: WordSet
    let lightVerbs: WordSet
    let mediatorTitles: WordSet
    let urgingVerbs: WordSet
    let leadershipVerbs: WordSet

    init(_ lexicon: Lexicon) {
        func set(_ list: WordListName, lower: Bool = true) -> WordSet {
            WordSet(lexicon.words(list).map { lower ? $0.lowercased() : $0 })
        }
        nonNames = set(.nonNames, lower: false)
        particles = set(.nameParticles)
        locatives = set(.locatives)
        governmentNouns = set(.governmentNouns)
        organizationCues = set(.organizationCues)
        nonAgentNouns = set(.nonAgentNouns)
        honorifics = WordSet(lexicon.words(.honorifics).flatMap { [$0.lowercased(), $0.lowercased().trimmingCharacters(in: ["."]) + "."] })
        personPronouns = set(.personPronouns)
        organizationPronouns = set(.organizationPronouns)
        negations = set(.negations)
        modals = set(.modals)
        conditionals = set(.conditionals)
        reportingVerbs = set(.reportingVerbs)
        successionNouns = set(.successionNouns)
        conditionMarkers = set(.conditionMarkers)
        requirementMarkers = set(.requirementMarkers)
        lightVerbs = set(.lightVerbs)
        mediatorTitles = set(.mediatorTitles)
        urgingVerbs = set(.urgingVerbs)
        leadershipVerbs = set(.leadershipVerbs)
    }
}

extension WordSets {
    /// A mention introduced with a go-between's title: "special envoy X"
    /// (the title's last word just before the name) or "X, the UN
    /// mediator," (in the apposition after it).
    func hasGoBetweenTitle(_ m: Mention, in tokens: [Token]) -> Bool {
        if m.lower > 0, tokens.word(m.lower - 1, in: mediatorTitles) { return true }
        guard m.upper < tokens.count, tokens[m.upper].isMark(",") else { return false }
        return tokens[(m.upper + 1)..<min(tokens.count, m.upper + 6)].prefix { !$0.isMark(",") }
            .contains { mediatorTitles.contains($0) }
    }
}

/// What the document said so far, for resolving surnames, acronyms and
/// definite descriptions.
struct DocumentMemory {
    /// Surname (last name token) to person node.
    var surnames: [String: Int] = [:]
    /// Acronyms defined in parentheses ("(UNOCHA)") to node.
    var acronyms: [String: Int] = [:]
    /// Entity nodes in order of mention, the latest last (bounded window).
    var recent: [Int] = []
    /// Per person label: the lexicon person it names, if any, and whether it
    /// is one token. A person is named again and again, and finding this
    /// tokenizes the label and walks the lexicon.
    var people: [String: (entity: Int?, oneToken: Bool)] = [:]

    /// Coreference looks back this many mentions: far enough for a news
    /// paragraph, and bounded so a hostile text stays linear.
    static let window = 48

    mutating func saw(_ node: Int) {
        if recent.last == node { return }
        recent.append(node)
        if recent.count > 2 * DocumentMemory.window { recent.removeFirst(recent.count - DocumentMemory.window) }
    }
}

/// The mention finder of one sentence.
struct SentenceMentions {
    let sentence: Int
    let tokens: [Token]
    let extractor: MentionExtractor
    var used: [Bool]
    /// Where "the commander of" / "a spokesman for" expects its
    /// organisation: that mention stands for the unnamed member.
    var memberOfNext: Int?
    var pendingRoles: [(person: Int, role: Int, organizationAt: Int)] = []

    /// `buffer` is any earlier sentence's `used`: its memory is kept.
    init(sentence: Int, tokens: [Token], extractor: MentionExtractor, reusing buffer: consuming [Bool] = []) {
        self.sentence = sentence
        self.tokens = tokens
        self.extractor = extractor
        var used = buffer
        used.removeAll(keepingCapacity: true)
        used.append(contentsOf: repeatElement(false, count: tokens.count))
        self.used = used
    }

    var words: WordSets { extractor.words }
    var index: LexiconIndex { extractor.index }

    mutating func find(_ a: inout DocumentAnalysis, _ memory: inout DocumentMemory) {
        var i = 0
        /// The title most recently seen and where it started, for role edges.
        while i < tokens.count {
            // Every finder starts at a lexicon phrase, a capitalised word or
            // a word of `uncapitalizedStarts`: other tokens (most) skip them all.
            let capitalized = isCapitalizedWord(i)
            let matches = tokens[i].matches
            let uncapitalizedStart = tokens.word(i, in: extractor.uncapitalizedStarts)
            if matches.isEmpty && !capitalized && !uncapitalizedStart { i += 1; continue }
            // The phrases at `i` read once: titles and entities are rarer
            // than the common words the lexicon also lists.
            var startsTitle = false
            var startsEntity = false
            for m in matches {
                switch m.hit {
                case .roleTitle: startsTitle = true
                case .name, .demonym, .metonym: startsEntity = true
                default: break
                }
            }
            if uncapitalizedStart, let next = trySuccession(at: i, &a, &memory) { i = next; continue }
            if startsTitle, let next = tryTitledName(at: i, &a, &memory) { i = next; continue }
            if startsEntity, let next = tryLexiconEntity(at: i, &a, &memory) { i = next; continue }
            // Cued organisations, short names and unknown names start with a
            // capitalised word: the other words (most) skip the three.
            if capitalized, let next = tryCuedOrganization(at: i, &a, &memory) { i = next; continue }
            if capitalized, let next = tryKnownShortName(at: i, &a, &memory) { i = next; continue }
            if uncapitalizedStart, let next = tryAnaphor(at: i, &a, &memory) { i = next; continue }
            if capitalized, let next = tryUnknownName(at: i, &a, &memory) { i = next; continue }
            i += 1
        }
        resolvePendingRoles(&a)
    }

    // MARK: Spans

    func isCapitalizedWord(_ k: Int) -> Bool {
        k < tokens.count && tokens[k].kind == .word && tokens[k].isCapitalized
    }

    /// A personal name starting at `k`: capitalised words, hyphenated parts
    /// ("Al-Thani") and lower-case particles inside ("bin", "al-").
    func nameSpan(at k: Int) -> Int? {
        var j = k
        guard isCapitalizedWord(j), !words.nonNames.contains(tokens[j].text) else { return nil }
        var lastCapital = j
        // Personal names are a few words long ("Mohammed bin Abdulrahman bin
        // Jassim Al Thani"); a bound keeps long capitalised runs linear.
        while j < tokens.count, j - k < 10 {
            let t = tokens[j]
            if t.kind == .word && t.isCapitalized && !(j > k && words.nonNames.contains(t.text) && !t.glued) {
                if j > k, isTitle(at: j) != nil, !t.glued { break }
                lastCapital = j
                j += 1
            } else if t.kind == .hyphen, j + 1 < tokens.count, tokens[j + 1].kind == .word {
                j += 1
            } else if t.kind == .word, words.particles.contains(t), isCapitalizedWord(j + 1)
                        || (j + 2 < tokens.count && tokens[j + 1].kind == .hyphen && isCapitalizedWord(j + 2)) {
                j += 1
            } else {
                break
            }
        }
        return lastCapital + 1
    }

    /// "official Lebanese government": a one-word "name" after a title that
    /// the lexicon knows as a state, demonym or body is not a person.
    func namesNonPerson(at k: Int) -> Bool {
        tokens.lexicon(at: k).contains { m in
            switch m.hit {
            case .demonym, .metonym: return true
            case .name(let e): return extractor.topClasses[e] != .actor
            default: return false
            }
        }
    }

    func isTitle(at k: Int) -> (length: Int, role: Int)? {
        for m in tokens.lexicon(at: k) { if case .roleTitle(let r) = m.hit { return (m.length, r) } }
        return nil
    }

    func wordList(at k: Int, _ list: WordListName) -> Int? {
        LexiconIndex.word(tokens, at: k, in: list)
    }

    func text(_ lower: Int, _ upper: Int) -> String { tokens.text(lower, upper) }

    mutating func mark(_ lower: Int, _ upper: Int) {
        for k in lower..<min(upper, used.count) { used[k] = true }
    }

    mutating func mention(_ a: inout DocumentAnalysis, _ memory: inout DocumentMemory, _ lower: Int, _ upper: Int,
                          node: Int, role: MentionRole, speaksFor: Int? = nil) {
        var role = role
        if let expected = memberOfNext, lower >= expected, lower <= expected + 2, a.nodes[node].type == .organization, role == .name {
            role = .member
            memberOfNext = nil
        }
        a.addMention(Mention(sentence: sentence, lower: lower, upper: upper, node: node, role: role, speaksFor: speaksFor))
        mark(lower, upper)
        // "Israeli airstrikes" do not make Israel "the country" of the next
        // sentence, but "Houthi leader X ... the group" is the Houthis.
        if role != .adjectival || (upper < tokens.count && isTitle(at: upper) != nil)
            || a.nodes[node].category != NodeType("State") {
            memory.saw(node)
        }
    }

    // MARK: Titles and people

    /// "his predecessor Hassan Nasrallah": the named person led what the
    /// possessor leads.
    mutating func trySuccession(at i: Int, _ a: inout DocumentAnalysis, _ memory: inout DocumentMemory) -> Int? {
        guard tokens.word(i, in: words.successionNouns), i > 0,
              let owner = a.mentions(sentence: sentence, covering: i - 1).last ?? (i > 1 && tokens[i - 1].kind == .possessive
                  ? a.mentions(sentence: sentence, covering: i - 2).last : nil),
              a.nodes[owner.node].type == .actor,
              let end = nameSpan(at: i + 1), end > i + 1 else { return nil }
        let person = personNode(&a, &memory, label: text(i + 1, end))
        mention(&a, &memory, i + 1, end, node: person, role: .name)
        mark(i, i + 1)
        for e in a.edges(from: a.nodes[owner.node].key, RelationName("leads")) {
            if let group = a.nodeIndex(of: e.target) {
                a.addEdge(e.relation, from: person, to: group, sentence: sentence, confidence: 0.6, trigger: tokens[i].lower)
            }
        }
        return end
    }

    /// `[org] [modifiers] TITLE [,] NAME` and `TITLE of|for ORG`.
    mutating func tryTitledName(at i: Int, _ a: inout DocumentAnalysis, _ memory: inout DocumentMemory) -> Int? {
        guard !tokens[i].matches.isEmpty, let (length, role) = isTitle(at: i) else { return nil }
        var j = i + length
        // "leader Naim Qassem", "leader, Naim Qassem", "Prime Minister Sheikh X".
        var nameStart = j
        if j < tokens.count, tokens[j].isMark(","), isCapitalizedWord(j + 1) { nameStart = j + 1 }
        // "special envoy for Yemen, Hans Grundberg": the remit stands between.
        var remit: Range<Int>?
        if j + 2 < tokens.count, ["for", "to", "on"].contains(tokens[j].lower) {
            var k = j + 1
            if tokens[k].lower == "the" { k += 1 }
            let start = k
            while k < tokens.count, k < start + 4, isCapitalizedWord(k) { k += 1 }
            if k > start, k + 1 < tokens.count, tokens[k].isMark(","), isCapitalizedWord(k + 1) {
                nameStart = k + 1
                remit = start..<k
            } else if let length = placeLength(at: start), isCapitalizedWord(start + length) {
                // "senior adviser for Africa Massad Boulos": a known place, then the name.
                nameStart = start + length
                remit = start..<(start + length)
            }
        }
        while nameStart < tokens.count, tokens.word(nameStart, in: words.honorifics) { nameStart += 1 }
        let title = index.lexicon.roleTitles[role]
        let organization = organizationBefore(title: i, &a)
        if let end = nameSpan(at: nameStart), end > nameStart,
           !(end - nameStart == 1 && (tokens[nameStart].isAcronym || namesNonPerson(at: nameStart))) {
            let label = text(nameStart, end)
            let person = personNode(&a, &memory, label: label)
            // The remit is still named ("for Yemen"), before the person.
            if let remit, !used[remit.lowerBound] { _ = tryLexiconEntity(at: remit.lowerBound, &a, &memory) }
            mention(&a, &memory, nameStart, end, node: person, role: .name, speaksFor: organization)
            mark(i, nameStart)
            if let org = organization, a.nodes[org].type != .actor {
                a.addEdge(title.relation, from: person, to: org, sentence: sentence,
                          confidence: 0.9, trigger: index.lexicon.roleTitles[role].phrase)
            }
            j = end
            return j
        }
        // An unnamed member: "a Hamas spokesperson", "the commander of X".
        if organization == nil, j < tokens.count, tokens[j].lower == "of" || tokens[j].lower == "for" {
            mark(i, j)
            memberOfNext = j + 1
            return j
        }
        mark(i, j)
        return j
    }

    /// The length of a region or a state's name at `k` ("Africa", "Horn of
    /// Africa", "Yemen"), the remit of a title.
    func placeLength(at k: Int) -> Int? {
        if let length = LexiconIndex.word(tokens, at: k, in: .regions) { return length }
        for m in tokens.lexicon(at: k) {
            if case .name(let e) = m.hit, index.lexicon.entities[e].type == NodeType("State") { return m.length }
        }
        return nil
    }

    /// The organisation a title at `t` belongs to: the mention just before
    /// it ("Hezbollah leader", "US envoy", "Israeli Energy Minister"),
    /// skipping modifiers ("newly appointed", "Middle East", "special");
    /// a person's possessive gives that person's organisation ("Biden's
    /// adviser").
    func organizationBefore(title t: Int, _ a: inout DocumentAnalysis) -> Int? {
        var k = t - 1
        var skipped = 0
        var possessive = false
        while k >= 0, skipped < 4 {
            if let m = a.mentions(sentence: sentence, covering: k).last(where: { $0.upper == k + 1 }) {
                if a.nodes[m.node].type == .actor {
                    // "Joe Biden's Middle East adviser": the adviser serves Biden's organisation.
                    return possessive ? m.speaksFor : nil
                }
                return m.node
            }
            let tok = tokens[k]
            if tok.kind == .possessive { possessive = true; k -= 1; continue }
            // "far-right", "newly-appointed": a hyphenated modifier.
            if tok.kind == .hyphen, k > 0, tokens[k - 1].kind == .word { k -= 1; continue }
            if tok.kind == .word, !used[k], tok.lower != "the", tok.lower != "a", tok.lower != "an",
               !words.locatives.contains(tok), !words.reportingVerbs.contains(tok) {
                k -= 1
                skipped += 1
                continue
            }
            break
        }
        return nil
    }

    mutating func personNode(_ a: inout DocumentAnalysis, _ memory: inout DocumentMemory, label: String) -> Int {
        let person: (entity: Int?, oneToken: Bool)
        if let known = memory.people[label] {
            person = known
        } else {
            person = lexiconPerson(label)
            memory.people[label] = person
        }
        // A person the lexicon knows keeps the lexicon's label.
        if let e = person.entity {
            let node = extractor.entityNode(&a, lexiconEntity: e, surface: label)
            remember(person: node, label: index.lexicon.entities[e].label, &memory)
            return node
        }
        // A surname already seen stands for the full name ("Qassem").
        if person.oneToken, let known = memory.surnames[label] { return known }
        let node = extractor.namedNode(&a, label: label, type: .actor, surface: label)
        remember(person: node, label: label, &memory)
        return node
    }

    /// The lexicon person whose name is all of `label`, if any, and whether
    /// the label is one token.
    func lexiconPerson(_ label: String) -> (entity: Int?, oneToken: Bool) {
        let toks = LexiconIndex.tokens(of: label)
        for m in index.matches(in: toks, at: 0) where m.length == toks.count {
            if case .name(let e) = m.hit, extractor.topClasses[e] == .actor { return (e, toks.count == 1) }
        }
        return (nil, toks.count == 1)
    }

    func remember(person: Int, label: String, _ memory: inout DocumentMemory) {
        guard let (last, isOnly) = label.lastWord, !isOnly else { return }
        memory.surnames[String(last)] = person
        // "Al-Thani" is also "Thani"? No: only whole last tokens.
    }

    // MARK: Lexicon entities

    mutating func tryLexiconEntity(at i: Int, _ a: inout DocumentAnalysis, _ memory: inout DocumentMemory) -> Int? {
        guard !used[i], !tokens[i].matches.isEmpty else { return nil }
        let matches = tokens.lexicon(at: i)
        guard let best = matches.first(where: { m in
            switch m.hit { case .name, .demonym, .metonym: return true; default: return false }
        }) else { return nil }
        let end = i + best.length
        // A name right before a title is the title's organisation; the
        // title finder will pick it up, but it is still a mention.
        switch best.hit {
        case .name(let e):
                if extractor.topClasses[e] == .actor {
                let node = personNode(&a, &memory, label: text(i, end))
                mention(&a, &memory, i, end, node: node, role: .name)
                return end
            }
            var upper = extendByGovernmentNoun(end)
            // "Congo's government" acts for Congo, as "the Congolese government"
            // does; "M23's leader" is a person, left to the title finder.
            if upper == end, end + 1 < tokens.count, tokens[end].kind == .possessive,
               let n = wordList(at: end + 1, .governmentNouns), isTitle(at: end + 1) == nil {
                upper = end + 1 + n
            }
            let node = extractor.entityNode(&a, lexiconEntity: e, surface: text(i, upper))
            mention(&a, &memory, i, upper, node: node, role: .name)
            return upper
        case .demonym(let e):
            // "Lebanese Health Ministry": a demonym opening a named body.
            if let orgEnd = cuedOrganizationEnd(from: end) {
                let label = text(i, orgEnd)
                let node = extractor.namedNode(&a, label: label, type: .organization, surface: label)
                mention(&a, &memory, i, orgEnd, node: node, role: .name)
                return orgEnd
            }
            let upper = extendByGovernmentNoun(end)
            if upper > end {
                let node = extractor.entityNode(&a, lexiconEntity: e, surface: text(i, upper))
                mention(&a, &memory, i, upper, node: node, role: .name)
                return upper
            }
            let plural = tokens[end - 1].lower.hasSuffix("s") && !(end < tokens.count && tokens[end].kind == .word
                                                                   && !tokens[end].isCapitalized && isNounLike(end))
            if plural && tokens[end - 1].lower != index.lexicon.entities[e].label.lowercased() {
                let node = extractor.entityNode(&a, lexiconEntity: e, surface: text(i, end))
                mention(&a, &memory, i, end, node: node, role: .name)
                return end
            }
            // "Israeli civilians" are no state; "Qatari mediators" are the state
            // mediating, a modifier like "Qatari officials".
            if end < tokens.count, tokens.word(end, in: words.nonAgentNouns),
               !tokens.word(end, in: words.mediatorTitles) { mark(i, end); return end }
            if isTitle(at: end) != nil {
                // The demonym is the organisation of the title that follows.
                let node = extractor.entityNode(&a, lexiconEntity: e, surface: text(i, end))
                mention(&a, &memory, i, end, node: node, role: .adjectival)
                return end
            }
            let node = extractor.entityNode(&a, lexiconEntity: e, surface: text(i, end))
            mention(&a, &memory, i, end, node: node, role: .adjectival)
            return end
        case .metonym(let e):
            // "traveled to Moscow for talks": the capital hosts them.
            let hosts = i > 1 && tokens.word(i - 2, in: EnglishGrammar.travelVerbs) && end < tokens.count && tokens[end].lower == "for"
            let placeBefore = i > 0 && tokens.word(i - 1, in: words.locatives) && !hosts
            let based = end + 1 < tokens.count && tokens[end].kind == .hyphen && tokens[end + 1].lower == "based"
            // "CAIRO, Aug 18 (AP) —", "BEIRUT (Reuters) -": a dateline's city.
            let dateline = i == 0 && end < tokens.count && [",", "("].contains(tokens[end].text)
                && tokens[i..<end].allSatisfy { $0.kind != .word || $0.text == $0.text.uppercased() }
            if placeBefore || based || dateline { mark(i, end); return end }
            let node = extractor.entityNode(&a, lexiconEntity: e, surface: text(i, end))
            mention(&a, &memory, i, end, node: node, role: .metonym)
            return end
        default:
            return nil
        }
    }

    /// "Israeli" + "security cabinet": the end of the longest government
    /// noun phrase after `k`, or `k` when there is none.
    func extendByGovernmentNoun(_ k: Int) -> Int {
        guard k < tokens.count else { return k }
        // "Hezbollah leader Naim Qassem": the title belongs to the name.
        if let (length, _) = isTitle(at: k) {
            var n = k + length
            if n < tokens.count, tokens[n].isMark(",") { n += 1 }
            while n < tokens.count, tokens.word(n, in: words.honorifics) { n += 1 }
            if let end = nameSpan(at: n), end > n { return k }
        }
        if let n = wordList(at: k, .governmentNouns) { return k + n }
        return k
    }

    /// Whether the lower-case word at `k` reads as a noun the demonym
    /// modifies ("Israeli airstrike") rather than a verb ("Israelis decide").
    func isNounLike(_ k: Int) -> Bool {
        let w = tokens[k].lower
        if words.modals.contains(w) || words.negations.contains(w) || words.reportingVerbs.contains(w) { return false }
        for m in tokens.lexicon(at: k) { if case .trigger = m.hit { return false } }
        return !["have", "has", "had", "are", "were", "will", "would", "did", "do", "say", "said", "want", "decide",
                 "who", "that", "and", "or", "in", "to", "of", "for"].contains(w)
    }

    // MARK: Organisations by cue

    /// The end of a run of capitalised words from `k` whose last word is an
    /// organisation cue ("Health Ministry", "Revolutionary Guards").
    func cuedOrganizationEnd(from k: Int) -> Int? {
        var j = k
        var lastCue: Int?
        // Names of bodies run to a dozen words at most ("United Nations Office
        // for the Coordination of Humanitarian Affairs"); the bound keeps a
        // run of a million capitalised words linear.
        while j < tokens.count, j - k < 12 {
            let t = tokens[j]
            if t.kind == .word && t.isCapitalized && !words.nonNames.contains(t.text) {
                if words.organizationCues.contains(t) { lastCue = j }
                j += 1
            } else if (t.lower == "of" || t.lower == "for" || t.lower == "the" || t.lower == "and"), isCapitalizedWord(j + 1)
                        || (t.lower != "the" && j + 2 < tokens.count && tokens[j + 1].lower == "the" && isCapitalizedWord(j + 2)) {
                j += 1
            } else {
                break
            }
        }
        return lastCue.map { $0 + 1 }
    }

    mutating func tryCuedOrganization(at i: Int, _ a: inout DocumentAnalysis, _ memory: inout DocumentMemory) -> Int? {
        guard !used[i] else { return nil }
        // "Gaza's health ministry", "Gaza's civil defense agency".
        if isCapitalizedWord(i), i + 1 < tokens.count, tokens[i + 1].kind == .possessive {
            var j = i + 2
            while j < tokens.count, j - i < 6, tokens[j].kind == .word, !tokens[j].isCapitalized,
                  !tokens.word(j, in: words.organizationCues) { j += 1 }
            if j < tokens.count, j > i + 2 || true, tokens[j].kind == .word, !tokens[j].isCapitalized,
               tokens.word(j, in: words.organizationCues), j - i <= 5,
               ["ministry", "agency", "office", "council", "authority", "department", "commission", "committee"].contains(tokens[j].lower) {
                let label = text(i, j + 1)
                let node = extractor.namedNode(&a, label: label, type: .organization, surface: label)
                mention(&a, &memory, i, j + 1, node: node, role: .name)
                return j + 1
            }
        }
        guard isCapitalizedWord(i), !words.nonNames.contains(tokens[i].text) || tokens.word(i, in: words.organizationCues),
              let end = cuedOrganizationEnd(from: i) else { return nil }
        // A cue alone ("Council") is not a name.
        guard end - i >= 2 else { return nil }
        let label = text(i, end)
        let node = extractor.namedNode(&a, label: label, type: .organization, surface: label)
        mention(&a, &memory, i, end, node: node, role: .name)
        var next = end
        // "Long Name (ACR)": the acronym is an alias from here on.
        if end + 2 < tokens.count, tokens[end].isMark("("), tokens[end + 1].isAcronym, tokens[end + 2].isMark(")") {
            memory.acronyms[tokens[end + 1].text] = node
            a.nodes[node].aliases.insert(tokens[end + 1].text)
            mark(end, end + 3)
            next = end + 3
        }
        return next
    }

    // MARK: Short names, anaphors

    /// A surname seen earlier ("Qassem", "Cohen") or an acronym defined
    /// earlier ("UNOCHA").
    mutating func tryKnownShortName(at i: Int, _ a: inout DocumentAnalysis, _ memory: inout DocumentMemory) -> Int? {
        guard !used[i], isCapitalizedWord(i) else { return nil }
        let t = tokens[i].text
        if let node = memory.surnames[t] ?? memory.acronyms[t] {
            mention(&a, &memory, i, i + 1, node: node, role: .name)
            return i + 1
        }
        return nil
    }

    static let anaphorDeterminers: WordSet = ["the", "this", "that"]

    /// "the group", "the militia", "the movement", "the country", "the
    /// Islamic Republic": the latest entity of a compatible class.
    mutating func tryAnaphor(at i: Int, _ a: inout DocumentAnalysis, _ memory: inout DocumentMemory) -> Int? {
        guard !used[i] else { return nil }
        if tokens.word(i, in: words.personPronouns) {
            // The most talked-about of the people mentioned lately, not
            // merely the last one ("his predecessor Nasrallah ... he").
            let lately = memory.recent.suffix(6).filter { a.nodes[$0].type == .actor }
            // "Netanyahu told his cabinet": the person the sentence is about first.
            let inSentence = a.mentions.indices.contains(sentence)
                ? a.mentions[sentence].first {
                    $0.upper <= i && ($0.role == .name || $0.role == .anaphor) && a.nodes[$0.node].type == .actor
                        && !($0.upper < tokens.count && tokens[$0.upper].kind == .possessive)
                }?.node : nil
            if let node = inSentence ?? lately.max(by: { a.nodes[$0].mentions < a.nodes[$1].mentions }) {
                mention(&a, &memory, i, i + 1, node: node, role: .anaphor)
            }
            return i + 1
        }
        guard tokens.word(i, in: SentenceMentions.anaphorDeterminers), i + 1 < tokens.count else { return nil }
        for m in tokens.lexicon(at: i + 1) {
            guard case .anaphor(let n) = m.hit else { continue }
            let anaphor = index.lexicon.anaphors[n]
            let after = i + 1 + m.length
            if after < tokens.count, tokens[after].lower == "of" || tokens[after].lower == "for" { return nil }
            guard !extractor.anaphorMayBeProposal[n] else { return nil }
            let end = i + 1 + m.length
            // "the group's leadership" still refers to the group.
            for wanted in anaphor.refersTo {
                if let node = memory.recent.last(where: { a.nodes[$0].category == wanted || a.nodes[$0].type == wanted }) {
                    mention(&a, &memory, i, end, node: node, role: .anaphor)
                    return end
                }
            }
            return end
        }
        return nil
    }

    /// A capitalised phrase that matched nothing: kept for the lexicon
    /// report, and taken as a person when a reporting verb follows it
    /// ("Eli Cohen said") and it has two or more name words.
    mutating func tryUnknownName(at i: Int, _ a: inout DocumentAnalysis, _ memory: inout DocumentMemory) -> Int? {
        guard !used[i], isCapitalizedWord(i), !words.nonNames.contains(tokens[i].text),
              let end = nameSpan(at: i), end > i else { return nil }
        for k in i..<end where used[k] { return nil }
        let label = text(i, end)
        // "Marta Ruiz, a spokeswoman for the WFP,": a name with a role after it.
        if end - i >= 2, let (role, organizationAt) = appositiveTitle(after: end) {
            let person = personNode(&a, &memory, label: label)
            mention(&a, &memory, i, end, node: person, role: .name)
            pendingRoles.append((person, role, organizationAt))
            return end
        }
        if !(i == 0 && end - i == 1) { a.unmatchedNames.append(label) }
        return end
    }

    /// ", a spokesman for X" / ", the mayor of X" after a name: the title
    /// and where its organisation starts.
    func appositiveTitle(after end: Int) -> (Int, Int)? {
        guard end + 2 < tokens.count, tokens[end].isMark(",") else { return nil }
        var k = end + 1
        if ["a", "an", "the"].contains(tokens[k].lower) { k += 1 }
        var modifiers = 0
        while k < tokens.count, modifiers < 3, isTitle(at: k) == nil, tokens[k].kind == .word || tokens[k].kind == .possessive {
            k += 1
            modifiers += 1
        }
        guard let (length, role) = isTitle(at: k) else { return nil }
        let after = k + length
        guard after + 1 < tokens.count, ["of", "for", "at", "with"].contains(tokens[after].lower) else { return nil }
        var org = after + 1
        if org < tokens.count, tokens[org].lower == "the" { org += 1 }
        return (role, org)
    }

    /// Role edges whose organisation came after the person ("X, a
    /// spokesman for Y"), made once the sentence's mentions are known.
    mutating func resolvePendingRoles(_ a: inout DocumentAnalysis) {
        for (person, role, organizationAt) in pendingRoles {
            guard let m = a.mention(sentence: sentence, covering: organizationAt, where: { $0.lower == organizationAt && $0.role != .phrase }),
                  a.nodes[m.node].type == .organization else { continue }
            a.addEdge(index.lexicon.roleTitles[role].relation, from: person, to: m.node, sentence: sentence,
                      confidence: 0.8, trigger: index.lexicon.roleTitles[role].phrase)
        }
    }
}

extension Array where Element == Token {
    /// The text of tokens `lower..<upper` as written, a space where they
    /// are not glued: one token's text is shared, several are measured,
    /// then copied whole into the string.
    func text(_ lower: Int, _ upper: Int) -> String {
        guard lower < upper, upper <= count else { return "" }
        if upper - lower == 1 { return self[lower].text }
        var length = 0
        for k in lower..<upper { length += self[k].text.utf8.count + (k > lower && !self[k].glued ? 1 : 0) }
        return String(unsafeUninitializedCapacity: length) { buffer in
            var i = 0
            for k in lower..<upper {
                if k > lower && !self[k].glued {
                    buffer[i] = 0x20
                    i += 1
                }
                let utf8 = self[k].text.utf8
                // The token's bytes in one copy; byte by byte when not contiguous.
                let copied = utf8.withContiguousStorageIfAvailable { bytes in
                    UnsafeMutableBufferPointer(rebasing: buffer[i...]).initialize(fromContentsOf: bytes)
                }
                if let copied {
                    i += copied
                } else {
                    for b in utf8 {
                        buffer[i] = b
                        i += 1
                    }
                }
            }
            return i
        }
    }
}

extension String {
    /// The words of `split(separator: " ")`. An ASCII string (nearly all)
    /// is split on its bytes: the same words, without finding character
    /// boundaries.
    var spaceSeparatedWords: [Substring] {
        let ascii: [Substring]?? = utf8.withContiguousStorageIfAvailable { bytes -> [Substring]? in
            var words: [Substring] = []
            // Counted first, so the list is allocated once.
            var count = 0
            for n in bytes.indices where bytes[n] != 0x20 && (n == 0 || bytes[n - 1] == 0x20) { count += 1 }
            words.reserveCapacity(count)
            var wordStart = -1
            for n in bytes.indices {
                let b = bytes[n]
                if b >= 0x80 { return nil }
                if b == 0x20 {
                    if wordStart >= 0 { words.append(substring(utf8Offsets: wordStart, n)) }
                    wordStart = -1
                } else if wordStart < 0 {
                    wordStart = n
                }
            }
            if wordStart >= 0 { words.append(substring(utf8Offsets: wordStart, bytes.count)) }
            return words
        }
        if let ascii = ascii ?? nil { return ascii }
        return split(separator: " ")
    }

    /// The last of `spaceSeparatedWords` and whether it is the only one;
    /// nil for a blank name. An ASCII string is read backwards on its
    /// bytes, without listing the words.
    var lastWord: (word: Substring, isOnly: Bool)? {
        let scan = utf8.withContiguousStorageIfAvailable { bytes -> (start: Int, end: Int, isOnly: Bool)? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            var end = bytes.count
            while end > 0, bytes[end - 1] == 0x20 { end -= 1 }
            var start = end
            while start > 0, bytes[start - 1] != 0x20 { start -= 1 }
            return (start, end, bytes[..<start].allSatisfy { $0 == 0x20 })
        }
        if let (start, end, isOnly) = scan ?? nil {
            return start < end ? (substring(utf8Offsets: start, end), isOnly) : nil
        }
        let words = spaceSeparatedWords
        return words.last.map { ($0, words.count == 1) }
    }

    /// The characters between two UTF-8 offsets that are character boundaries.
    private func substring(utf8Offsets lower: Int, _ upper: Int) -> Substring {
        let start = utf8.index(utf8.startIndex, offsetBy: lower)
        return self[start..<utf8.index(start, offsetBy: upper - lower)]
    }
}
