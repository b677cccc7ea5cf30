import ParleyGraph
import ParleyOntology

/// Links the mentions of a sentence by the relations its triggers state.
///
/// An edge needs a trigger and a link, never mere co-occurrence: the
/// relation is the trigger's relation for the class of its object (reject +
/// proposal = `rejects`, demand + condition = `demands`), the subject is
/// found by the construction (active clause, passive "by", compound
/// "US-brokered", possessive "Hezbollah's rejection of", relative clause),
/// and negation, modality and attribution are kept on the edge. Negated
/// stances ("did not reject") give no edge: nothing is better than a guess.
///
/// A class, not a struct: the per-sentence finders keep the stage at hand,
/// and a reference is one word to copy where the stage's tables (word sets,
/// lexicon, ontology) are hundreds of bytes and a dozen reference counts.
public final class RelationExtractor: ExtractionStage {
    let index: LexiconIndex
    let rules: RelationRules
    let words: WordSets
    /// The words whose every occurrence in a sentence a rule visits
    /// ("between", "according", requirement and link markers, reporting and
    /// leadership verbs, conditionals): found in one pass per sentence
    /// (`SentenceRelations.cues`), so each rule reads only their positions.
    let cueWords: WordSet
    /// The lexicon's triggers, and per trigger what the rules ask of its
    /// ontology entry and lemma, worked out once rather than per occurrence.
    let triggers: [Trigger]
    /// Whether the trigger's relation with an agent is symmetric.
    let symmetricOnAgent: [Bool]
    /// The first word of the trigger's lemma ("put" of "put forward").
    let lemmaHeads: [String]
    /// Every word the subject search reacts to other than a mark or a
    /// mention (pronouns, "but", relative pronouns): any other word is
    /// stepped over after one lookup.
    let subjectClauseWords: WordSet
    /// Negations, cessation verbs and modals: what the modality looks for
    /// before a trigger besides mentions and triggers.
    let modalityWords: WordSet

    public init(index: LexiconIndex, ontology: Ontology) {
        self.index = index
        self.rules = RelationRules(ontology)
        self.words = WordSets(index.lexicon)
        self.triggers = index.lexicon.triggers
        self.symmetricOnAgent = triggers.map { [rules] t in t.onAgent.map { rules.isSymmetric($0) } ?? false }
        self.lemmaHeads = triggers.map { $0.lemma.split(separator: " ").first.map(String.init) ?? "" }
        self.subjectClauseWords = words.personPronouns.union(words.organizationPronouns).union(SentenceRelations.contrastive)
            .union(EnglishGrammar.relativePronouns).union(["that", "which", "who"])
        self.modalityWords = words.negations.union(EnglishGrammar.cessationVerbs).union(words.modals)
        self.cueWords = words.requirementMarkers.union(ProposalExtractor.linkMarkers).union(SentenceRelations.conditionWords)
            .union(SentenceRelations.between).union(SentenceRelations.according)
            .union(words.reportingVerbs).union(words.leadershipVerbs).union(words.conditionals)
    }

    public func run(_ a: inout DocumentAnalysis) {
        var topic: Int?
        var recentProposal: Int?
        // Per sentence so far, its most mentioned proposal (the first found
        // of equals): each sentence is searched once, not in three windows.
        var mostMentionedIn: [Int?] = []
        for s in a.sentences.indices {
            var clause = SentenceRelations(sentence: s, tokens: a.sentences[s].tokens,
                                           mentions: s < a.mentions.count ? a.mentions[s] : [], extractor: self, topic: topic)
            clause.recentProposal = recentProposal
            clause.extract(&a)
            topic = clause.topic
            mostMentionedIn.append(s < a.mentions.count ? mostMentionedProposal(a.mentions[s], a) : nil)
            // The plan under discussion: the most mentioned of the last three
            // sentences (the first found of equals).
            var mostMentioned: Int?
            for case let node? in mostMentionedIn[max(0, s - 2)...s] {
                if let best = mostMentioned, a.nodes[best].mentions >= a.nodes[node].mentions { continue }
                mostMentioned = node
            }
            recentProposal = mostMentioned ?? recentProposal
        }
    }

    /// The proposal of `mentions` mentioned most in the document, the first found of equals.
    func mostMentionedProposal(_ mentions: [Mention], _ a: DocumentAnalysis) -> Int? {
        var mostMentioned: Int?
        for m in mentions where a.nodes[m.node].type == .proposal {
            if let best = mostMentioned, a.nodes[best].mentions >= a.nodes[m.node].mentions { continue }
            mostMentioned = m.node
        }
        return mostMentioned
    }
}

/// Per token of a sentence, the indexes of the mentions covering it, in
/// the order of the mentions: one list for the sentence rather than an
/// array per token.
struct MentionCoverage {
    /// One allocation for both: the mentions covering token `k` are
    /// `table[table[k]..<table[k + 1]]`, the lists stored after the
    /// `count + 1` list starts.
    private let table: [Int]

    init(_ mentions: [Mention], tokenCount: Int) {
        var total = 0
        for m in mentions where m.lower < min(m.upper, tokenCount) { total += min(m.upper, tokenCount) - m.lower }
        // Counts per token, summed up to the end of each token's list, then
        // filled backwards: each end moves down to its list's start, so no
        // second array of positions is needed.
        var table = Array(repeating: 0, count: tokenCount + 1 + total)
        for m in mentions where m.lower < min(m.upper, tokenCount) {
            for k in m.lower..<min(m.upper, tokenCount) { table[k] += 1 }
        }
        table[0] += tokenCount + 1
        for k in 0..<tokenCount { table[k + 1] += table[k] }
        for i in mentions.indices.reversed() where mentions[i].lower < min(mentions[i].upper, tokenCount) {
            for k in mentions[i].lower..<min(mentions[i].upper, tokenCount) {
                table[k] -= 1
                table[table[k]] = i
            }
        }
        self.table = table
        self.tokenCount = tokenCount
    }

    /// The number of tokens.
    var count: Int { tokenCount }
    private let tokenCount: Int

    subscript(k: Int) -> ArraySlice<Int> { table[table[k]..<table[k + 1]] }
}

/// The relation finder of one sentence.
struct SentenceRelations {
    let sentence: Int
    let tokens: [Token]
    let mentions: [Mention]
    /// Per token, the indexes of the mentions covering it.
    let coverage: MentionCoverage
    /// Positions of the extractor's `cueWords`, in order.
    let cues: [Int]
    /// The organisation each titled person of the sentence was introduced with.
    let leaderOf: [Int: Int]
    let extractor: RelationExtractor
    /// The organisation or person the discourse is about, for "it" and "the
    /// group" subjects that coreference did not resolve.
    var topic: Int?
    /// Conditions already given a demander by a trigger.
    var demanded: Set<Int> = []
    let attribution: String?
    /// The latest proposal of the document before this sentence.
    var recentProposal: Int?

    init(sentence: Int, tokens: [Token], mentions: [Mention], extractor: RelationExtractor, topic: Int?) {
        self.sentence = sentence
        self.tokens = tokens
        // Mentions mostly come in order already: sorting would only copy them.
        let inOrder = zip(mentions, mentions.dropFirst()).allSatisfy { $0.lower <= $1.lower }
        let mentions = inOrder ? mentions : mentions.sorted { $0.lower < $1.lower }
        self.mentions = mentions
        self.coverage = MentionCoverage(mentions, tokenCount: tokens.count)
        self.cues = tokens.indices.filter { tokens.word($0, in: extractor.cueWords) }
        var leaderOf: [Int: Int] = [:]
        for m in mentions { if let group = m.speaksFor, leaderOf[m.node] == nil { leaderOf[m.node] = group } }
        self.leaderOf = leaderOf
        self.extractor = extractor
        self.topic = topic
        self.attribution = SentenceRelations.findAttribution(tokens, cues, mentions, extractor)
    }

    var lexicon: Lexicon { extractor.index.lexicon }

    func type(_ a: DocumentAnalysis, _ node: Int) -> NodeType { a.nodes[node].type }

    func isAgent(_ a: DocumentAnalysis, _ m: Mention) -> Bool {
        m.role != .adjectival && m.role != .phrase && (type(a, m.node) == .actor || type(a, m.node) == .organization)
    }

    /// The phrase (proposal or condition) covering token `k`.
    func phrase(at k: Int) -> Mention? {
        guard k >= 0, k < coverage.count else { return nil }
        for i in coverage[k] where mentions[i].role == .phrase { return mentions[i] }
        return nil
    }

    /// Mentions starting at token positions in `range`, in order: a window
    /// lookup, so constructions cost what their window holds.
    func starting(in range: Range<Int>) -> [Mention] {
        let lower = max(0, range.lowerBound), upper = min(coverage.count, range.upperBound)
        guard lower < upper else { return [] }
        var out: [Mention] = []
        for k in lower..<upper { for i in coverage[k] where mentions[i].lower == k { out.append(mentions[i]) } }
        return out
    }

    /// The name at `k` even inside a plan's phrase ("Iran" in "a truce
    /// between Israel and Iran-backed Hezbollah").
    func entityMention(at k: Int) -> Mention? {
        guard k >= 0, k < coverage.count else { return nil }
        for i in coverage[k] where mentions[i].role != .adjectival && mentions[i].role != .phrase { return mentions[i] }
        return nil
    }

    func mention(at k: Int) -> Mention? {
        guard k >= 0, k < coverage.count else { return nil }
        for i in coverage[k] where mentions[i].role != .adjectival { return mentions[i] }
        return nil
    }

    /// A mention after "via"/"through", after a locative preposition, or
    /// after "City," is where or through whom, not with whom.
    func isChannelOrPlace(_ m: Mention) -> Bool {
        guard m.lower > 0 else { return false }
        let before = m.lower - 1
        if tokens.word(before, in: SentenceRelations.channelOrPlaceWords) { return true }
        if tokens.word(before, in: extractor.words.locatives) && m.role != .name { return true }
        if tokens[before].lower == ",", m.lower > 1, tokens[m.lower - 2].isCapitalized, mention(at: m.lower - 2) == nil { return true }
        return false
    }

    /// "via", "through": a channel; "in", "at": a place.
    static let channelOrPlaceWords: WordSet = ["via", "through", "in", "at"]

    /// "Israeli incursions", "Israeli aggression": a demonym before a noun
    /// stands for its state as the object of a hostile act.
    func adjectivalObject(at k: Int) -> Mention? {
        guard k >= 0, k < coverage.count, let i = coverage[k].first(where: { mentions[$0].role == .adjectival }),
              case let m = mentions[i], m.upper < tokens.count,
              tokens[m.upper].kind == .word, !tokens[m.upper].isCapitalized else { return nil }
        return m
    }

    mutating func extract(_ a: inout DocumentAnalysis) {
        var k = 0
        while k < tokens.count {
            // A trigger is a lexicon phrase.
            if tokens[k].matches.isEmpty { k += 1; continue }
            guard let (length, t) = trigger(at: k) else { k += 1; continue }
            // Inside a plan's phrase only "Iran-backed Hezbollah" (a compound
            // modifying a name) still states a relation.
            if phrase(at: k) != nil, !(k > 0 && tokens[k - 1].kind == .hyphen && mention(at: k + 1) != nil) { k += 1; continue }
            fire(t, at: k, length: length, &a)
            k += length
        }
        betweenParties(&a)
        leadership(&a)
        proposalsFrom(&a)
        requirements(&a)
        markedConditions(&a)
        if let first = mentions.first(where: { isAgent(a, $0) && isSubjectPosition($0) }) { topic = first.node }
    }

    /// The trigger starting at token `k`: its length and its index in
    /// `extractor.triggers`. An index, not the `Trigger`: a trigger holds
    /// five strings and arrays to copy, and most callers ask only whether
    /// there is one or read one field.
    func trigger(at k: Int) -> (length: Int, index: Int)? {
        k >= 0 && k < tokens.count ? tokens[k].matches.firstTrigger : nil
    }

    // MARK: Triggers

    mutating func fire(_ triggerIndex: Int, at k: Int, length: Int, _ a: inout DocumentAnalysis) {
        var t = extractor.triggers[triggerIndex]
        let end = k + length
        let compound = k > 0 && tokens[k].glued && tokens[k - 1].kind == .hyphen
        if compound {
            // "Tehran-backed Hezbollah": the subject is glued before.
            guard let subject = entityMention(at: k - 2), isAgent(a, subject) || subject.role == .metonym,
                  let object = entityMention(at: end).flatMap({ relation(t, for: $0.node, a) != nil ? $0.node : nil })
                      ?? objects(of: t, from: end, &a, limit: 4).first else { return }
            add(t, subject: subject.node, object: object, at: k, length: length, &a, confidence: 0.85)
            return
        }
        // "a Hutu armed group": a participle before a noun is an adjective.
        if !t.nominal, length == 1, tokens[k].lower.hasSuffix("ed"), end < tokens.count, tokens[end].kind == .word,
           !tokens[end].isCapitalized, !EnglishGrammar.stopsNounPhrase(tokens[end].lower), mention(at: end) == nil,
           trigger(at: end) == nil, k > 0, !tokens.word(k - 1, in: EnglishGrammar.auxiliaries), mention(at: k - 1) == nil {
            return
        }
        var (modality, negated) = modality(t, at: k, end: end)
        // "will not agree to the proposal", "refused to accept the deal": a
        // stated refusal rejects the plan; "has not yet accepted" says nothing.
        if negated, t.onProposal == RelationName("accepts"), isRefusal(before: k), namesAPlan(after: end) {
            t.onProposal = RelationName("rejects")
            t.onCondition = nil
            t.onAgent = nil
            t.modality = .asserted
            negated = false
            modality = .asserted
        }
        if negated { a.unmatchedTriggers.append(tokens[k].text + " (negated)"); return }
        // "before agreeing to", "without accepting": not (yet) done.
        if k > 0, tokens.word(k - 1, in: SentenceRelations.notYet) { return }
        // "urged the army to accept the truce": asked for, not taken.
        if isUrgedInfinitive(k) { return }
        // "attended the talks as observers": present, not a side.
        if end + 1 < tokens.count, tokens[end].lower == "as", tokens.word(end + 1, in: SentenceRelations.observers) { return }
        // "was killed in an Israeli airstrike": the demonym's state acts.
        if end + 2 < tokens.count, tokens[end].lower == "in" || tokens[end].lower == "by", k > 0,
           tokens.word(k - 1, in: SentenceRelations.passiveBe),
           let agent = starting(in: (end + 1)..<(end + 3)).first(where: { $0.role == .adjectival }),
           let object = objectBefore(t, k - 1, &a) {
            add(t, subject: agent.node, object: object, at: k, length: length, &a, confidence: 0.7, modality: modality)
            return
        }
        // Passive and reduced relative: "the disarmament demanded by Israel",
        // "the roadmap, agreed in principle by Saudi Arabia and the Houthis".
        if let by = agentBy(after: end), isParticiple(k, of: triggerIndex) || isBareParticiple(k, of: t) {
            let agents = agentList(from: by + 1, &a)
            if !agents.isEmpty, let object = objectBefore(t, k, &a) {
                for agent in agents { add(t, subject: agent, object: object, at: k, length: length, &a, confidence: 0.8, modality: modality) }
                return
            }
        }
        // "had been negotiated" with no "by": the subject is not stated.
        if !t.nominal, k > 0, tokens.word(k - 1, in: SentenceRelations.formsOfBe),
           isParticiple(k, of: triggerIndex) { return }
        // "is set to visit Israel for discussions": talks with the host.
        if t.onAgent == RelationName("negotiatesWith"), k > 2, tokens[k - 1].lower == "for",
           let host = mention(at: k - 2), isAgent(a, host), host.lower > 0,
           isVisit(before: host.lower) {
            let plans = objects(of: t, from: end, &a, limit: 10).filter { a.nodes[$0].type == .proposal }
            for (who, c) in subject(before: host.lower - 1, &a) where who != host.node {
                add(t, subject: who, object: host.node, at: k, length: length, &a, confidence: c - 0.1, modality: modality)
                // "special envoy X is set to visit Israel for discussions on a
                // truce": a go-between carries the plan to the side.
                guard isGoBetween(who) else { continue }
                for plan in plans {
                    a.addEdge(RelationName("brokers"), from: who, to: plan, sentence: sentence, confidence: c - 0.2,
                              trigger: "visit for " + tokens[k].text, modality: modality,
                              attribution: attribution)
                }
            }
        }
        // "a 2020 ceasefire it brokered", "the deal that Hamas had rejected".
        if !t.nominal, t.onProposal != nil, let (who, plan, c) = objectRelative(before: k, &a) {
            add(t, subject: who, object: plan, at: k, length: length, &a, confidence: c, modality: modality)
            return
        }
        var objs = objects(of: t, from: end, &a, limit: t.nominal ? 4 : 10)
        // "Qatar hosted talks between Congo and Rwanda": the parties are the
        // pair ("between" gives their edge); the subject is a host.
        if t.onAgent != nil, extractor.symmetricOnAgent[triggerIndex], end < tokens.count, tokens[end].lower == "between" {
            objs.removeAll { [.actor, .organization].contains(a.nodes[$0].type) }
            if objs.isEmpty { return }
        }
        guard !objs.isEmpty else {
            // "X, Y and Z held talks": every pair negotiates.
            if let r = t.onAgent, extractor.symmetricOnAgent[triggerIndex] {
                let subjects = subject(before: k, &a)
                if subjects.count >= 2 {
                    for (x, (s1, c)) in subjects.enumerated() {
                        for (s2, _) in subjects[(x + 1)...] where s1 != s2 {
                            a.addEdge(r, from: s1, to: s2, sentence: sentence, confidence: c - 0.05,
                                      trigger: a.text(sentence: sentence, k, k + length), modality: modality, attribution: attribution)
                        }
                    }
                    return
                }
            }
            // "the role of Qatar as an intermediary": it brokers the plan under discussion.
            if t.onProposal == RelationName("brokers"), let plan = recentProposal, k > 1,
               tokens[k - 1].lower == "an" || tokens[k - 1].lower == "a", tokens[k - 2].lower == "as",
               let who = mention(at: k - 3), isAgent(a, who) {
                add(t, subject: who.node, object: plan, at: k, length: length, &a, confidence: 0.55, modality: modality)
                return
            }
            // "we say we accept": a stance on the plan just discussed.
            if t.onProposal != nil, let plan = recentProposal, let speaker = firstPersonSpeaker(before: k, &a) {
                add(t, subject: speaker, object: plan, at: k, length: length, &a, confidence: 0.5, modality: modality)
                return
            }
            a.unmatchedTriggers.append(tokens[k].text)
            return
        }
        var subjects: [(Int, Double)] = []
        // "Israel's demands for", "Hezbollah's rejection of": after a possessive
        // any trigger is a noun and the possessor is its subject.
        if k > 0, tokens[k - 1].kind == .possessive || (t.nominal && k > 1 && tokens[k - 2].kind == .possessive) {
            let p = tokens[k - 1].kind == .possessive ? k - 1 : k - 2
            if let owner = mention(at: p - 1), isAgent(a, owner) || owner.role == .metonym { subjects = [(owner.node, 0.8)] }
        } else if t.nominal, end < tokens.count, tokens[end].lower == "by" {
            subjects = agentList(from: end + 1, &a).map { ($0, 0.75) }
        } else if t.nominal, k > 0, let i = coverage[k - 1].first(where: { mentions[$0].role == .adjectival && mentions[$0].upper == k }),
                  a.nodes[mentions[i].node].type == .organization,
                  end == tokens.count || tokens[end].kind == .punctuation || EnglishGrammar.stopsNounPhrase(tokens[end].lower) {
            // "an Israeli demand", "Iranian support for": the demonym's state
            // ("the Iranian resistance doctrine" heads no stance).
            subjects = [(mentions[i].node, 0.75)]
        }
        // "open to Lebanon negotiating a deal": a gerund's subject stands right before it.
        if subjects.isEmpty, tokens[k].lower.hasSuffix("ing"), let m = mention(at: k - 1), isAgent(a, m) || m.role == .metonym {
            subjects = [(m.node, 0.7)]
        }
        if subjects.isEmpty, t.nominal, !hasAgentFrame(before: k) { return }
        // "rejected the demand for X": the noun is another verb's object,
        // and that verb's subject did not make the demand.
        if subjects.isEmpty, t.nominal, isObjectOfAnotherTrigger(k) { return }
        if subjects.isEmpty { subjects = subject(before: k, &a) }
        for (subject, confidence) in subjects {
            for object in objs {
                add(t, subject: subject, object: object, at: k, length: length, &a, confidence: confidence, modality: modality)
            }
        }
    }

    /// "before agreeing", "without accepting": not (yet) done.
    static let notYet: WordSet = ["before", "without", "until", "unless"]
    /// "as observers": the role of those who attend talks without taking part.
    static let observers: WordSet = ["observer", "observers", "monitor", "monitors", "guest", "guests", "witness", "witnesses"]
    /// "was killed in": a passive's auxiliary.
    static let passiveBe: WordSet = ["was", "were", "been", "is", "are"]
    static let formsOfBe = passiveBe.union(["be", "being"])

    func relation(_ t: Trigger, for object: Int, _ a: DocumentAnalysis) -> RelationName? {
        switch a.nodes[object].type {
        case .proposal: return t.onProposal
        case .condition: return t.onCondition
        case .actor, .organization: return t.onAgent
        default: return nil
        }
    }

    mutating func add(_ t: Trigger, subject: Int, object: Int, at k: Int, length: Int, _ a: inout DocumentAnalysis,
                      confidence: Double, modality: Modality = .asserted) {
        guard let r = relation(t, for: object, a), subject != object,
              extractor.rules.allows(r, from: a.nodes[subject].type, to: a.nodes[object].type) else { return }
        // "the minister threatened to quit the government": no one is at war
        // with the organisation they lead or serve.
        if r == RelationName("opposes"), servesIn(subject, object, a) || servesIn(object, subject, a) { return }
        // Terms named in the sentence ("only if", "under the conditions") win
        // over the trigger's own hedge ("consider").
        let mood = modality == .conditional ? .conditional : (t.modality != .asserted ? t.modality : modality)
        a.addEdge(r, from: subject, to: object, sentence: sentence, confidence: confidence,
                  trigger: a.text(sentence: sentence, k, k + length), modality: mood, attribution: attribution)
        if a.nodes[object].type == .condition { demanded.insert(object) }
        // "reviewing ... a ceasefire with Hezbollah": who weighs a plan made
        // with the other side is its other party.
        // (Keys read first: a closure reading `a` makes a copy of it.)
        // The cheap tests come first: the sentence's edges and the
        // subject's `leads` edges are copied out to be searched.
        let partyTo = RelationName("partyTo")
        let subjectKey = a.nodes[subject].key, objectKey = a.nodes[object].key
        if r == RelationName("considers") || r == RelationName("accepts") || r == RelationName("rejects"),
           a.nodes[subject].type == .organization,
           a.edges(inSentence: sentence).contains(where: { $0.relation == partyTo && $0.target == objectKey
                                     && $0.provenance.trigger == "with" && $0.source != subjectKey }) {
            a.addEdge(partyTo, from: subject, to: object, sentence: sentence, confidence: confidence - 0.1,
                      trigger: "with (other side)", modality: mood, attribution: attribution)
        }
        // A leader introduced with the group speaks for it.
        guard a.nodes[subject].type == .actor, mood != .possible else { return }
        let leads = a.edges(from: subjectKey, RelationName("leads"))
        var speaksFor = leaderOf[subject]
        if speaksFor == nil, let first = leads.first { speaksFor = a.nodeIndex(of: first.target) }
        if let group = speaksFor, a.nodes[group].type == .organization,
           case let groupKey = a.nodes[group].key, leads.contains(where: { $0.target == groupKey }),
           extractor.rules.allows(r, from: a.nodes[group].type, to: a.nodes[object].type) {
            a.addEdge(r, from: group, to: object, sentence: sentence, confidence: confidence - 0.15,
                      trigger: a.text(sentence: sentence, k, k + length), modality: mood, attribution: attribution)
        }
    }

    /// Whether the document gives `person` a role in `organization`.
    func servesIn(_ person: Int, _ organization: Int, _ a: DocumentAnalysis) -> Bool {
        let key = a.nodes[organization].key
        let personKey = a.nodes[person].key
        return a.offices(of: personKey).contains { $0.target == key }
    }

    /// Modal, negation and conditional words around the trigger.
    func modality(_ t: Trigger, at k: Int, end: Int) -> (Modality, Bool) {
        var modality = Modality.asserted
        var negated = false
        var j = k - 1
        // "rejected the plan presented by X": the refusal has its own object.
        var crossedObject = false
        while j >= 0, j >= k - 4 {
            if tokens[j].kind == .punctuation { break }
            if tokens.word(j, in: extractor.modalityWords) {
                if tokens.word(j, in: extractor.words.negations) { negated = true }
                // "to end its support for", "halted its backing of": stopped, not given.
                if j >= k - 2, j + 1 == k || tokens[j + 1].lower == "the" || tokens.word(j + 1, in: EnglishGrammar.possessiveDeterminers),
                   tokens.word(j, in: EnglishGrammar.cessationVerbs) { negated = true }
                if tokens.word(j, in: extractor.words.modals) { modality = .possible }
            }
            if mention(at: j) != nil { crossedObject = true }
            // "rejected talks with", "ruled out negotiations": refused, not held.
            if !crossedObject, let (_, g) = trigger(at: j), extractor.triggers[g].onProposal == RelationName("rejects") { negated = true }
            j -= 1
        }
        for q in cues where q >= end && q < end + 8 && tokens.word(q, in: extractor.words.conditionals) { modality = .conditional }
        return (modality, negated)
    }

    /// "will not", "won't", "would never", "refuses to", "cannot" right
    /// before the trigger at `k`: an intention not to, not a fact.
    func isRefusal(before k: Int) -> Bool {
        let window = tokens[max(0, k - 4)..<k].map(\.lower)
        guard let last = window.lastIndex(where: { ["not", "n't", "never", "cannot", "refuse", "refuses", "refused", "refusing"].contains($0) })
        else { return false }
        if ["cannot", "refuse", "refuses", "refused", "refusing"].contains(window[last]) { return true }
        return window[..<last].contains { ["will", "wo", "would", "shall", "can", "ca"].contains($0) }
    }

    /// "the proposal", "this deal", "Egypt's plan" after the trigger (and
    /// its "to"): a plan on the table, not "a partial deal" in general.
    func namesAPlan(after end: Int) -> Bool {
        var q = end
        if q < tokens.count, tokens[q].lower == "to" { q += 1 }
        guard q < tokens.count else { return false }
        return tokens.word(q, in: EnglishGrammar.definiteDeterminers) || tokens[q].isCapitalized
    }

    // MARK: Objects and subjects

    /// Mentions after the trigger whose class the trigger has a relation
    /// for, with their coordinated followers ("X and Y").
    func objects(of t: Trigger, from start: Int, _ a: inout DocumentAnalysis, limit: Int) -> [Int] {
        var found: [Int] = []
        var k = start
        var steps = 0
        while k < tokens.count, steps < limit {
            // "via the UN", "through Qatar": a channel, not a counterpart;
            // "talks in Jeddah, Saudi Arabia": a place.
            if let m = mention(at: k), k > 0, isChannelOrPlace(m) { k = m.upper; steps += 1; continue }
            if var m = mention(at: k) ?? (t.onAgent == RelationName("opposes") ? adjectivalObject(at: k) : nil) {
                // "backs US plan": the name only modifies the plan that starts with it.
                if let p = phrase(at: k), p.lower == m.lower, p.upper > m.upper, relation(t, for: p.node, a) != nil { m = p }
                if relation(t, for: m.node, a) != nil {
                    found.append(m.node)
                    // Coordination: ", X and Y", "X and the Y".
                    var q = m.upper
                    while q < tokens.count, tokens[q].lower == "and" || tokens.isMark(q, ",") || tokens[q].lower == "as" {
                        var r = q + 1
                        while r < tokens.count, tokens.word(r, in: EnglishGrammar.determiners) || tokens[r].lower == "well" || tokens[r].lower == "as" { r += 1 }
                        guard let next = mention(at: r), relation(t, for: next.node, a) != nil,
                              a.nodes[next.node].type == a.nodes[m.node].type else { break }
                        found.append(next.node)
                        q = next.upper
                    }
                    return found
                }
                k = m.upper
                steps += 1
                continue
            }
            // The token read in place: a copy retains its strings.
            if tokens[k].kind == .punctuation && !tokens.isMark(k, ",") { break }
            if tokens.isMark(k, ",") && steps > 2 { break }
            if tokens.word(k, in: EnglishGrammar.relativePronouns) && tokens[k].lower != "that" { break }
            if trigger(at: k) != nil && k > start && !t.nominal && !tokens[k].lower.hasSuffix("ing") { break }
            k += 1
            steps += 1
        }
        return found
    }

    /// The object of a passive trigger: the nearest fitting mention before it.
    func objectBefore(_ t: Trigger, _ k: Int, _ a: inout DocumentAnalysis) -> Int? {
        var j = k - 1
        while j >= 0, j >= k - 8 {
            if let m = mention(at: j) { return relation(t, for: m.node, a) != nil ? m.node : nil }
            if tokens[j].kind == .punctuation && !tokens.isMark(j, ",") { return nil }
            j -= 1
        }
        return nil
    }

    /// A nominal trigger right after another stance verb ("rejected the
    /// demand", "accepted the offer"), with only determiners and adjectives
    /// between; light verbs ("made the demand") leave it the subject's.
    func isObjectOfAnotherTrigger(_ k: Int) -> Bool {
        // Only a noun: "the demand", "any offer".
        guard k > 1, tokens.word(k - 1, in: EnglishGrammar.determiners) else { return false }
        var p = k - 1
        while p >= 0, p >= k - 3, tokens[p].kind == .word, trigger(at: p) == nil, mention(at: p) == nil {
            // "did not meet its demand": the owner made it.
            if tokens.word(p, in: EnglishGrammar.possessiveDeterminers) { return false }
            p -= 1
        }
        guard p >= 0, p < k - 1, let (_, verb) = trigger(at: p), !extractor.triggers[verb].nominal,
              !tokens.word(p, in: extractor.words.lightVerbs) else { return false }
        return true
    }

    /// An object relative clause ending in the trigger at `k`: a proposal,
    /// an optional "that"/"which", then the subject (a name or a pronoun)
    /// and perhaps an auxiliary.
    func objectRelative(before k: Int, _ a: inout DocumentAnalysis) -> (Int, Int, Double)? {
        var p = k - 1
        if p >= 0, ["had", "has", "have", "would", "will", "could", "later", "then", "also"].contains(tokens[p].lower) { p -= 1 }
        guard p >= 1 else { return nil }
        var who: (Int, Double)?
        if let m = mention(at: p), m.upper == p + 1, isAgent(a, m) || m.role == .metonym {
            who = (m.node, m.role == .anaphor ? 0.6 : 0.7)
            p = m.lower - 1
        } else if ["it", "they"].contains(tokens[p].lower) {
            who = subject(before: p + 1, &a).first.map { ($0.0, 0.6) }
            p -= 1
        }
        guard let (subject, confidence) = who, p >= 0 else { return nil }
        if ["that", "which"].contains(tokens[p].lower) { p -= 1 }
        guard p >= 0, let plan = mention(at: p), plan.upper == p + 1, a.nodes[plan.node].type == .proposal else { return nil }
        return (subject, plan.node, confidence)
    }

    /// The "by" of a passive right after its participle, past an adverbial
    /// of up to three plain words ("agreed in principle by", "signed last
    /// year by").
    func agentBy(after end: Int) -> Int? {
        var q = end
        while q < tokens.count, q < end + 4 {
            if tokens[q].lower == "by" { return q }
            guard tokens[q].kind == .word || tokens[q].kind == .number, mention(at: q) == nil, trigger(at: q) == nil else { return nil }
            q += 1
        }
        return nil
    }

    /// Agents after "by": "by Tel Aviv and Washington".
    func agentList(from start: Int, _ a: inout DocumentAnalysis) -> [Int] {
        var out: [Int] = []
        var sawAnd = false
        var k = start
        while k < tokens.count {
            while k < tokens.count, tokens.word(k, in: EnglishGrammar.determiners) { k += 1 }
            // "the sovereign Lebanese government": adjectives before the name.
            var adjectives = 0
            while adjectives < 2, k < tokens.count, mention(at: k) == nil, tokens[k].kind == .word, !tokens[k].isCapitalized,
                  !EnglishGrammar.stopsNounPhrase(tokens[k].lower) { k += 1; adjectives += 1 }
            // "between Russian and Ukrainian delegations": demonyms sharing one noun.
            if out.isEmpty, let first = adjectivalObject(at: k), first.upper + 1 < tokens.count, tokens[first.upper].lower == "and",
               let second = mention(at: first.upper + 1), second.role == .name, second.upper - second.lower >= 2,
               tokens.word(second.upper - 1, in: extractor.words.governmentNouns) {
                return [first.node, second.node]
            }
            guard let m = mention(at: k), isAgent(a, m) || m.role == .metonym else { break }
            // "by Egypt and Qatar, the group said": a speaker, not a third agent.
            if !out.isEmpty, m.upper < tokens.count, tokens.word(m.upper, in: extractor.words.reportingVerbs) { break }
            out.append(m.node)
            k = m.upper
            // "X and Y" ends the list.
            if sawAnd { break }
            guard k < tokens.count, tokens[k].lower == "and" || tokens.isMark(k, ",") else { break }
            if tokens[k].lower == "and" { sawAnd = true }
            k += 1
            if k < tokens.count, tokens[k].lower == "and" { sawAnd = true; k += 1 }
        }
        return out
    }

    /// "we accept", said by a person named as the speaker of the sentence
    /// ("..., Qassem declared").
    func firstPersonSpeaker(before k: Int, _ a: inout DocumentAnalysis) -> Int? {
        guard k > 0, ["we", "i"].contains(tokens[k - 1].lower) || (k > 1 && ["we", "i"].contains(tokens[k - 2].lower)) else { return nil }
        guard let verb = cues.last(where: { tokens.word($0, in: extractor.words.reportingVerbs) }), verb > k,
              let speaker = starting(in: (k + 1)..<verb).last(where: { $0.upper <= verb && isAgent(a, $0) }) else { return nil }
        return speaker.node
    }

    /// "top officials from the U.S., Israel, and Qatar": the list stands
    /// for the subject (officials are not nodes).
    func isOfficialsFrom(_ m: Mention) -> Bool {
        var p = m.lower - 1
        while p > 0, tokens.isMark(p, ",") || tokens[p].lower == "and" || mention(at: p) != nil || tokens.word(p, in: EnglishGrammar.determiners) {
            if let o = mention(at: p) { p = o.lower - 1 } else { p -= 1 }
        }
        guard p > 0, tokens[p].lower == "from" || tokens[p].lower == "of" else { return false }
        return tokens.word(p - 1, in: extractor.words.governmentNouns) || tokens.word(p - 1, in: extractor.words.nonAgentNouns)
            || ["officials", "representatives", "negotiators", "delegations", "envoys", "leaders", "mediators"].contains(tokens[p - 1].lower)
    }

    /// A nominal trigger takes a subject from the clause only when its own
    /// phrase says whose it is ("its strikes", "their bombardment") or a
    /// light verb carries it ("Hamas launched an assault"); "deterring an
    /// occupation" names nobody.
    func hasAgentFrame(before k: Int) -> Bool {
        var j = k - 1
        var steps = 0
        while j >= 0, steps < 4 {
            if tokens.word(j, in: extractor.words.organizationPronouns) || tokens.word(j, in: extractor.words.personPronouns) { return true }
            if tokens.word(j, in: extractor.words.lightVerbs) { return true }
            if tokens[j].kind == .punctuation && tokens[j].text != "-" { return false }
            if mention(at: j) != nil { return false }
            j -= 1
            steps += 1
        }
        return false
    }

    /// "rejected", "taken" at token `k`: a past participle, not the lemma
    /// itself ("open") of the trigger.
    func isParticiple(_ k: Int, of trigger: Int) -> Bool {
        let word = tokens[k].lower
        return (word.hasSuffix("ed") || word.hasSuffix("en")) && word != extractor.lemmaHeads[trigger]
    }

    /// "a proposal put forward by Egypt", "the terms set by Israel": a
    /// participle that looks like its lemma, after a noun or "was".
    func isBareParticiple(_ k: Int, of t: Trigger) -> Bool {
        guard k > 0, !tokens[k].lower.hasSuffix("ing"), !tokens[k].lower.hasSuffix("s") else { return false }
        return mention(at: k - 1) != nil || tokens.word(k - 1, in: EnglishGrammar.auxiliaries)
    }

    /// "the entity", "the group", "the body": a noun that only describes
    /// the name before it.
    func isDescriptionNoun(_ k: Int) -> Bool {
        ["entity", "body", "organisation", "organization", "group", "movement", "force", "country", "state"].contains(tokens[k].lower)
    }

    /// "after", "since", "because": a preposition or a conjunction.
    static let subordinators: WordSet = ["after", "before", "since", "until", "while", "because", "when", "once"]

    /// Whether a mention stands where a subject stands: not after a
    /// preposition, not a possessor of the next mention.
    func isSubjectPosition(_ m: Mention) -> Bool {
        if m.role == .member { return true }
        if m.lower > 0 {
            var p = m.lower - 1
            while p > 0, tokens.word(p, in: EnglishGrammar.determiners) { p -= 1 }
            if tokens.word(p, in: EnglishGrammar.prepositions) && tokens[p].lower != "as" {
                // "shortly after Hamas launched": a conjunction, the clause's subject follows.
                let subordinator = tokens.word(p, in: SentenceRelations.subordinators)
                let verbNext = m.upper < tokens.count && tokens[m.upper].kind == .word && !tokens[m.upper].isCapitalized
                    && (tokens[m.upper].lower.hasSuffix("ed") || tokens.word(m.upper, in: EnglishGrammar.auxiliaries))
                if !(subordinator && verbNext) { return false }
            }
        }
        // "Nasrallah's strategy": a possessor determines a noun phrase.
        if m.upper < tokens.count, tokens[m.upper].kind == .possessive { return false }
        return true
    }

    /// The position of the last `mark` before token `j`. Indexes, not a
    /// search of `tokens[..<j]`: a slice's search copies each token.
    func lastMark(_ mark: String, before j: Int) -> Int? {
        var p = j - 1
        while p >= 0, !tokens.isMark(p, mark) { p -= 1 }
        return p >= 0 ? p : nil
    }

    /// The subject of an active trigger at `k`: the nearest agent to the
    /// left in subject position, skipping parentheticals (", backed by
    /// Iran,") and going through relative pronouns to their antecedent;
    /// else the discourse topic when a pronoun stands there.
    func subject(before k: Int, _ a: inout DocumentAnalysis) -> [(Int, Double)] {
        var j = k - 1
        var steps = 0
        var companions: [(Int, Double)] = []
        while j >= 0, steps < 14 {
            // Token `j` is read in place throughout: a copy retains its strings.
            if tokens.isMark(j, ",") || tokens.isMark(j, "\u{2014}") {
                // Skip a parenthetical closed here: ", backed by Iran," / "-the entity ...-".
                let mark = tokens[j].text
                // A reporting verb inside makes it a clause of its own (", Qassem
                // said,"), unless a relative pronoun opens it (", which denies X,").
                if let open = lastMark(mark, before: j), j - open < 24,
                   open + 1 < j && ["which", "who"].contains(tokens[open + 1].lower)
                    || !((open + 1)..<j).contains(where: { tokens.word($0, in: extractor.words.reportingVerbs) }),
                   let m = mention(at: open - 1), isAgent(a, m) || m.role == .metonym {
                    // ", alongside X," / ", along with X,": X acts too.
                    if open + 1 < j, ["alongside", "along", "together"].contains(tokens[open + 1].lower) {
                        for c in starting(in: (open + 1)..<j) where c.upper <= j && isAgent(a, c) { companions.append((c.node, 0.7)) }
                    }
                    j = open - 1
                    steps += 1
                    continue
                }
                if mark == "\u{2014}" { break }
            } else if tokens[j].kind == .punctuation && tokens[j].text != "-" {
                break
            }
            if let m = mention(at: j) {
                if (isAgent(a, m) || m.role == .metonym) && (isSubjectPosition(m) || isOfficialsFrom(m)) {
                    let confidence = m.role == .anaphor ? 0.65 : 0.75
                    var subjects = [(m.node, confidence)]
                    // "X and Y rejected": coordinated subjects.
                    var p = m.lower - 1
                    // "Mossad Chief David Barnea": step over the title and its organisation.
                    while p > 0, let o = coverage[p].first.map({ mentions[$0] }), o.node == m.speaksFor { p = o.lower - 1 }
                    while p > 0, tokens.lexicon(at: p).contains(where: { if case .roleTitle = $0.hit { return true }; return false }) || (tokens[p].isCapitalized && mention(at: p) == nil && tokens[p].lower != "and") {
                        p -= 1
                        if let o = mention(at: p), o.node == m.speaksFor { p = o.lower - 1 }
                    }
                    // "X, Y, and Z" and "X and Y" ("Egypt and the United States").
                    while p > 0, tokens.word(p, in: EnglishGrammar.determiners) { p -= 1 }
                    var sawAnd = false
                    while p > 0, tokens[p].lower == "and" || (tokens.isMark(p, ",") && (sawAnd || (p + 1 < tokens.count && tokens[p + 1].lower == "and"))) {
                        if tokens[p].lower == "and" { sawAnd = true }
                        let q = p - 1
                        if tokens[q].lower == "and" || tokens.isMark(q, ",") { p = q; continue }
                        guard let other = mention(at: q), isAgent(a, other) || other.role == .metonym else { break }
                        subjects.append((other.node, confidence))
                        p = other.lower - 1
                    }
                    subjects.append(contentsOf: companions)
                    return subjects
                }
                j = m.lower - 1
                steps += 1
                continue
            }
            guard tokens.word(j, in: extractor.subjectClauseWords) else {
                j -= 1
                steps += 1
                continue
            }
            let isPersonPronoun = tokens.word(j, in: extractor.words.personPronouns)
            if tokens.word(j, in: extractor.words.organizationPronouns) || isPersonPronoun {
                // "Hezbollah has indicated that ..., it may be open to":
                // the pronoun is the earlier subject of the sentence.
                if j == 0 || !tokens.word(j - 1, in: EnglishGrammar.prepositions) || ["as", "than", "like"].contains(tokens[j - 1].lower),
                   !(j + 1 < tokens.count && mention(at: j + 1) != nil) {
                    if let m = starting(in: max(0, j - 40)..<j).last(where: { $0.upper <= j && isAgent(a, $0) && isSubjectPosition($0)
                        && (a.nodes[$0.node].type == .actor) == isPersonPronoun }) {
                        return [(m.node, 0.65)]
                    }
                    // "they" is rarely a state ("European leaders ... they"),
                    // often an armed group ("the Houthis ... they").
                    let plural = ["they", "their", "them"].contains(tokens[j].lower)
                    if let t = topic, (a.nodes[t].type == .actor) == isPersonPronoun,
                       !plural || a.nodes[t].category != NodeType("State") { return [(t, 0.6)] }
                    return []
                }
            }
            // "..., but the army-led government rejected it": a clause with a
            // subject of its own that names no one we know; the agents of the
            // clause before are not its subject ("accepted but later rejected" is).
            if tokens.word(j, in: SentenceRelations.contrastive),
               ((j + 1)..<k).contains(where: { tokens.word($0, in: EnglishGrammar.determiners) }) {
                return []
            }
            // "X -the entity that established Y": the antecedent before the description.
            if tokens[j].lower == "that" || tokens[j].lower == "which" || tokens[j].lower == "who", j > 1, isDescriptionNoun(j - 1), tokens[j - 2].lower == "the" {
                j -= 3
                while j >= 0, tokens.isMark(j, ",") || tokens.isMark(j, "\u{2014}") { j -= 1 }
                steps += 1
                continue
            }
            if tokens[j].lower == "that", j > 0, tokens[j - 1].kind == .word, !tokens[j - 1].isCapitalized, mention(at: j - 1) == nil,
               !tokens.word(j - 1, in: extractor.words.reportingVerbs),
               !tokens.word(j - 1, in: EnglishGrammar.auxiliaries), j + 1 == k || (j + 2 == k) || (j + 3 == k) {
                // "conditions that could facilitate": the noun is the subject.
                return []
            }
            if tokens.word(j, in: EnglishGrammar.relativePronouns) && tokens[j].lower != "that" && j > 0 {
                // "..., which" / "who": the antecedent is the subject.
                j -= 1
                if tokens.isMark(j, ",") { j -= 1 }
                steps += 1
                continue
            }
            j -= 1
            steps += 1
        }
        return []
    }

    // MARK: Constructions without a single trigger

    /// "between X and Y": negotiations give `negotiatesWith`, fighting
    /// gives `opposes`, a proposal gives `partyTo` for both.
    mutating func betweenParties(_ a: inout DocumentAnalysis) {
        for k in cues where tokens.word(k, in: SentenceRelations.between) {
            let parties = agentList(from: k + 1, &a)
            guard parties.count >= 2 else { continue }
            var j = k - 1
            var proposal: Int?
            var relation: RelationName?
            var triggerText = "between"
            var blocked = false
            var mediation = false
            var truceTalks = false
            while j >= 0, j >= k - 7 {
                let trig = trigger(at: j)?.index
                if let g = trig, extractor.triggers[g].onProposal == RelationName("brokers") { mediation = true }
                if isTruceNoun(at: j) { truceTalks = true }
                if let m = phrase(at: j), a.nodes[m.node].type == .proposal {
                    // "the pact negotiated directly between X and Y", but not
                    // "the terms freeze the track between X and Y".
                    if !blocked { proposal = proposal ?? m.node }
                    j = m.lower - 1
                    continue
                }
                let w = tokens[j].lower
                if trig == nil, !w.hasSuffix("ly"), !EnglishGrammar.auxiliaries.contains(w),
                   !EnglishGrammar.relativePronouns.contains(w) { blocked = true }
                if let g = trig, let r = extractor.triggers[g].onAgent, relation == nil,
                   r == RelationName("negotiatesWith") || r == RelationName("opposes") {
                    relation = r
                    triggerText = tokens[j].text
                }
                if tokens[j].kind == .punctuation && tokens[j].text != "-" { break }
                j -= 1
            }
            if let r = relation {
                a.addEdge(r, from: parties[0], to: parties[1], sentence: sentence, confidence: 0.8,
                          trigger: triggerText + " between", attribution: attribution)
                // "cease-fire negotiations between X and Y": a truce is made
                // between the sides of a fight.
                if r == RelationName("negotiatesWith"), truceTalks {
                    a.addEdge(RelationName("opposes"), from: parties[0], to: parties[1], sentence: sentence, confidence: 0.6,
                              trigger: triggerText + " between (truce talks)", attribution: attribution)
                }
            }
            // "mediation between Lebanon and Israel, brokered an agreement": the
            // pair are the parties of the plan the mediator brokers.
            if proposal == nil, mediation {
                proposal = starting(in: (k + 1)..<(k + 16)).first { $0.role == .phrase && a.nodes[$0.node].type == .proposal }?.node
            }
            if let p = proposal {
                for party in parties where extractor.rules.allows(RelationName("partyTo"), from: a.nodes[party].type, to: .proposal) {
                    a.addEdge(RelationName("partyTo"), from: party, to: p, sentence: sentence,
                              confidence: 0.75, trigger: "between", attribution: attribution)
                }
            }
        }
    }

    /// "the RSF, led by Mohamed Hamdan Dagalo", "Burhan, who heads Sudan's
    /// Sovereignty Council", "Dagalo commands the RSF": a person heads an
    /// organisation. The verb's two ends must stand right next to it (a
    /// determiner, an auxiliary or an adverb between at most), so "led to"
    /// and "leading the talks" say nothing.
    mutating func leadership(_ a: inout DocumentAnalysis) {
        let leads = RelationName("leads")
        for k in cues where tokens.word(k, in: extractor.words.leadershipVerbs) {
            var person: Mention?, organization: Mention?
            if k + 1 < tokens.count, tokens[k + 1].lower == "by" {
                // Passive: "ORG, led by PERSON" / "ORG, which is headed by PERSON".
                person = entityMention(at: k + 2)
                var j = k - 1
                while j > 0, ["is", "was", "are", "were", "been", "now", "currently", "which", "that", "also"].contains(tokens[j].lower) { j -= 1 }
                if j > 0, tokens.isMark(j, ",") { j -= 1 }
                organization = entityMention(at: j).flatMap { $0.upper == j + 1 ? $0 : nil }
            } else {
                // Active: "PERSON, who heads ORG" / "PERSON leads ORG".
                var j = k - 1
                while j > 0, ["also", "now", "currently", "still", "who", "which"].contains(tokens[j].lower) { j -= 1 }
                if j > 0, tokens.isMark(j, ",") { j -= 1 }
                person = entityMention(at: j).flatMap { $0.upper == j + 1 ? $0 : nil }
                var q = k + 1
                while q < tokens.count, tokens.word(q, in: EnglishGrammar.determiners) { q += 1 }
                organization = entityMention(at: q)
                // "heads Sudan's Sovereignty Council": the possessed name.
                if let o = organization, o.upper + 1 < tokens.count, tokens[o.upper].kind == .possessive {
                    organization = entityMention(at: o.upper + 1)
                }
            }
            guard let who = person, let group = organization, a.nodes[who.node].type == .actor,
                  a.nodes[group.node].type == .organization else { continue }
            a.addEdge(leads, from: who.node, to: group.node, sentence: sentence, confidence: 0.8,
                      trigger: tokens[k].text, attribution: attribution)
        }
    }

    /// "a new proposal from Egypt and Qatar": they put it forward; "from
    /// Egyptian and Qatari mediators": they also mediate it.
    mutating func proposalsFrom(_ a: inout DocumentAnalysis) {
        for plan in mentions where plan.role == .phrase && a.nodes[plan.node].type == .proposal
            && plan.upper + 1 < tokens.count && tokens[plan.upper].lower == "from" {
            var senders = agentList(from: plan.upper + 1, &a)
            var mediators = false
            if senders.isEmpty {
                // Demonyms sharing a go-between noun: "Egyptian and Qatari mediators".
                var k = plan.upper + 1
                while k < tokens.count, let m = adjectivalObject(at: k) ?? mention(at: k).flatMap({ $0.role == .adjectival ? $0 : nil }) {
                    senders.append(m.node)
                    k = m.upper
                    if k < tokens.count, tokens[k].lower == "and" || tokens.isMark(k, ",") { k += 1 }
                }
                guard k < tokens.count, tokens.word(k, in: extractor.words.mediatorTitles) else { continue }
                mediators = true
            }
            for sender in senders where extractor.rules.allows(RelationName("proposes"), from: a.nodes[sender].type, to: .proposal) {
                a.addEdge(RelationName("proposes"), from: sender, to: plan.node, sentence: sentence, confidence: 0.7,
                          trigger: "from", attribution: attribution)
                if mediators {
                    a.addEdge(RelationName("brokers"), from: sender, to: plan.node, sentence: sentence, confidence: 0.7,
                              trigger: "from mediators", attribution: attribution)
                }
            }
        }
    }

    static let between: WordSet = ["between"]
    /// "..., but", "while": a clause of its own follows.
    static let contrastive: WordSet = ["but", "while", "whereas", "although", "though", "yet"]
    static let according: WordSet = ["according"]

    /// "visit Israel", "traveled to Moscow", "arrived in Cairo", "flew to Doha".
    func isVisit(before k: Int) -> Bool {
        guard k > 0 else { return false }
        if ["visit", "visited", "visits", "visiting"].contains(tokens[k - 1].lower) { return true }
        guard k > 1, ["to", "in"].contains(tokens[k - 1].lower) else { return false }
        return tokens.word(k - 2, in: EnglishGrammar.travelVerbs)
    }

    /// "pressing both sides to sign", "called on Hamas to accept": the
    /// trigger is an infinitive after a verb that asks someone to act.
    func isUrgedInfinitive(_ k: Int) -> Bool {
        // "to fully respect": an adverb may split the infinitive.
        var to = k - 1
        if to > 0, tokens[to].kind == .word, tokens[to].lower.hasSuffix("ly") { to -= 1 }
        guard to > 0, tokens[to].lower == "to" else { return false }
        var j = to - 1
        while j >= max(0, to - 9), tokens[j].kind != .punctuation {
            if tokens.word(j, in: extractor.words.urgingVerbs) { return true }
            if tokens[j].lower == "on" || tokens[j].lower == "upon", j > 0,
               ["call", "called", "calls", "calling"].contains(tokens[j - 1].lower) { return true }
            j -= 1
        }
        return false
    }

    /// A person introduced in this sentence with a go-between's title
    /// ("special envoy X", "adviser X", "X, the UN mediator").
    func isGoBetween(_ node: Int) -> Bool {
        mentions.contains { $0.node == node && extractor.words.hasGoBetweenTitle($0, in: tokens) }
    }

    /// A head noun of a ceasefire or truce ("cease-fire", "truce", "pause").
    func isTruceNoun(at k: Int) -> Bool {
        tokens.lexicon(at: k).contains {
            if case .proposalNoun(let i) = $0.hit { return ["ceasefire", "truce"].contains(lexicon.proposalNouns[i].kind) }
            return false
        }
    }

    /// "a 60-day truce, which would involve X and Y" and "X a condition for
    /// <proposal>": the plan requires the terms.
    mutating func requirements(_ a: inout DocumentAnalysis) {
        let requires = RelationName("requires")
        for k in cues where tokens.word(k, in: extractor.words.requirementMarkers) {
            let t = tokens[k]
            // The plan: the nearest proposal before the marker.
            // "required to reach": an infinitive follows, not a term.
            if k + 1 < tokens.count, tokens[k + 1].lower == "to" { continue }
            let before = starting(in: max(0, k - 40)..<k).last { $0.upper <= k && $0.role == .phrase && a.nodes[$0.node].type == .proposal && k - $0.upper < 20 }
            let generic = genericPlan(before: k)
            guard generic != nil || before != nil else { continue }
            var q = k + 1
            var terms: [Int] = []
            while q < tokens.count, q < k + 30 {
                if let m = phrase(at: q) {
                    if a.nodes[m.node].type == .condition { terms.append(m.node) }
                    q = m.upper
                    continue
                }
                if tokens[q].kind == .punctuation && !tokens.isMark(q, ",") && tokens[q].text != "-" { break }
                q += 1
            }
            if let any = generic {
                termsOfAnyPlan(terms, any: any, plan: before?.node, trigger: t.text, &a)
            } else if let plan = before {
                for term in terms {
                    a.addEdge(requires, from: plan.node, to: term, sentence: sentence, confidence: 0.75,
                              trigger: t.text, attribution: attribution)
                }
            }
        }
        // "links a broader deal to a Lebanon ceasefire": the deal requires it.
        for k in cues where tokens.word(k, in: ProposalExtractor.linkMarkers) {
            let t = tokens[k]
            guard let plan = starting(in: (k + 1)..<(k + 4)).first(where: { $0.role == .phrase && a.nodes[$0.node].type == .proposal }),
                  let term = starting(in: plan.upper..<(plan.upper + 5)).first(where: { $0.role == .phrase && a.nodes[$0.node].type == .condition })
            else { continue }
            a.addEdge(requires, from: plan.node, to: term.node, sentence: sentence, confidence: 0.7,
                      trigger: t.text, attribution: attribution)
        }
        // "... X a non-negotiable condition for any sweeping peace agreement";
        // "the disarmament demanded by Israel as a precondition for peace":
        // peace, talks or a settlement is the plan under discussion.
        for k in cues where tokens.word(k, in: SentenceRelations.conditionWords) {
            let t = tokens[k]
            guard let term = starting(in: max(0, k - 40)..<k).last(where: {
                      $0.upper <= k && $0.role == .phrase && a.nodes[$0.node].type == .condition && k - $0.upper < 12
                          && !($0.upper..<k).contains { tokens[$0].kind == .punctuation } }),
                  let plan = starting(in: (k + 1)..<(k + 6)).first(where: { $0.role == .phrase && a.nodes[$0.node].type == .proposal })?.node
                      ?? planUnderDiscussion(after: k)
            else { continue }
            a.addEdge(requires, from: plan, to: term.node, sentence: sentence, confidence: 0.7,
                      trigger: t.text, attribution: attribution)
        }
    }

    /// "insisted that any deal must include X and Y": no plan is named, so
    /// the speaker demands the terms. The plan under discussion (`plan`, if
    /// "any ... terms" stands for it) binds the speaker and the sides whose
    /// own action is a term.
    mutating func termsOfAnyPlan(_ terms: [Int], any: Int, plan: Int?, trigger: String, _ a: inout DocumentAnalysis) {
        guard let (who, c) = subject(before: any, &a).first,
              extractor.rules.allows(RelationName("demands"), from: a.nodes[who].type, to: .condition) else { return }
        for term in terms {
            a.addEdge(RelationName("demands"), from: who, to: term, sentence: sentence, confidence: c - 0.05,
                      trigger: "any " + trigger, attribution: attribution)
            demanded.insert(term)
            guard let plan else { continue }
            for side in [who] + (a.sideBound(byTerm: term).map { [$0] } ?? []) where a.nodes[side].type == .organization {
                a.addEdge(RelationName("partyTo"), from: side, to: plan, sentence: sentence, confidence: c - 0.2,
                          trigger: "any " + trigger, attribution: attribution)
            }
        }
    }

    /// "any ceasefire terms must include": the position of "any" when a
    /// plan noun stands between it and the marker at `k`, past modals.
    func genericPlan(before k: Int) -> Int? {
        var j = k - 1
        while j > 0, tokens.word(j, in: extractor.words.modals) || tokens.word(j, in: EnglishGrammar.auxiliaries) { j -= 1 }
        var heads = 0
        while j > 0, heads < 3, tokens.lexicon(at: j).contains(where: { if case .proposalNoun = $0.hit { return true }; return false })
                || (heads > 0 && tokens[j].kind == .word && !EnglishGrammar.stopsNounPhrase(tokens[j].lower)) {
            heads += 1
            j -= 1
        }
        return heads > 0 && tokens[j].lower == "any" ? j : nil
    }

    static let conditionWords: WordSet = ["condition", "precondition", "prerequisite"]

    /// "a precondition for peace (talks)": no plan is named, so the words
    /// stand for the one the document is discussing.
    func planUnderDiscussion(after k: Int) -> Int? {
        guard k + 2 < tokens.count, tokens[k + 1].lower == "for",
              tokens[(k + 2)..<min(tokens.count, k + 4)].contains(where: { ["peace", "talks", "negotiations", "dialogue", "settlement"].contains($0.lower) })
        else { return nil }
        return recentProposal
    }

    /// A term under a condition marker ("until there is a full ceasefire",
    /// "Israel must withdraw", "a non-negotiable condition") that no
    /// trigger gave a demander: the sentence's subject demands it.
    mutating func markedConditions(_ a: inout DocumentAnalysis) {
        let demands = RelationName("demands")
        for m in mentions where m.role == .phrase && a.nodes[m.node].type == .condition && !demanded.contains(m.node) {
            var marker: Int?
            var j = m.lower
            while j >= 0, j >= m.lower - 10 {
                if tokens.word(j, in: extractor.words.conditionMarkers) { marker = j; break }
                if j < m.lower, tokens[j].kind == .punctuation, !tokens.isMark(j, ",") { break }
                // "insist on X before any disarmament": the term after "before" only dates the demand.
                if j < m.lower, tokens.word(j, in: SentenceRelations.notYet) { break }
                j -= 1
            }
            var after = m.upper
            while marker == nil, after < tokens.count, after < m.upper + 4 {
                if tokens.word(after, in: extractor.words.conditionMarkers) { marker = after }
                after += 1
            }
            guard let at = marker, !isObjectOfAnotherTrigger(at) else { continue }
            // The demander: the first agent in subject position before the
            // term that is not the term's own agent.
            // (The smallest, should a signature ever hold two: a set's
            // first element depends on the process's hash seed.)
            let own = a.nodes[m.node].signature.filter { $0.hasPrefix("agent:") }.min()
            var demander: (Int, Double)?
            if let (who, c) = subject(before: at, &a).first, own != "agent:" + a.nodes[who].key.rawValue {
                demander = (who, c - 0.05)
            }
            for c in starting(in: max(0, min(at, m.lower) - 40)..<min(at, m.lower)) where demander == nil && c.upper <= min(at, m.lower) {
                guard isAgent(a, c) || c.role == .metonym, isSubjectPosition(c) else { continue }
                if let own, own == "agent:" + a.nodes[c.node].key.rawValue { continue }
                demander = (c.node, c.role == .anaphor ? 0.6 : 0.7)
                break
            }
            if demander == nil, let t = topic, (0..<at).contains(where: { tokens.word($0, in: extractor.words.organizationPronouns) }) {
                demander = (t, 0.55)
            }
            guard let (who, confidence) = demander,
                  extractor.rules.allows(demands, from: a.nodes[who].type, to: .condition) else { continue }
            a.addEdge(demands, from: who, to: m.node, sentence: sentence, confidence: confidence,
                      trigger: tokens[at].text, attribution: attribution)
            demanded.insert(m.node)
        }
    }

    /// "..., according to Lebanese officials" or "..., X said": who the
    /// sentence reports as its source.
    static func findAttribution(_ tokens: [Token], _ cues: [Int], _ mentions: [Mention], _ e: RelationExtractor) -> String? {
        for k in cues where tokens.word(k, in: SentenceRelations.according) && k + 2 < tokens.count && tokens[k + 1].lower == "to" {
            var end = k + 2
            while end < tokens.count, tokens[end].kind != .punctuation { end += 1 }
            return end > k + 2 ? tokensText(tokens, k + 2, end) : nil
        }
        if let last = cues.last(where: { tokens.word($0, in: e.words.reportingVerbs) }), last > 0,
           (0..<last).contains(where: { tokens.isMark($0, ",") }),
           let m = mentions.last(where: { $0.upper == last }) {
            return tokensText(tokens, m.lower, m.upper)
        }
        return nil
    }

    static func tokensText(_ tokens: [Token], _ lower: Int, _ upper: Int) -> String {
        var out = ""
        for k in lower..<upper {
            if k > lower && !tokens[k].glued { out += " " }
            out += tokens[k].text
        }
        return out
    }
}

extension Array where Element == Token {
    /// Whether token `k` is the punctuation mark `mark`, as `self[k].isMark`
    /// but read in place: calling the token's method copies the token.
    @inline(__always)
    func isMark(_ k: Int, _ mark: String) -> Bool { self[k].kind == .punctuation && self[k].text == mark }
}
