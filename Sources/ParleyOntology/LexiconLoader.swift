import ParleyGraph

/// Builds the `Lexicon` from the lexicon resources (`ontology/lexicon/`).
///
/// Vocabulary (declared in `ontology/lexicon/vocabulary.rdf`):
/// - entities: any resource typed with a node class (`parley:State`,
///   `parley:Actor`...), with `skos:prefLabel` (required), `skos:altLabel`,
///   `parley:demonym`, `parley:metonym`, `parley:partOf` (another entity);
/// - `parley:RoleTitle`: `parley:relation` and one or more `parley:phrase`;
/// - `parley:Trigger`: `parley:lemma`, `parley:onProposal`,
///   `parley:onCondition`, `parley:onAgent` (at least one),
///   `parley:defaultModality`, `parley:nominal`, `parley:compound`,
///   `parley:inflect`, `parley:past`, `parley:form`;
/// - `parley:ProposalNoun`: `parley:signalsKind` and `parley:phrase`s;
/// - `parley:ConditionCue`: `parley:noun` and `parley:phrase`s (the noun
///   itself is a cue too);
/// - `parley:Anaphor`: `parley:refersTo` classes and `parley:noun`s;
/// - `parley:WordList`: `parley:list` (a `WordListName`) and `parley:word`s.
/// Phrases, lemmas, forms and nouns are folded to lower case with single
/// spaces; word list entries are kept as written (some lists are
/// capitalised on purpose, see `WordListName`).
struct LexiconLoader {
    let graph: RDFGraph
    let ontology: Ontology
    private let ns: String

    init(graph: RDFGraph, ontology: Ontology) {
        self.graph = graph
        self.ontology = ontology
        self.ns = ontology.namespace
    }

    mutating func build() throws(OntologyError) -> Lexicon {
        Lexicon(entities: try entities(),
                roleTitles: try roleTitles(),
                triggers: try triggers(),
                proposalNouns: try proposalNouns(),
                conditionCues: try conditionCues(),
                anaphors: try anaphors(),
                wordLists: try wordLists())
    }

    // MARK: Entities

    private func entities() throws(OntologyError) -> [LexiconEntity] {
        var result: [LexiconEntity] = []
        var partOf: [(index: Int, target: String, statement: RDFGraph.Statement)] = []
        for subject in graph.subjects {
            guard let iri = subject.iri else { continue }
            let nodeTypes: [NodeType] = graph.types(subject)
                .compactMap { (type: String) -> NodeType? in localName(type).map { NodeType($0) } }
                .filter { ontology.ontologyClass($0) != nil }
            guard !nodeTypes.isEmpty else { continue }
            let id = entityID(iri)
            let (file, line) = graph.location(of: subject)
            guard let label = graph.literals(subject, RDFNamespace.skos + "prefLabel").first else {
                throw .missingValue(subject: id, property: "skos:prefLabel", file: file, line: line)
            }
            let type = nodeTypes.max { depth($0) < depth($1) }!
            var entity = LexiconEntity(
                id: id, type: type, label: label,
                names: graph.literals(subject, RDFNamespace.skos + "altLabel").filter { $0 != label },
                demonyms: graph.literals(subject, ns + "demonym"),
                metonyms: graph.literals(subject, ns + "metonym"))
            if let statement = graph.statements(subject, ns + "partOf").first {
                guard let target = statement.object.iri else {
                    throw .invalidValue(subject: id, property: "parley:partOf", value: statement.object.description,
                                        file: statement.file, line: statement.line)
                }
                partOf.append((result.count, entityID(target), statement))
                entity.partOf = entityID(target)
            }
            result.append(entity)
        }
        let ids = Set(result.map(\.id))
        for link in partOf where !ids.contains(link.target) {
            throw .unknownEntity(id: link.target, referencedBy: result[link.index].id,
                                 file: link.statement.file, line: link.statement.line)
        }
        return result
    }

    private func entityID(_ iri: String) -> String {
        if let hash = iri.lastIndex(of: "#") { return String(iri[iri.index(after: hash)...]) }
        if let slash = iri.lastIndex(of: "/") { return String(iri[iri.index(after: slash)...]) }
        return iri
    }

    private func depth(_ type: NodeType) -> Int {
        var depth = 0
        var current = type
        while let parent = ontology.ontologyClass(current)?.superClass, depth < 32 {
            depth += 1
            current = parent
        }
        return depth
    }

    // MARK: Role titles, proposal nouns, condition cues, anaphors

    private func roleTitles() throws(OntologyError) -> [RoleTitle] {
        var result: [RoleTitle] = []
        for subject in graph.subjects(ofType: ns + "RoleTitle") {
            let relation = try requiredRelation(subject, "relation")
            for phrase in try phrases(subject, "phrase") where !result.contains(where: { $0.phrase == phrase }) {
                result.append(RoleTitle(phrase: phrase, relation: relation))
            }
        }
        return result
    }

    private func proposalNouns() throws(OntologyError) -> [ProposalNoun] {
        let kinds = Set(ontology.classes.filter { ontology.topClass(of: $0.name) == .proposal }
            .map { $0.name.rawValue.lowercased() })
        var result: [ProposalNoun] = []
        for subject in graph.subjects(ofType: ns + "ProposalNoun") {
            let statement = try required(subject, "signalsKind")
            let kind = statement.object.literal ?? ""
            guard kinds.contains(kind) else {
                throw .invalidValue(subject: name(subject), property: "parley:signalsKind", value: kind,
                                    file: statement.file, line: statement.line)
            }
            for phrase in try phrases(subject, "phrase") where !result.contains(where: { $0.phrase == phrase }) {
                result.append(ProposalNoun(phrase: phrase, kind: kind))
            }
        }
        return result
    }

    private func conditionCues() throws(OntologyError) -> [ConditionCue] {
        var result: [ConditionCue] = []
        for subject in graph.subjects(ofType: ns + "ConditionCue") {
            let statement = try required(subject, "noun")
            let noun = normalized(statement.object.literal ?? "")
            for phrase in [noun] + (try phrases(subject, "phrase")) where !result.contains(where: { $0.phrase == phrase }) {
                result.append(ConditionCue(phrase: phrase, noun: noun))
            }
        }
        return result
    }

    private func anaphors() throws(OntologyError) -> [Anaphor] {
        var result: [Anaphor] = []
        for subject in graph.subjects(ofType: ns + "Anaphor") {
            var classes: [NodeType] = []
            for statement in graph.statements(subject, ns + "refersTo") {
                guard let iri = statement.object.iri, let local = localName(iri),
                      ontology.ontologyClass(NodeType(local)) != nil else {
                    throw .unknownClass(name: statement.object.iri ?? statement.object.description,
                                        referencedBy: name(subject), file: statement.file, line: statement.line)
                }
                classes.append(NodeType(local))
            }
            if classes.isEmpty {
                let (file, line) = graph.location(of: subject)
                throw .missingValue(subject: name(subject), property: "parley:refersTo", file: file, line: line)
            }
            // Most specific first; stable for equal depth.
            let ordered = classes.enumerated().sorted {
                (depth($0.element), -$0.offset) > (depth($1.element), -$1.offset)
            }.map(\.element)
            for noun in try phrases(subject, "noun") where !result.contains(where: { $0.noun == noun }) {
                result.append(Anaphor(noun: noun, refersTo: ordered))
            }
        }
        return result
    }

    private func wordLists() throws(OntologyError) -> [WordListName: [String]] {
        var result: [WordListName: [String]] = [:]
        for subject in graph.subjects(ofType: ns + "WordList") {
            let statement = try required(subject, "list")
            guard let list = statement.object.literal.flatMap(WordListName.init(rawValue:)) else {
                throw .invalidValue(subject: name(subject), property: "parley:list", value: statement.object.description,
                                    file: statement.file, line: statement.line)
            }
            var words = result[list] ?? []
            for word in graph.literals(subject, ns + "word") {
                let word = collapsed(word)
                if !word.isEmpty && !words.contains(word) { words.append(word) }
            }
            result[list] = words
        }
        return result
    }

    // MARK: Helpers shared with LexiconLoader+Triggers

    func localName(_ iri: String) -> String? {
        iri.hasPrefix(ns) ? String(iri.dropFirst(ns.count)) : nil
    }

    func name(_ subject: RDFTerm) -> String {
        subject.iri.map(entityID) ?? subject.description
    }

    func required(_ subject: RDFTerm, _ property: String) throws(OntologyError) -> RDFGraph.Statement {
        guard let statement = graph.statements(subject, ns + property).first else {
            let (file, line) = graph.location(of: subject)
            throw .missingValue(subject: name(subject), property: "parley:" + property, file: file, line: line)
        }
        return statement
    }

    /// A relation named by a resource value; it must exist in the ontology.
    func relation(_ statement: RDFGraph.Statement, of subject: RDFTerm) throws(OntologyError) -> RelationName {
        guard let iri = statement.object.iri else {
            throw .invalidValue(subject: name(subject), property: statement.predicate, value: statement.object.description,
                                file: statement.file, line: statement.line)
        }
        let local = localName(iri) ?? iri
        guard ontology.relation(RelationName(local)) != nil else {
            throw .unknownRelation(name: local, referencedBy: name(subject), file: statement.file, line: statement.line)
        }
        return RelationName(local)
    }

    private func requiredRelation(_ subject: RDFTerm, _ property: String) throws(OntologyError) -> RelationName {
        try relation(try required(subject, property), of: subject)
    }

    /// Lower-cased, single-spaced literal values of a property; at least one.
    func phrases(_ subject: RDFTerm, _ property: String, required: Bool = true) throws(OntologyError) -> [String] {
        var seen: Set<String> = []
        let values = graph.literals(subject, ns + property).map(normalized).filter { !$0.isEmpty && seen.insert($0).inserted }
        if values.isEmpty && required {
            let (file, line) = graph.location(of: subject)
            throw .missingValue(subject: name(subject), property: "parley:" + property, file: file, line: line)
        }
        return values
    }

    func normalized(_ value: String) -> String { collapsed(value).lowercased() }

    /// Single spaces between words, none at the ends. Most values are
    /// already clean: checked on bytes first, as `Character.isWhitespace`
    /// is a Unicode lookup.
    func collapsed(_ value: String) -> String {
        var previousSpace = true
        var clean = true
        for byte in value.utf8 {
            let space = byte == 0x20
            if byte == 0x09 || byte == 0x0A || byte == 0x0D || (space && previousSpace) || byte >= 0x80 {
                clean = false
                break
            }
            previousSpace = space
        }
        if clean && !previousSpace { return value }
        return value.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
