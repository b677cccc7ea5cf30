import ParleyGraph
import ParleyOntology
import ParleyXML

/// What to do with a relation or attribute name that cannot be the local
/// part of an RDF/XML property element (not an ASCII NCName: `0day`,
/// `a/b`, `has space`).
public enum InvalidNamePolicy: Hashable, Sendable {
    /// Stop with `SerializationError.invalidRelationName` (or
    /// `.invalidAttributeName`) before writing anything.
    case reject
    /// Mint `{namespace}/rel/{sanitized}` (`{namespace}/attr/` for node
    /// attributes) with the name made an NCName (`r_` prefix when it does
    /// not start with a letter or `_`, other characters as `_`, `-2`… on
    /// clashes), and record the original name as its `rdfs:label`.
    case sanitize
}

/// The property elements of one RDF/XML file: for each distinct relation
/// (or attribute) name, the QName written as element name and the IRI
/// written in `rdf:predicate`, with the original name kept for sanitized ones.
struct RDFPredicates {
    struct Predicate {
        /// `parley:rejects`, or `parleyrel:r_0day`.
        var qname: String
        /// The full IRI, escaped for an attribute value.
        var iriBytes: [UInt8]
        var iri: String
        /// The original name when it had to be sanitized.
        var original: String?
    }

    static let relationPrefix = "parleyrel"
    static let attributePrefix = "parleyattr"

    private(set) var predicates: [Predicate] = []
    private var byName: [String: Int] = [:]
    private var usedQNames: Set<String> = []
    let namespace: String
    let sanitizedNamespace: String
    let prefix: String

    /// `sanitizedSegment` is `rel` or `attr`; `prefix` the XML prefix bound to
    /// the sanitized namespace.
    init(ontology: Ontology, sanitizedSegment: String, prefix: String) {
        namespace = ontology.namespace
        var base = ontology.namespace
        while base.hasSuffix("#") || base.hasSuffix("/") { base.removeLast() }
        sanitizedNamespace = base + "/" + sanitizedSegment + "/"
        self.prefix = prefix
    }

    var usesSanitizedNamespace: Bool { predicates.contains { $0.original != nil } }

    /// The index of `name`'s predicate, minting it on first sight; nil when
    /// the name is invalid and the policy is `.reject`.
    mutating func index(of name: String, policy: InvalidNamePolicy) -> Int? {
        if let i = byName[name] { return i }
        let predicate: Predicate
        if LexicalForms.isPortableNCName(name) {
            predicate = Predicate(qname: "parley:" + name, iriBytes: [], iri: namespace + name, original: nil)
        } else {
            guard policy == .sanitize else { return nil }
            let local = LexicalForms.sanitizedNCName(name)
            var candidate = local
            var n = 2
            while usedQNames.contains(prefix + ":" + candidate) {
                candidate = local + "-" + String(n)
                n += 1
            }
            predicate = Predicate(qname: prefix + ":" + candidate, iriBytes: [],
                                  iri: sanitizedNamespace + candidate, original: name)
        }
        var stored = predicate
        stored.iriBytes = XMLOutput.escape(predicate.iri, attribute: true).bytes
        usedQNames.insert(stored.qname)
        byName[name] = predicates.count
        predicates.append(stored)
        return predicates.count - 1
    }

    /// Valid names live in the ontology namespace and sanitized ones in
    /// their own, so the two kinds never share an IRI.
    subscript(_ i: Int) -> Predicate { predicates[i] }
}
