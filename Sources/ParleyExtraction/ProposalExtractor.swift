import ParleyGraph
import ParleyOntology

/// Finds proposals: noun phrases headed by a proposal noun ("US-brokered
/// Israel-Lebanon ceasefire", "60-day truce", "Washington's initial
/// suggestions"), the edges their own words state, and which earlier
/// proposal of the document a phrase refers back to.
///
/// Edges from inside the phrase: a compound trigger after a name
/// ("US-brokered") gives that trigger's relation; names joined by hyphens
/// ("Israel-Lebanon") and "between X and Y" / "with X" give `partyTo`; a
/// possessive owner of a plan-like noun ("Hochstein's proposals") gives
/// `proposes`. A phrase governed by a condition marker ("demand for a
/// comprehensive cease-fire", "until there is a full ceasefire in Gaza")
/// is a condition, not a proposal, and is left to `ConditionExtractor`.
///
/// A class, not a struct: the per-sentence finders keep the stage at hand,
/// and a reference is one word to copy where the stage's tables (word sets,
/// lexicon, ontology) are hundreds of bytes and a dozen reference counts.
public final class ProposalExtractor: ExtractionStage {
    let index: LexiconIndex
    let ontology: Ontology
    let words: WordSets
    var conditionMarkers: WordSet { words.conditionMarkers }
    /// The proposal classes by lower-case name ("ceasefire": `Ceasefire`),
    /// the first of a name in the ontology's order: the class of a new plan.
    let proposalClasses: [String: NodeType]
    /// The words proposal nouns start with: other tokens (nearly all) head no proposal.
    let proposalStarts: WordSet

    public init(index: LexiconIndex, ontology: Ontology) {
        self.index = index
        self.ontology = ontology
        self.words = WordSets(index.lexicon)
        self.proposalStarts = index.startWords { if case .proposalNoun = $0 { true } else { false } }
        var proposalClasses: [String: NodeType] = [:]
        for c in ontology.classes where ontology.topClass(of: c.name) == .proposal {
            let name = c.name.rawValue.lowercased()
            if proposalClasses[name] == nil { proposalClasses[name] = c.name }
        }
        self.proposalClasses = proposalClasses
    }

    public func run(_ a: inout DocumentAnalysis) {
        var recent: [Int] = []
        var families = PlanFamilies()
        for s in a.sentences.indices {
            let tokens = a.sentences[s].tokens
            var i = 0
            while i < tokens.count {
                guard !tokens[i].matches.isEmpty, tokens.word(i, in: proposalStarts), let head = proposalHead(tokens, at: i),
                      isNounUse(tokens, i, head.length)
                else { i += 1; continue }
                var end = i + head.length
                // "ceasefire terms", "ceasefire proposal": one head, the first noun's kind.
                while end < tokens.count, let next = proposalHead(tokens, at: end) { end += next.length }
                // Take the longest run of proposal nouns as the head ("peace deal").
                let phrase = NounPhrase.around(head: i..<end, in: a, sentence: s, extractor: self)
                if isCondition(tokens, phrase: phrase) { i = max(phrase.upper, end); continue }
                // "rejected any deal that would require ...": a hypothetical plan;
                // "there was no agreement": none. No plan on the table either way.
                if phrase.isGeneric(tokens) && phrase.upper < tokens.count
                    && tokens.word(phrase.upper, in: EnglishGrammar.relativePronouns)
                    || phrase.lower > 0 && tokens[phrase.lower - 1].lower == "no" {
                    i = max(phrase.upper, end)
                    continue
                }
                var kind = head.kind
                var q = end
                while q < phrase.upper {
                    if let inner = proposalHead(tokens, at: q) { kind = inner.kind; break }
                    q += 1
                }
                let node = resolve(phrase, kind: kind, &a, sentence: s, recent: &recent, families: &families)
                // Plans are referred back to within a window; a bounded one keeps
                // a hostile text with thousands of plans linear.
                if recent.count > 2 * DocumentMemory.window { recent.removeFirst(recent.count - DocumentMemory.window) }
                a.addMention(Mention(sentence: s, lower: phrase.lower, upper: phrase.upper, node: node, role: .phrase))
                addInternalEdges(phrase, node: node, family: families.of(node, in: a), &a, sentence: s)
                i = max(phrase.upper, end)
            }
        }
    }

    /// Words in -ly that modify a noun ("an early truce"), not a verb.
    static let adjectivesInLy: WordSet = ["early", "only", "timely", "likely", "unlikely", "daily", "weekly", "monthly",
                                         "friendly", "orderly", "costly", "lonely", "elderly", "holy", "family", "italy"]

    func proposalHead(_ tokens: [Token], at i: Int) -> (length: Int, kind: String)? {
        for m in tokens.lexicon(at: i) {
            if case .proposalNoun(let p) = m.hit {
                // "ceasefire talks", "truce negotiations": the noun modifies
                // another head; the phrase is about talks, not a plan.
                return (m.length, index.lexicon.proposalNouns[p].kind)
            }
        }
        return nil
    }

    /// "a halt", "the deal" but not "to halt", "would deal", "plans to
    /// stabilize" (an intention, not a plan on the table).
    func isNounUse(_ tokens: [Token], _ i: Int, _ length: Int) -> Bool {
        if i > 0 {
            let before = tokens[i - 1].lower
            // "US plan" is not "us plan".
            let pronoun = EnglishGrammar.pronouns.contains(before) && !EnglishGrammar.determiners.contains(before) && !tokens[i - 1].isAcronym
            if before == "to" || EnglishGrammar.auxiliaries.contains(before) || pronoun { return false }
        }
        let end = i + length
        // "cease-fire negotiations", "truce talks": the noun modifies another.
        if end < tokens.count, tokens[end].kind == .word, !tokens[end].isCapitalized,
           tokens.word(end, in: ProposalExtractor.processNouns) { return false }
        // "unilaterally halt its aggression": an adverb before a verb.
        if length == 1, i > 0, tokens[i - 1].kind == .word, !tokens[i - 1].isCapitalized, tokens[i - 1].lower.hasSuffix("ly"),
           !ProposalExtractor.adjectivesInLy.contains(tokens[i - 1]) {
            return false
        }
        // "would not withdraw or halt operations": a verb between verbs.
        if length == 1, i > 0, ["or", "and", "not", "n't", "never"].contains(tokens[i - 1].lower),
           end < tokens.count, tokens[end].kind == .word, !tokens.word(end, in: EnglishGrammar.prepositions) {
            return false
        }
        // "plans to stabilize" (an infinitive) but not "a halt to hostilities"
        // nor "a peace treaty to end the war" (a determiner makes it a noun).
        let determined = (max(0, i - 3)..<i).reversed().lazy
            .prefix { tokens[$0].kind == .word }
            .contains { tokens.word($0, in: EnglishGrammar.determiners) }
        if !determined, end + 1 < tokens.count, tokens[end].lower == "to", tokens[end + 1].kind == .word,
           !tokens.word(end + 1, in: EnglishGrammar.determiners), !tokens[end + 1].isCapitalized,
           !(tokens[end + 1].lower.hasSuffix("s") && !tokens[end + 1].lower.hasSuffix("ss")) {
            return false
        }
        return true
    }

    /// A proposal phrase that is the object of a demand or stands after
    /// "until there is" is a demanded term.
    func isCondition(_ tokens: [Token], phrase: NounPhrase) -> Bool {
        var k = phrase.lower - 1
        var seen = 0
        while k >= 0, seen < 5 {
            let w = tokens[k].lower
            // "the roadmap would include a nationwide ceasefire": a term of
            // another plan is a condition too.
            let termOfPlan = words.requirementMarkers.contains(w) && k + 1 < tokens.count && tokens[k + 1].lower != "to"
                && (max(0, k - 20)..<k).contains { proposalHead(tokens, at: $0) != nil }
            if (conditionMarkers.contains(w) || termOfPlan) && !ProposalExtractor.conditionNouns.contains(w) {
                // "links X to Y", "tied X to Y": only Y is the term.
                if ProposalExtractor.linkMarkers.contains(w) {
                    var q = phrase.lower - 1
                    while q > k, tokens.word(q, in: EnglishGrammar.determiners) { q -= 1 }
                    return q > k && (tokens[q].lower == "to" || tokens[q].lower == "on")
                }
                return true
            }
            if tokens[k].kind == .punctuation { break }
            k -= 1
            seen += 1
        }
        // "... a ceasefire in Lebanon a non-negotiable condition for ..."
        var j = phrase.upper
        var ahead = 0
        while j < tokens.count, ahead < 6 {
            if tokens.word(j, in: ProposalExtractor.conditionNouns), j + 1 < tokens.count,
               tokens[j + 1].lower == "for" || tokens[j + 1].lower == "of" {
                return true
            }
            if tokens[j].kind == .punctuation { break }
            j += 1
            ahead += 1
        }
        return false
    }

    /// Nouns that name a demanded term: "X a condition for Y" makes X the
    /// term and Y the plan that requires it.
    /// Nouns for the process around a plan, not the plan itself.
    static let processNouns: WordSet = ["talks", "negotiations", "efforts", "process", "bid", "push", "diplomacy", "mediation", "mediators", "negotiators", "violations", "lines", "monitors", "monitoring", "track"]
    static let linkMarkers: WordSet = ["link", "links", "linked", "linking", "ties", "tying", "tied", "conditioned", "conditioning"]
    static let conditionNouns: WordSet = ["condition", "precondition", "prerequisite", "conditions", "preconditions"]

    // MARK: Coreference

    /// The node a phrase denotes: an earlier proposal of the document it is
    /// compatible with, or a new one.
    func resolve(_ p: NounPhrase, kind: String, _ a: inout DocumentAnalysis, sentence s: Int, recent: inout [Int],
                 families: inout PlanFamilies) -> Int {
        let signature = p.signature(a)
        let specific = !signature.isEmpty
        var target: Int?
        let tokens = a.sentences[s].tokens
        // The head too: "permanent ceasefire" is one proposal noun.
        let modifiers = max(0, p.lower - 1)..<p.head.upperBound
        // "an earlier framework", "another truce": a plan not met before.
        let isAnother = !p.isDefinite && modifiers.contains { tokens.word($0, in: NounPhrase.distinct) }
        // "a permanent ceasefire" is not the 60-day truce before it.
        let isPermanent = modifiers.contains { tokens.word($0, in: NounPhrase.permanent) }
        var candidates = isPermanent ? recent.filter { !NounPhrase.isTemporary(a.nodes[$0]) } : recent
        if isAnother { candidates = [] }
        // A specific phrase goes to the compatible plan it shares most with.
        let familyOfKind = ProposalExtractor.family(.string(kind))
        if specific {
            var best: (node: Int, score: Int)?
            // The phrase's side of every comparison, made once.
            let mine = withOrganizations(signature, a)
            let myAnchors = ProposalExtractor.anchors(mine)
            let namesAnchors = !ProposalExtractor.anchors(signature).isEmpty
            for candidate in candidates.reversed() where a.nodes[candidate].type == .proposal {
                let theirs = withOrganizations(a.nodes[candidate].signature, a)
                let candidateFamily = families.of(candidate, in: a)
                let sameKind = candidateFamily == familyOfKind
                let shared = mine.intersection(theirs).count
                let ok = a.nodes[candidate].signature.isEmpty ? sameKind
                    : compatible(withOrganizations: mine, anchors: myAnchors, theirs) && (sameKind || p.isDefinite && (shared > 0 || familyOfKind != "resolution" && candidateFamily != "resolution")
                        || namesAnchors && myAnchors.isSubset(of: ProposalExtractor.anchors(theirs)))
                // Shared parties and words first; a plan of the same kind breaks ties.
                let score = 2 * shared + (sameKind ? 1 : 0)
                if ok, best == nil || score > best!.score { best = (candidate, score) }
            }
            target = best?.node
        }
        // "the roadmap": the latest plan of the same sort, else the latest
        // plan; "a truce": the latest of the same sort. One whose name has
        // the same noun comes first ("the truce" after a truce and a
        // cessation of hostilities).
        if !specific, target == nil {
            let plans = candidates.filter { a.nodes[$0].type == .proposal }
            let sameSort = plans.filter {
                families.of($0, in: a) == familyOfKind
            }
            let pool = p.isDefinite && sameSort.isEmpty ? plans : sameSort
            let head = a.sentences[s].tokens[p.head].map { Substring($0.lower) }
            target = pool.last { candidate in
                let words = a.nodes[candidate].label.lowercased().spaceSeparatedWords
                return head.allSatisfy { words.contains($0) }
            } ?? pool.last
        }
        let label = p.label
        if let t = target {
            a.nodes[t].mentions += 1
            if specific && a.nodes[t].signature.count < signature.count || (a.nodes[t].signature.isEmpty && specific) {
                // The more informative phrase names the plan.
                a.nodes[t].aliases.insert(a.nodes[t].label)
                a.nodes[t].label = label
            } else {
                a.nodes[t].aliases.insert(label)
            }
            // The plan is everything its mentions say of it.
            a.nodes[t].signature.formUnion(signature)
            recent.removeAll { $0 == t }
            recent.append(t)
            return t
        }
        let key = NodeKey(family: "proposal", label: "d\(a.documentID.rawValue)-\(a.nodes.count)-" + label)
        let category = proposalClasses[kind] ?? .proposal
        let node = a.node(key, surface: label) {
            var n = LocalNode(key: key, type: .proposal, category: category, label: label)
            n.attributes["kind"] = .string(kind)
            if let d = p.duration { n.attributes["duration"] = .string(d) }
            n.signature = signature
            return n
        }
        recent.append(node)
        return node
    }

    /// Two signatures name the same plan when one holds the other, a person
    /// counting as the organisation they speak for.
    func compatible(_ x: Set<String>, _ y: Set<String>, _ a: DocumentAnalysis) -> Bool {
        compatible(withOrganizations: withOrganizations(x, a), withOrganizations(y, a))
    }

    /// `compatible` of signatures already extended by `withOrganizations`.
    func compatible(withOrganizations x: Set<String>, _ y: Set<String>) -> Bool {
        compatible(withOrganizations: x, anchors: ProposalExtractor.anchors(x), y)
    }

    /// `compatible(withOrganizations:_:)` with the anchors of `x` (`ax`)
    /// already known: one phrase is compared with every earlier plan.
    func compatible(withOrganizations x: Set<String>, anchors ax: Set<String>, _ y: Set<String>) -> Bool {
        if x.isSubset(of: y) || y.isSubset(of: x) { return true }
        // Anchors (parties, places) decide: plans naming no party or place
        // fit any; plans naming some must share one.
        let ay = ProposalExtractor.anchors(y)
        // Two plans that name no party or place: their words must nest
        // ("mediated deal on border areas" is not "maritime boundary agreement").
        if ax.isEmpty && ay.isEmpty && !x.isEmpty && !y.isEmpty { return false }
        return ax.isSubset(of: ay) || ay.isSubset(of: ax)
    }

    /// The parts of a signature that name parties or places.
    static func anchors(_ signature: Set<String>) -> Set<String> {
        signature.filter { $0.hasPrefix("entity/") || $0.hasPrefix("place:") }
    }

    /// A signature with, for each person in it, the organisations the
    /// document says they lead or serve ("Hochstein's proposals" are the
    /// US's proposals when he is "US envoy Amos Hochstein").
    func withOrganizations(_ signature: Set<String>, _ a: DocumentAnalysis) -> Set<String> {
        var out = signature
        for key in signature where key.hasPrefix("entity/") {
            for e in a.offices(of: NodeKey(rawValue: key)) { out.insert(e.target.rawValue) }
        }
        return out
    }

    /// Kinds of one family are names for the same sort of plan: a pact, a
    /// truce and a ceasefire may be the same thing; a resolution is not.
    static func family(_ kind: AttributeValue?) -> String {
        guard case .string(let k) = kind else { return "" }
        switch k {
        case "ceasefire", "truce", "pause", "halt", "armistice", "pact": return "ceasefire"
        case "deal", "agreement", "accord", "treaty", "settlement", "arrangement": return "deal"
        case "plan", "proposal", "framework", "initiative", "offer", "roadmap", "idea", "suggestion": return "plan"
        default: return k
        }
    }

    // MARK: Edges inside the phrase

    /// `family` is that of the plan's kind (`PlanFamilies`).
    func addInternalEdges(_ p: NounPhrase, node: Int, family: String, _ a: inout DocumentAnalysis, sentence s: Int) {
        let tokens = a.sentences[s].tokens
        for c in p.compounds {
            guard let relation = index.lexicon.triggers[c.trigger].onProposal else { continue }
            for agent in c.agents {
                a.addEdge(relation, from: agent, to: node, sentence: s,
                          confidence: 0.85, trigger: tokens[c.at].text)
            }
        }
        let partyTo = RelationName("partyTo")
        if p.hyphenParties.count >= 2 {
            for party in p.hyphenParties where a.nodes[party].type != .actor {
                a.addEdge(partyTo, from: party, to: node, sentence: s, confidence: 0.75, trigger: "X-Y")
            }
        }
        for party in p.withParties {
            a.addEdge(partyTo, from: party, to: node, sentence: s, confidence: 0.7, trigger: "with")
        }
        for party in p.betweenParties {
            a.addEdge(partyTo, from: party, to: node, sentence: s, confidence: 0.8, trigger: "between")
        }
        if p.owner == nil, family == "plan" || family == "resolution",
           // "UN Security Council Resolution 1701": the name may overlap the head.
           p.head.lowerBound > 0,
           let m = a.mentions(sentence: s, covering: p.head.lowerBound - 1).last(where: { $0.upper >= p.head.lowerBound
               && $0.upper <= p.head.upperBound && $0.role != .adjectival && $0.role != .phrase }),
           a.nodes[m.node].type == .organization {
            a.addEdge(RelationName("proposes"), from: m.node, to: node, sentence: s,
                      confidence: 0.75, trigger: a.nodes[m.node].label + " " + a.text(sentence: s, p.head.lowerBound, p.head.upperBound))
        }
        if let owner = p.owner, family == "plan" || family == "resolution" {
            a.addEdge(RelationName("proposes"), from: owner, to: node, sentence: s,
                      confidence: 0.8, trigger: "'s")
        }
    }
}

/// The family of each plan's kind (`ProposalExtractor.family`), by node,
/// for one document: every new phrase is compared with the earlier plans,
/// and a plan's kind is set once, when the plan is made.
struct PlanFamilies {
    private var known: [Int: String] = [:]

    mutating func of(_ node: Int, in a: DocumentAnalysis) -> String {
        if let family = known[node] { return family }
        let family = ProposalExtractor.family(a.nodes[node].attributes["kind"])
        known[node] = family
        return family
    }
}

/// A noun phrase around a proposal or condition head, with what its words
/// say: compound triggers, parties, owner, duration, scope.
struct NounPhrase {
    /// Words that open what a plan covers ("a truce in Gaza", "talks on
    /// the border"); with "to", "from" and the directions when the plan may
    /// run between places.
    static let scopePrepositions: WordSet = ["for", "in", "on", "between", "with", "regarding", "over", "concerning", "along", "of"]
    static let scopePrepositionsWithTo = scopePrepositions.union(["to", "from", "north", "south", "east", "west"])

    var lower: Int
    var upper: Int
    var head: Range<Int>
    var label: String
    var isDefinite: Bool
    var owner: Int?
    var duration: String?
    var entities: [Int] = []
    var hyphenParties: [Int] = []
    var withParties: [Int] = []
    var betweenParties: [Int] = []
    var compounds: [(at: Int, trigger: Int, agents: [Int])] = []
    var contentWords: [String] = []
    /// Capitalised words that are not entities ("Gaza", "Litani").
    var places: [String] = []
    /// Token ranges of the entity mentions inside.
    var entityRanges: [Range<Int>] = []

    /// Words that say nothing about which plan it is.
    static let vague: WordSet = [
        "potential", "possible", "new", "newly", "proposed", "current", "latest", "recent", "such", "lasting",
        "wider", "broader", "initial", "first", "final", "conditional", "comprehensive", "full", "short-term", "long-term",
        "immediate", "permanent", "temporary", "real", "credible", "durable", "sustainable", "formal", "draft",
    ]

    /// Words that introduce a plan other than those before ("an earlier
    /// framework", "a separate deal").
    static let distinct: WordSet = [
        "another", "earlier", "previous", "prior", "original", "separate", "second", "different", "alternative",
        "rival", "competing", "counter", "new",
    ]
    /// A permanent plan is not a temporary one named before it.
    static let permanent: WordSet = ["permanent", "lasting", "durable", "long-term", "definitive"]
    static let temporary: WordSet = ["temporary", "short-term", "interim", "humanitarian", "partial", "initial"]

    /// "any deal", "any ceasefire terms": no plan in particular; what "any
    /// deal must include" is demanded by the speaker, and "any deal" under
    /// "insisted that" is no term itself.
    func isGeneric(_ tokens: [Token]) -> Bool {
        lower > 0 && tokens[lower - 1].lower == "any"
    }

    /// A plan with a duration or called temporary ("60-day ceasefire",
    /// "humanitarian pause").
    static func isTemporary(_ node: LocalNode) -> Bool {
        node.attributes["duration"] != nil || node.label.lowercased().spaceSeparatedWords.contains { word in
            temporary.contains(String(word)) || ["-day", "-week", "-month"].contains { word.hasSuffix($0) }
        }
    }

    /// Entities and distinctive words: what tells this plan from another.
    func signature(_ a: DocumentAnalysis) -> Set<String> {
        var s = Set(entities.map { a.nodes[$0].key.rawValue })
        if let o = owner { s.insert(a.nodes[o].key.rawValue) }
        for w in contentWords where !NounPhrase.vague.contains(w) { s.insert(w) }
        for w in places { s.insert("place:" + w) }
        if let d = duration { s.insert(d) }
        return s
    }

    /// "discussions on the ceasefire plan with Putin": the "with" belongs to
    /// the talks, so Putin is who is talked to, not a side of the plan.
    static func isTopicOfTalks(_ lower: Int, _ tokens: [Token]) -> Bool {
        var k = lower - 1
        while k >= 0, tokens.word(k, in: EnglishGrammar.determiners) { k -= 1 }
        guard k > 0, ["on", "about", "over", "regarding", "of"].contains(tokens[k].lower) else { return false }
        return ["talks", "discussions", "negotiations", "consultations", "meeting", "meetings", "dialogue"].contains(tokens[k - 1].lower)
    }

    static func around(head: Range<Int>, in a: DocumentAnalysis, sentence s: Int, extractor: ProposalExtractor,
                       allowTo: Bool = false) -> NounPhrase {
        let tokens = a.sentences[s].tokens
        func mention(at k: Int) -> Mention? { a.mention(sentence: s, covering: k) { $0.role != .phrase } }
        // The word sets the loops ask, read once: each read of a static
        // passes its one-time initialisation check.
        let stops = EnglishGrammar.nounPhraseStops
        let determiners = EnglishGrammar.determiners
        let dateWords = EnglishGrammar.dateWords

        // Walk left over modifiers.
        var lower = head.lowerBound
        var k = head.lowerBound - 1
        var owner: Int?
        var steps = 0
        while k >= 0, steps < 8 {
            if let m = mention(at: k) {
                lower = m.lower
                k = m.lower - 1
                steps += 1
                continue
            }
            if tokens[k].kind == .hyphen || tokens[k].kind == .number { lower = k; k -= 1; continue }
            if tokens[k].kind == .possessive {
                if let m = mention(at: k - 1), a.nodes[m.node].type != .proposal {
                    owner = m.node
                    lower = m.lower
                }
                break
            }
            // "the Jeddah proposal", "Gaza ceasefire": a place or name word
            // (not at the sentence start, not a date) says which plan.
            let properModifier = tokens[k].isCapitalized && k > 0 && !tokens[k].isAcronym && !extractor.words.nonNames.contains(tokens[k].text)
                && !tokens.word(k, in: dateWords) && !(tokens[k - 1].isCapitalized && k - 1 == 0)
            guard tokens[k].kind == .word, !tokens.word(k, in: stops), !tokens[k].isCapitalized || tokens[k].glued || properModifier
                    || (k > 0 && tokens[k - 1].kind == .hyphen) else { break }
            if tokens.word(k, in: extractor.words.negations) || tokens.word(k, in: extractor.words.reportingVerbs) { break }
            if isVerbTrigger(tokens, k, extractor) { break }
            if !tokens[k].glued && NounPhrase.looksLikeVerb(tokens[k].lower) { break }
            // "Netanyahu assessed terms", "it has accepted new Gaza ceasefire
            // proposal": a past tense after its subject or an auxiliary is a verb.
            if !tokens[k].glued, tokens[k].lower.hasSuffix("ed"), k > 0, mention(at: k - 1) != nil || tokens[k - 1].isCapitalized
                || tokens.word(k - 1, in: EnglishGrammar.auxiliaries) || tokens.word(k - 1, in: EnglishGrammar.pronouns) { break }
            if tokens.word(k, in: extractor.conditionMarkers) || tokens.word(k, in: extractor.words.requirementMarkers) { break }
            lower = k
            k -= 1
            steps += 1
        }
        let isDefinite = lower > 0 && tokens.word(lower - 1, in: EnglishGrammar.definiteDeterminers)

        // Walk right over the prepositional phrases that say what it covers:
        // a preposition, an optional determiner, modifiers, then a name (with
        // coordinated names for "between X and Y") or a noun.
        var upper = head.upperBound
        if upper < tokens.count, tokens[upper].kind == .number { upper += 1 }
        var between: [Int] = [], with: [Int] = []
        var j = upper
        var pps = 0
        let prepositions = allowTo ? NounPhrase.scopePrepositionsWithTo : NounPhrase.scopePrepositions
        while j < tokens.count, pps < 2, tokens.word(j, in: prepositions) {
            let w = tokens[j].lower
            // "on Sunday", "in March": a date, not what the plan covers.
            if j + 1 < tokens.count, tokens.word(j + 1, in: dateWords) { break }
            if w == "with", NounPhrase.isTopicOfTalks(lower, tokens) { break }
            // "signed an agreement in Washington", "in the presence of": where, not what.
            if w == "in", j + 1 < tokens.count, tokens[j + 1].lower == "the" && j + 2 < tokens.count && tokens[j + 2].lower == "presence"
                || tokens.lexicon(at: j + 1).contains(where: { if case .metonym = $0.hit { return true }; return false }) { break }
            var e = j + 1
            if e < tokens.count, w != "between", ["of", "to"].contains(tokens[e].lower) && ["north", "south", "east", "west"].contains(w) { e += 1 }
            if e < tokens.count, tokens.word(e, in: determiners) { e += 1 }
            var found: [Int] = []
            var words = 0
            var ended = false
            while e < tokens.count, words < 5, !ended {
                if let m = mention(at: e) {
                    // "between Israel and Iran-backed Hezbollah": Iran only modifies.
                    let modifier = m.upper + 2 < tokens.count && tokens[m.upper].kind == .hyphen
                        && compoundTrigger(tokens, m.upper + 1, extractor) != nil && mention(at: m.upper + 2) != nil
                    if !modifier, m.role != .adjectival || w == "between" { found.append(m.node) }
                    e = m.upper
                    words += 1
                    // Coordination keeps going: "between X and Y", "X, Y and Z".
                    if e + 1 < tokens.count, tokens[e].lower == "and" || tokens[e].isMark(","), w == "between",
                       mention(at: e + 1) != nil || (e + 2 < tokens.count && mention(at: e + 2) != nil) {
                        e += 1
                        if tokens.word(e, in: determiners) { e += 1 }
                        continue
                    }
                    if e < tokens.count, tokens[e].kind == .hyphen { e += 1; continue }
                    // "of Israeli aggression": a demonym modifies the noun after it.
                    ended = !(m.role == .adjectival && e < tokens.count && tokens[e].kind == .word && !tokens[e].isCapitalized
                              && !tokens.word(e, in: stops))
                    continue
                }
                if tokens[e].kind == .hyphen { e += 1; continue }
                guard tokens[e].kind == .word || tokens[e].kind == .number, !tokens.word(e, in: stops) else { break }
                // Inside a noun phrase ("Western arms deliveries") a trigger word is a
                // noun; only right after the preposition, or as a participle, is it a verb.
                let verbHere = words == 0 || tokens[e].lower.hasSuffix("ed")
                if tokens.word(e, in: extractor.words.reportingVerbs) || (verbHere && isVerbTrigger(tokens, e, extractor)) { break }
                if words > 0 && tokens[e].lower.hasSuffix("ing") && !tokens[e].isCapitalized { break }
                // "the ceasefire in Gaza holds": a verb after the name ends the phrase.
                // ("Western arms deliveries" goes on: a noun follows).
                if words > 0, tokens[e - 1].isCapitalized, !tokens[e].isCapitalized, NounPhrase.looksLikeVerb(tokens[e].lower),
                   !(e + 1 < tokens.count && tokens[e + 1].kind == .word && !tokens.word(e + 1, in: stops)) { break }
                e += 1
                words += 1
            }
 guard e > j + 1, words > 0 else { break }
            if w == "between" { between = found } else if w == "with" { with = found.filter { a.nodes[$0].type != .proposal } }
            upper = e
            j = e
            pps += 1
        }
        // "an agreement delineating the maritime boundary": a participle
        // clause says which plan it is.
        if upper == head.upperBound, upper < tokens.count, tokens[upper].kind == .word, tokens[upper].lower.hasSuffix("ing"),
           !tokens.word(upper, in: stops), // "during" is no participle
           !tokens[upper].isCapitalized, mention(at: upper) == nil {
            var e = upper + 1
            while e < tokens.count, e - upper < 9, tokens[e].kind != .punctuation || tokens[e].kind == .hyphen,
                  !tokens.word(e, in: EnglishGrammar.conjunctions), !tokens.word(e, in: EnglishGrammar.relativePronouns) || tokens[e].lower == "the" {
                if let m = mention(at: e) { e = m.upper } else { e += 1 }
            }
            upper = e
        }
        var p = NounPhrase(lower: lower, upper: upper, head: head, label: "", isDefinite: isDefinite, owner: owner)
        p.betweenParties = between
        p.withParties = with
        // What the words inside say.
        var q = lower
        var hyphenRun: [Int] = []
        while q < upper {
            if let m = mention(at: q) {
                if m.role != .anaphor { p.entities.append(m.node) }
                p.entityRanges.append(m.lower..<m.upper)
                if q == m.lower {
                    if m.upper < tokens.count, tokens[m.upper].kind == .hyphen {
                        hyphenRun.append(m.node)
                        // "US-brokered truce", but not "Iran-backed Hezbollah" inside it.
                        if m.upper + 1 < tokens.count, let t = compoundTrigger(tokens, m.upper + 1, extractor),
                           !(m.upper + 2 < tokens.count && mention(at: m.upper + 2) != nil) {
                            p.compounds.append((m.upper + 1, t, [m.node]))
                        }
                    } else if m.lower > 0, tokens[m.lower - 1].kind == .hyphen, !hyphenRun.isEmpty {
                        hyphenRun.append(m.node)
                    }
                }
                q = m.upper
                continue
            }
            if tokens[q].kind == .number, q + 2 < upper, tokens[q + 1].kind == .hyphen,
               ["day", "week", "month", "year", "hour"].contains(tokens[q + 2].lower) {
                p.duration = tokens[q].text + "-" + tokens[q + 2].lower
            }
            if tokens[q].kind == .word || tokens[q].kind == .number, !tokens.word(q, in: stops), !head.contains(q) {
                p.contentWords.append(tokens[q].lower)
                if tokens[q].kind == .word, tokens[q].isCapitalized, q > lower || q > 0 && !tokens[q].glued { p.places.append(tokens[q].lower) }
            }
            q += 1
        }
        if hyphenRun.count >= 2 { p.hyphenParties = hyphenRun }
        var labelStart = lower
        while labelStart < head.lowerBound, tokens.word(labelStart, in: determiners) { labelStart += 1 }
        p.label = tokens.text(labelStart, upper)
        return p
    }

    /// Third-person verbs ("links", "says") and gerunds ("reducing") do
    /// not modify a noun; plural nouns rarely stand before a head either.
    static func looksLikeVerb(_ w: String) -> Bool {
        if w.hasSuffix("ing") && w.count > 5 && w != "ongoing" { return true }
        return w.hasSuffix("s") && !w.hasSuffix("ss") && !w.hasSuffix("us") && !w.hasSuffix("is") && w.count > 3
    }

    /// A compound trigger glued after a hyphen ("brokered" in "US-brokered").
    static func compoundTrigger(_ tokens: [Token], _ k: Int, _ extractor: ProposalExtractor) -> Int? {
        for m in tokens.lexicon(at: k) {
            if case .trigger(let t) = m.hit, extractor.index.lexicon.triggers[t].compound { return t }
        }
        return nil
    }

    static func isVerbTrigger(_ tokens: [Token], _ k: Int, _ extractor: ProposalExtractor) -> Bool {
        if k > 0, tokens[k].glued, tokens[k - 1].kind == .hyphen { return false }
        for m in tokens.lexicon(at: k) {
            if case .trigger(let t) = m.hit, !extractor.index.lexicon.triggers[t].nominal {
                // Past participles right before the head modify it ("proposed ceasefire").
                return !tokens[k].lower.hasSuffix("ed")
            }
        }
        return false
    }
}
