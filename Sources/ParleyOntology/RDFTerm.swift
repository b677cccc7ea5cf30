/// Namespaces the ontology files use.
public enum RDFNamespace {
    public static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    public static let rdfs = "http://www.w3.org/2000/01/rdf-schema#"
    public static let owl = "http://www.w3.org/2002/07/owl#"
    public static let xsd = "http://www.w3.org/2001/XMLSchema#"
    public static let skos = "http://www.w3.org/2004/02/skos/core#"
    public static let prov = "http://www.w3.org/ns/prov#"
    public static let dcterms = "http://purl.org/dc/terms/"
    public static let schema = "https://schema.org/"
    public static let foaf = "http://xmlns.com/foaf/0.1/"
    public static let vann = "http://purl.org/vocab/vann/"
    /// The Parley ontology.
    public static let parley = "https://w3id.org/parley/ontology#"
    /// Lexicon resources (states, triggers, word lists...).
    public static let lexicon = "https://w3id.org/parley/lexicon#"
    /// Instance data: `{base}actor/naim-qassem`, `{base}document/...`.
    public static let instances = "https://w3id.org/parley/id/"
}

/// A node of an RDF graph: an IRI, a blank node or a literal.
public enum RDFTerm: Hashable, Sendable, CustomStringConvertible {
    case iri(String)
    /// A blank node, by an identifier unique to the document it comes from.
    case blank(String)
    case literal(String, language: String? = nil, datatype: String? = nil)

    public var iri: String? {
        if case .iri(let value) = self { return value }
        return nil
    }

    /// The lexical form of a literal.
    public var literal: String? {
        if case .literal(let value, _, _) = self { return value }
        return nil
    }

    public var description: String {
        switch self {
        case .iri(let value): return "<\(value)>"
        case .blank(let id): return "_:\(id)"
        case .literal(let value, let language, let datatype):
            if let language { return "\"\(value)\"@\(language)" }
            if let datatype { return "\"\(value)\"^^<\(datatype)>" }
            return "\"\(value)\""
        }
    }
}

/// One statement, with the line of the XML element that made it.
public struct RDFTriple: Hashable, Sendable, CustomStringConvertible {
    public var subject: RDFTerm
    public var predicate: String
    public var object: RDFTerm
    public var line: Int

    public init(_ subject: RDFTerm, _ predicate: String, _ object: RDFTerm, line: Int = 0) {
        self.subject = subject
        self.predicate = predicate
        self.object = object
        self.line = line
    }

    public var description: String { "\(subject) <\(predicate)> \(object) ." }
}
