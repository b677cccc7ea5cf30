import ParleyGraph

/// A named thing the lexicon knows: a state, an international body, an
/// agency, an armed group, a party, or a well-known person.
///
/// `names` always denote the entity. `demonyms` ("Israeli") denote it when
/// they modify a government noun ("Israeli forces") or stand as a subject.
/// `metonyms` (capitals, seats of government: "Tehran", "the Kremlin") denote
/// it only when they act (subject of a speech or stance trigger); otherwise
/// they are places.
public struct LexiconEntity: Hashable, Sendable {
    /// Stable identifier, the local name of the lexicon resource (`israel`).
    public var id: String
    /// The most specific ontology class (`State`, `ArmedGroup`, `Actor`...).
    public var type: NodeType
    /// Canonical label (`skos:prefLabel`).
    public var label: String
    /// Other names (`skos:altLabel`), acronyms included ("IRGC", "UN").
    public var names: [String]
    public var demonyms: [String]
    public var metonyms: [String]
    /// For an agency or sub-body: the entity it belongs to (`parley:partOf`),
    /// by lexicon id. Used to resolve "Iran's Quds Force" and "UN envoy".
    public var partOf: String?

    public init(id: String, type: NodeType, label: String, names: [String] = [],
                demonyms: [String] = [], metonyms: [String] = [], partOf: String? = nil) {
        self.id = id
        self.type = type
        self.label = label
        self.names = names
        self.demonyms = demonyms
        self.metonyms = metonyms
        self.partOf = partOf
    }
}

/// A role noun that, next to an organisation and a person's name, gives a
/// role edge: "Hezbollah leader Naim Qassem" (`leads`), "US envoy Amos
/// Hochstein" (`memberOf`).
public struct RoleTitle: Hashable, Sendable {
    /// Lower-case phrase, words separated by single spaces ("prime minister").
    public var phrase: String
    public var relation: RelationName

    public init(phrase: String, relation: RelationName) {
        self.phrase = phrase
        self.relation = relation
    }
}

/// A stance or action word and the relation it gives, chosen by the class of
/// the object it governs (lesson 1 of EXTRACTION.md: trigger x object class).
///
/// `forms` holds every surface form (inflections generated from the lemma
/// plus listed irregulars), lower case; multi-word triggers ("open to",
/// "sit at the negotiating table") are written with single spaces.
public struct Trigger: Hashable, Sendable {
    public var lemma: String
    public var forms: [String]
    public var onProposal: RelationName?
    public var onCondition: RelationName?
    /// Relation when the object is an Actor or an Organization.
    public var onAgent: RelationName?
    /// Modality the trigger itself carries ("open to" and "consider" are
    /// `.possible`), before auxiliaries are looked at.
    public var modality: Modality
    /// True for nominal triggers ("rejection", "support", "demands") that
    /// take their subject from a possessive or an "of"/"by" phrase.
    public var nominal: Bool
    /// True for compound adjectives that follow their subject after a hyphen
    /// ("US-brokered", "Tehran-backed", "Iran-aligned").
    public var compound: Bool

    public init(lemma: String, forms: [String], onProposal: RelationName? = nil,
                onCondition: RelationName? = nil, onAgent: RelationName? = nil,
                modality: Modality = .asserted, nominal: Bool = false, compound: Bool = false) {
        self.lemma = lemma
        self.forms = forms
        self.onProposal = onProposal
        self.onCondition = onCondition
        self.onAgent = onAgent
        self.modality = modality
        self.nominal = nominal
        self.compound = compound
    }
}

/// A head noun of a proposal ("ceasefire", "cease-fire", "pact") and the
/// kind it signals (`ceasefire`, `truce`, `deal`, `plan`, `resolution`...).
public struct ProposalNoun: Hashable, Sendable {
    public var phrase: String
    public var kind: String
    public init(phrase: String, kind: String) {
        self.phrase = phrase
        self.kind = kind
    }
}

/// A word that heads a condition term ("withdrawal", "disarmament") or a
/// verb whose clause states one ("withdraw" -> "withdrawal").
public struct ConditionCue: Hashable, Sendable {
    /// Lower-case surface form as it appears in text.
    public var phrase: String
    /// The noun the normalised condition label uses ("withdrawal").
    public var noun: String
    public init(phrase: String, noun: String) {
        self.phrase = phrase
        self.noun = noun
    }
}

/// A definite description that refers back to an earlier node: "the group",
/// "the militia" (an armed group), "the pact" (a proposal), "the country".
public struct Anaphor: Hashable, Sendable {
    /// Lower-case head noun ("group", "militia", "pact").
    public var noun: String
    /// The classes it may refer to, most specific first.
    public var refersTo: [NodeType]
    public init(noun: String, refersTo: [NodeType]) {
        self.noun = noun
        self.refersTo = refersTo
    }
}

/// Named lists of single words or phrases the extractors consult, each kept
/// in `ontology/lexicon/` so users can grow them. All lower case except
/// where noted.
public enum WordListName: String, CaseIterable, Sendable {
    /// Abbreviations that end with a full stop without ending a sentence
    /// ("u.s.", "gen.", "dr.", "sen.", "jan."). Lower case.
    case abbreviations
    /// Nouns that, after a demonym or state name, mean the state acting
    /// ("government", "forces", "officials", "troops", "cabinet").
    case governmentNouns
    /// Head nouns that make a capitalised phrase an organisation
    /// ("Ministry", "Council", "Forces", "Party", "Movement", "Front").
    case organizationCues
    /// Negation words ("not", "never", "no", "n't", "refuse to").
    case negations
    /// Modal words that make a stance only possible ("would", "could",
    /// "may", "might", "potential", "possible").
    case modals
    /// Words that tie a stance to terms ("conditions", "provided", "if").
    case conditionals
    /// Reporting verbs for attribution ("said", "told", "according to").
    case reportingVerbs
    /// Honorifics and ranks before a name ("Sheikh", "Gen.", "Mr.").
    case honorifics
    /// Capitalised words that never start a name ("The", "Monday", "March").
    case nonNames
    /// Words that introduce the parties of a proposal ("between", "with").
    case partyMarkers
    /// Words that introduce a demanded term ("until", "unless",
    /// "precondition", "in exchange for", "must").
    case conditionMarkers
    /// Words that introduce the terms a plan contains ("involve",
    /// "include", "require", "provide for", "call for").
    case requirementMarkers
    /// Lower-case particles inside personal names ("bin", "al", "de", "van").
    case nameParticles
    /// Prepositions after which a capital is a place, not a government
    /// ("in", "at", "to", "from", "near").
    case locatives
    /// Pronouns that refer back to a person ("he", "his") or to an
    /// organisation ("it", "its", "they", "their").
    case personPronouns
    case organizationPronouns
    /// Nouns that hand a role on ("his predecessor X", "Qassem's successor
    /// X"): X held the role the possessor holds.
    case successionNouns
    /// Verbs that carry a hostile or diplomatic noun for their subject
    /// ("launched an assault", "kept up its strikes", "held talks").
    case lightVerbs
    /// Nouns for groups of people who are not organisations ("civilians",
    /// "mediators", "analysts"); a demonym before them is not a state.
    case nonAgentNouns
    /// Titles of go-betweens ("envoy", "mediator", "negotiator"): a person
    /// so titled who carries a plan to the sides brokers it.
    case mediatorTitles
    /// Verbs that ask someone else to act ("urged", "pressing", "called
    /// on"): in "urged Hamas to accept the truce" nobody has accepted yet.
    case urgingVerbs
    /// Verbs of heading an organisation ("leads", "headed", "chairs",
    /// "commands"): "X, who heads Y" and "Y, led by X" give `leads`.
    case leadershipVerbs
    /// Regions that are no state ("Africa", "the Middle East", "the Horn of
    /// Africa"): the remit in "adviser for Africa Massad Boulos".
    case regions
}

/// Everything the extractors know about words, read from `ontology/lexicon/`.
public struct Lexicon: Sendable {
    public var entities: [LexiconEntity]
    public var roleTitles: [RoleTitle]
    public var triggers: [Trigger]
    public var proposalNouns: [ProposalNoun]
    public var conditionCues: [ConditionCue]
    public var anaphors: [Anaphor]
    public var wordLists: [WordListName: [String]]

    public init(entities: [LexiconEntity] = [], roleTitles: [RoleTitle] = [], triggers: [Trigger] = [],
                proposalNouns: [ProposalNoun] = [], conditionCues: [ConditionCue] = [],
                anaphors: [Anaphor] = [], wordLists: [WordListName: [String]] = [:]) {
        self.entities = entities
        self.roleTitles = roleTitles
        self.triggers = triggers
        self.proposalNouns = proposalNouns
        self.conditionCues = conditionCues
        self.anaphors = anaphors
        self.wordLists = wordLists
    }

    public func words(_ list: WordListName) -> [String] { wordLists[list] ?? [] }
}
