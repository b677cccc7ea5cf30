import ParleyGraph
import ParleyOntology

/// Finds conditions: terms a party demands or a plan contains.
///
/// Three shapes: a noun phrase headed by a condition cue ("Hezbollah's
/// withdrawal to positions north of the Litani River", "the deployment of
/// Lebanese troops"); a clause with a condition verb ("Israel must withdraw
/// its forces to ...", "the Lebanese state deploying its army along the
/// border"), normalised to "<agent> <noun> <rest>" ("Israeli withdrawal to
/// ..."); and a proposal phrase under a condition marker ("until there is a
/// full ceasefire in Gaza"). The same term twice in a document (same noun,
/// same agent, compatible places) is one node.
///
/// A class, not a struct: the per-sentence finders keep the stage at hand,
/// and a reference is one word to copy where the stage's tables (word sets,
/// lexicon, ontology) are hundreds of bytes and a dozen reference counts.
public final class ConditionExtractor: ExtractionStage {
    let index: LexiconIndex
    let ontology: Ontology
    /// The proposal stage's noun-phrase reading, shared: a condition is
    /// often a proposal noun under a condition marker.
    let proposals: ProposalExtractor
    var words: WordSets { proposals.words }
    /// The words proposal nouns and condition cues start with: other
    /// tokens (nearly all) start no condition.
    let conditionStarts: WordSet

    public init(proposals: ProposalExtractor) {
        self.index = proposals.index
        self.ontology = proposals.ontology
        self.proposals = proposals
        self.conditionStarts = proposals.index.startWords(where: ConditionExtractor.startsCondition)
    }

    public func run(_ a: inout DocumentAnalysis) {
        for s in a.sentences.indices {
            let tokens = a.sentences[s].tokens
            var i = 0
            while i < tokens.count {
                // Both shapes start at a lexicon phrase: a proposal noun or a cue.
                if tokens[i].matches.isEmpty || !tokens.word(i, in: conditionStarts)
                    || !tokens[i].matches.contains(where: { ConditionExtractor.startsCondition($0.hit) }) {
                    i += 1
                    continue
                }
                if a.mention(sentence: s, covering: i, where: { $0.role == .phrase }) != nil { i += 1; continue }
                if let next = conditionAt(i, tokens, &a, sentence: s) { i = next; continue }
                i += 1
            }
        }
    }

    static func startsCondition(_ hit: LexiconHit) -> Bool {
        switch hit {
        case .proposalNoun, .conditionCue: return true
        default: return false
        }
    }

    func cue(_ tokens: [Token], at i: Int) -> (length: Int, cue: ConditionCue)? {
        for m in tokens.lexicon(at: i) {
            if case .conditionCue(let c) = m.hit { return (m.length, index.lexicon.conditionCues[c]) }
        }
        return nil
    }

    func conditionAt(_ i: Int, _ tokens: [Token], _ a: inout DocumentAnalysis, sentence s: Int) -> Int? {
        // A proposal noun under a condition marker.
        if let head = proposals.proposalHead(tokens, at: i) {
            let plan = NounPhrase.around(head: i..<(i + head.length), in: a, sentence: s, extractor: proposals)
            guard proposals.isCondition(tokens, phrase: plan), !plan.isGeneric(tokens) else { return nil }
            // As a term, "a halt to Western arms deliveries" keeps its "to".
            let phrase = NounPhrase.around(head: i..<(i + head.length), in: a, sentence: s, extractor: proposals, allowTo: true)
            // A demanded ceasefire is told from another by where it holds.
            let anchors = phrase.entities.map { a.nodes[$0].key.rawValue } + phrase.places
            let node = conditionNode(label: phrase.label, noun: head.kind, agent: nil, places: anchors, &a)
            a.addMention(Mention(sentence: s, lower: phrase.lower, upper: phrase.upper, node: node, role: .phrase))
            return phrase.upper
        }
        guard let (length, cue) = cue(tokens, at: i) else { return nil }
        // "Sudan's Sovereignty Council", "the Disarmament Commission": a
        // cue inside a name is part of the name.
        if a.mention(sentence: s, covering: i, where: { $0.role != .adjectival }) != nil, tokens[i].isCapitalized { return nil }
        let surface = (i..<(i + length)).map { tokens[$0].lower }.joined(separator: " ")
        let noun = cue.noun.lowercased()
        // A past tense ("withdrew", "disarmed") after its subject states a fact.
        let pastTense = surface != noun && (surface.hasSuffix("ed") || surface.hasSuffix("ew"))
        let isNoun = surface == noun || surface == noun + "s"
            || (i > 0 && (tokens.word(i - 1, in: EnglishGrammar.determiners) || tokens[i - 1].kind == .possessive))
            || (!pastTense && !isVerbUse(tokens, i))
        if isNoun { return nominal(i, length, cue, tokens, &a, sentence: s) }
        // "withdrew", "disarms": a finite verb states a fact, not a term.
        guard isVerbUse(tokens, i) else { return nil }
        return verbal(i, length, cue, tokens, &a, sentence: s)
    }

    /// A verb use: after a modal or "to", or a gerund after a name.
    func isVerbUse(_ tokens: [Token], _ i: Int) -> Bool {
        guard i > 0 else { return false }
        if tokens[i].lower.hasSuffix("ing") { return true }
        var k = i - 1
        while k >= 0, k >= i - 7 {
            let before = tokens[k].lower
            if words.modals.contains(before) || before == "to" || EnglishGrammar.auxiliaries.contains(before)
                || before == "n't" || before == "not" { return true }
            // "demanded that the group withdraw": a subjunctive after a demand.
            if before == "that", k > 0, tokens.word(k - 1, in: proposals.conditionMarkers) { return true }
            // "insisted that Ukraine withdraw": the same, past a name.
            if tokens[k].kind == .word && tokens[k].isCapitalized {
                var n = k
                while n > 0, tokens[n - 1].isCapitalized, tokens[n - 1].kind == .word { n -= 1 }
                return n > 1 && tokens[n - 1].lower == "that" && tokens.word(n - 2, in: proposals.conditionMarkers)
            }
            k -= 1
        }
        return false
    }

    /// "Hezbollah's withdrawal to ...", "a Hezbollah retreat", "the
    /// deployment of Lebanese troops", "increased humanitarian aid to Gaza".
    func nominal(_ i: Int, _ length: Int, _ cue: ConditionCue, _ tokens: [Token], _ a: inout DocumentAnalysis, sentence s: Int) -> Int? {
        let phrase = NounPhrase.around(head: i..<(i + length), in: a, sentence: s, extractor: proposals, allowTo: true)
        var agent = phrase.owner
        if agent == nil {
            agent = phrase.entities.first { e in a.nodes[e].type != .proposal }
        }
        var label = phrase.label
        if phrase.owner != nil {
            // "Hezbollah's withdrawal" is written "Hezbollah withdrawal".
            label = ConditionExtractor.droppingPossessives(label)
        }
        let node = conditionNode(label: label, noun: cue.noun, agent: agent, places: placeWords(phrase, tokens, a), &a)
        a.addMention(Mention(sentence: s, lower: phrase.lower, upper: phrase.upper, node: node, role: .phrase))
        return max(phrase.upper, i + length)
    }

    /// "Israel must withdraw its forces back to ...": agent, noun, and the
    /// rest of the clause as the term's scope.
    func verbal(_ i: Int, _ length: Int, _ cue: ConditionCue, _ tokens: [Token], _ a: inout DocumentAnalysis, sentence s: Int) -> Int? {
        // Negated ("will not withdraw") is a refusal, not a term.
        var k = i - 1
        var agent: Int?
        var agentStart = i
        var steps = 0
        while k >= 0, steps < 10 {
            let w = tokens[k].lower
            if words.negations.contains(w) { return i + length }
            // "urging civilians to evacuate": the people told to act are not a party.
            if words.nonAgentNouns.contains(w) { return nil }
            // "rejected an Israeli demand that it lay down its arms": "it" is
            // the sentence's subject, not the nearer demonym.
            if w == "it" || w == "they" {
                guard let subject = a.mentions[s].first(where: {
                    $0.upper <= k && $0.role != .phrase && $0.role != .adjectival && a.nodes[$0.node].type != .proposal
                }) else { return nil }
                agent = subject.node
                agentStart = k
                break
            }
            if let m = a.mention(sentence: s, covering: k, where: { $0.role != .phrase }) {
                agent = m.node
                agentStart = m.lower
                break
            }
            if tokens[k].kind == .punctuation && !tokens[k].isMark(",") { break }
            if EnglishGrammar.relativePronouns.contains(w) && w != "that" { break }
            k -= 1
            steps += 1
        }
        guard let who = agent, a.nodes[who].type != .proposal else { return nil }
        let gerund = tokens[i].lower.hasSuffix("ing") && agentStart + 1 >= i - 1
        // "demanded that Israel withdraw", "the agreement requires Rwanda to withdraw".
        let marked = (max(0, i - 8)..<i).contains {
            tokens.word($0, in: proposals.conditionMarkers) || tokens.word($0, in: words.requirementMarkers)
        }
        guard gerund || marked else { return nil }
        // The rest: the verb's object and prepositional phrases up to a break.
        var end = i + length
        var restStart = end
        while end < tokens.count, end - i < 16 {
            let t = tokens[end]
            if t.kind == .punctuation && t.text != "-" { break }
            if EnglishGrammar.conjunctions.contains(t) || ["until", "once"].contains(t.lower) { break }
            // "... before the agreement can be signed": a clause of its own.
            if ["before", "after", "when"].contains(t.lower),
               ((end + 1)..<min(tokens.count, end + 5)).contains(where: { tokens.word($0, in: EnglishGrammar.auxiliaries) }) { break }
            end += 1
        }
        // Skip the object ("its forces", "its army") in the label but keep
        // it as the deployed thing for "deploying its army".
        var objectWords: [String] = []
        while restStart < end, !tokens.word(restStart, in: EnglishGrammar.prepositions) || tokens[restStart].lower == "back" {
            if !tokens.word(restStart, in: EnglishGrammar.determiners) { objectWords.append(tokens[restStart].text) }
            restStart += 1
        }
        let rest = restStart < end ? a.text(sentence: s, restStart, end) : ""
        var label = agentAdjective(who, a) + " "
        if cue.noun.lowercased() == "deployment", !objectWords.isEmpty { label += objectWords.joined(separator: " ") + " " }
        label += cue.noun + (rest.isEmpty ? "" : " " + rest)
        var places: [String] = []
        for q in restStart..<end where tokens[q].isCapitalized { places.append(tokens[q].lower) }
        let node = conditionNode(label: label, noun: cue.noun, agent: who, places: places, &a)
        a.addMention(Mention(sentence: s, lower: i, upper: end, node: node, role: .phrase))
        return end
    }

    /// `label.replacingOccurrences(of: "'s ", with: " ")`; an ASCII label
    /// (nearly all) is rewritten on its bytes, without Foundation's search.
    static func droppingPossessives(_ label: String) -> String {
        let bytes = Array(label.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return label.replacingOccurrences(of: "'s ", with: " ") }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var k = 0
        while k < bytes.count {
            if k + 2 < bytes.count, bytes[k] == 0x27, bytes[k + 1] == 0x73, bytes[k + 2] == 0x20 {
                out.append(0x20)
                k += 3
            } else {
                out.append(bytes[k])
                k += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// "Israeli" for Israel (a demonym from the lexicon), the label otherwise.
    func agentAdjective(_ node: Int, _ a: DocumentAnalysis) -> String {
        if let e = a.nodes[node].lexiconEntity, let d = index.lexicon.entities[e].demonyms.first { return d }
        return a.nodes[node].label
    }

    func placeWords(_ p: NounPhrase, _ tokens: [Token], _ a: DocumentAnalysis) -> [String] {
        var out: [String] = []
        for q in p.lower..<p.upper where tokens[q].isCapitalized && !p.head.contains(q)
            && !p.entityRanges.contains(where: { $0.contains(q) }) {
            out.append(tokens[q].lower)
        }
        return out
    }

    /// The condition node for a term: an earlier one with the same noun,
    /// agent and compatible places, or a new one.
    func conditionNode(label: String, noun: String, agent: Int?, places: [String], _ a: inout DocumentAnalysis) -> Int {
        let nounTerm = "noun:" + noun.lowercased()
        let agentTerm = agent.map { "agent:" + a.nodes[$0].key.rawValue }
        let placeSet = Set(places.map { "place:" + $0 })
        // The signature's words in order, "|"-joined: "agent:" sorts before "noun:".
        let term = agentTerm.map { $0 + "|" + nounTerm } ?? nounTerm
        for n in a.conditionsByTerm[term] ?? [] {
            let theirPlaces = a.nodes[n].signature.filter { $0.hasPrefix("place:") }
            if agent == nil && !placeSet.isEmpty && placeSet != theirPlaces { continue }
            if placeSet.isEmpty || theirPlaces.isEmpty || placeSet == theirPlaces {
                a.nodes[n].mentions += 1
                if label != a.nodes[n].label { a.nodes[n].aliases.insert(label) }
                if theirPlaces.isEmpty && !placeSet.isEmpty { a.nodes[n].signature.formUnion(placeSet) }
                return n
            }
        }
        let key = NodeKey(family: "condition", label: label)
        let node = a.node(key, surface: label) {
            var n = LocalNode(key: key, type: .condition, category: .condition, label: label)
            var signature: Set<String> = [nounTerm]
            if let agentTerm { signature.insert(agentTerm) }
            n.signature = signature.union(placeSet)
            n.attributes["kind"] = .string(noun)
            return n
        }
        if !(a.conditionsByTerm[term] ?? []).contains(node) { a.conditionsByTerm[term, default: []].append(node) }
        return node
    }
}
