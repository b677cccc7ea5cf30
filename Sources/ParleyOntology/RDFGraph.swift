/// The triples of every ontology file, indexed by subject, with where each
/// statement was made. Subjects and values keep file and document order, so
/// everything built from the graph is deterministic.
struct RDFGraph {
    struct Statement {
        var predicate: String
        var object: RDFTerm
        var file: String
        var line: Int
    }

    private(set) var subjects: [RDFTerm] = []
    private var statements: [RDFTerm: [Statement]] = [:]
    /// Subjects by `rdf:type`, in order of first statement.
    private var typed: [String: [RDFTerm]] = [:]
    private static let type = RDFNamespace.rdf + "type"

    mutating func add(_ triples: [RDFTriple], file: String) {
        for triple in triples {
            let statement = Statement(predicate: triple.predicate, object: triple.object, file: file, line: triple.line)
            if statements[triple.subject] == nil {
                subjects.append(triple.subject)
                statements[triple.subject] = [statement]
            } else {
                statements[triple.subject]!.append(statement)
            }
            if triple.predicate == Self.type, let type = triple.object.iri {
                typed[type, default: []].append(triple.subject)
            }
        }
    }

    func statements(about subject: RDFTerm) -> [Statement] { statements[subject] ?? [] }

    func statements(_ subject: RDFTerm, _ predicate: String) -> [Statement] {
        statements(about: subject).filter { $0.predicate == predicate }
    }

    func objects(_ subject: RDFTerm, _ predicate: String) -> [RDFTerm] {
        statements(subject, predicate).map(\.object)
    }

    /// Literal values, in order, duplicates removed.
    func literals(_ subject: RDFTerm, _ predicate: String) -> [String] {
        var result: [String] = []
        for statement in statements[subject] ?? [] where statement.predicate == predicate {
            if let value = statement.object.literal, !result.contains(value) { result.append(value) }
        }
        return result
    }

    /// The English (or untagged) literal, else the first one.
    func text(_ subject: RDFTerm, _ predicate: String) -> String? {
        let values = objects(subject, predicate)
        for value in values {
            if case .literal(let text, let language, _) = value, language == nil || language!.hasPrefix("en") {
                return text
            }
        }
        return values.first?.literal
    }

    func types(_ subject: RDFTerm) -> [String] {
        objects(subject, RDFNamespace.rdf + "type").compactMap(\.iri)
    }

    func hasType(_ subject: RDFTerm, _ type: String) -> Bool { types(subject).contains(type) }

    /// Subjects with this `rdf:type`, in order.
    func subjects(ofType type: String) -> [RDFTerm] {
        guard let found = typed[type] else { return [] }
        var seen: Set<RDFTerm> = []
        return found.filter { seen.insert($0).inserted }
    }

    /// Where a subject is first described: the first statement about it.
    func location(of subject: RDFTerm) -> (file: String, line: Int) {
        guard let first = statements[subject]?.first else { return ("", 0) }
        return (first.file, first.line)
    }

    /// The members of an `rdf:List`, stopping at `rdf:nil` or a cycle.
    func list(_ head: RDFTerm) -> [RDFTerm] {
        var items: [RDFTerm] = []
        var current = head
        var seen: Set<RDFTerm> = []
        while current != .iri(RDFNamespace.rdf + "nil"), seen.insert(current).inserted {
            guard let first = objects(current, RDFNamespace.rdf + "first").first else { break }
            items.append(first)
            guard let rest = objects(current, RDFNamespace.rdf + "rest").first else { break }
            current = rest
        }
        return items
    }
}
