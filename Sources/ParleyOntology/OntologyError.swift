import ParleyXML

/// Why the ontology in `ontology/` could not be loaded or is not what the
/// code needs. Each case says where: the file and line of the statement at
/// fault when it comes from a file, the name at fault otherwise.
public enum OntologyError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A file is unreadable or is not well-formed XML.
    case xml(XMLError)
    /// Well-formed XML that is not RDF/XML of the supported subset.
    case invalidRDF(file: String, line: Int, message: String)
    /// The directory has no `*.rdf` file (or does not exist).
    case noOntologyFiles(directory: String)
    /// An object property between nodes without `rdfs:domain` or `rdfs:range`.
    case missingDomain(relation: String, file: String, line: Int)
    case missingRange(relation: String, file: String, line: Int)
    /// A statement names a class that the ontology does not declare.
    case unknownClass(name: String, referencedBy: String, file: String, line: Int)
    /// A trigger or role title names a relation that does not exist.
    case unknownRelation(name: String, referencedBy: String, file: String, line: Int)
    /// A `parley:partOf` names a lexicon entity that does not exist.
    case unknownEntity(id: String, referencedBy: String, file: String, line: Int)
    /// A resource lacks a property it must have (a trigger without lemma,
    /// an entity without `skos:prefLabel`).
    case missingValue(subject: String, property: String, file: String, line: Int)
    /// A property has a value of the wrong form (modality "maybe", a
    /// boolean "yes", a literal where a resource is expected).
    case invalidValue(subject: String, property: String, value: String, file: String, line: Int)
    /// A class the code relies on (`Actor`, `Organization`, `Proposal`,
    /// `Condition`) is missing.
    case missingClass(name: String)
    /// The relations are not exactly the ones the extractors and the
    /// guidelines know.
    case relationMismatch(missing: [String], unexpected: [String])
    /// A relation exists but its domain, range or symmetry is not the one
    /// the guidelines define.
    case relationSignature(relation: String, message: String)

    /// The file at fault, when known.
    public var file: String? {
        switch self {
        case .xml(let error): return error.file
        case .invalidRDF(let file, _, _), .missingDomain(_, let file, _), .missingRange(_, let file, _),
             .unknownClass(_, _, let file, _), .unknownRelation(_, _, let file, _),
             .unknownEntity(_, _, let file, _), .missingValue(_, _, let file, _),
             .invalidValue(_, _, _, let file, _):
            return file
        case .noOntologyFiles(let directory): return directory
        case .missingClass, .relationMismatch, .relationSignature: return nil
        }
    }

    /// The line at fault, 0 when unknown.
    public var line: Int {
        switch self {
        case .xml(let error): return error.line
        case .invalidRDF(_, let line, _), .missingDomain(_, _, let line), .missingRange(_, _, let line),
             .unknownClass(_, _, _, let line), .unknownRelation(_, _, _, let line),
             .unknownEntity(_, _, _, let line), .missingValue(_, _, _, let line),
             .invalidValue(_, _, _, _, let line):
            return line
        case .noOntologyFiles, .missingClass, .relationMismatch, .relationSignature: return 0
        }
    }

    public var description: String {
        switch self {
        case .xml(let error):
            return error.description
        case .invalidRDF(let file, let line, let message):
            return "\(file):\(line): not supported RDF/XML: \(message)"
        case .noOntologyFiles(let directory):
            return "\(directory): no *.rdf ontology file found"
        case .missingDomain(let relation, let file, let line):
            return "\(file):\(line): relation \(relation) has no rdfs:domain"
        case .missingRange(let relation, let file, let line):
            return "\(file):\(line): relation \(relation) has no rdfs:range"
        case .unknownClass(let name, let subject, let file, let line):
            return "\(file):\(line): \(subject) names the class \(name), which the ontology does not declare"
        case .unknownRelation(let name, let subject, let file, let line):
            return "\(file):\(line): \(subject) names the relation \(name), which the ontology does not declare"
        case .unknownEntity(let id, let subject, let file, let line):
            return "\(file):\(line): \(subject) names the lexicon entity \(id), which does not exist"
        case .missingValue(let subject, let property, let file, let line):
            return "\(file):\(line): \(subject) has no \(property)"
        case .invalidValue(let subject, let property, let value, let file, let line):
            return "\(file):\(line): \(subject) has an invalid \(property): \"\(value)\""
        case .missingClass(let name):
            return "the ontology has no class \(name), which the extractors need"
        case .relationMismatch(let missing, let unexpected):
            var parts: [String] = []
            if !missing.isEmpty { parts.append("missing \(missing.joined(separator: ", "))") }
            if !unexpected.isEmpty { parts.append("unexpected \(unexpected.joined(separator: ", "))") }
            return "the ontology's relations differ from the guidelines: " + parts.joined(separator: "; ")
        case .relationSignature(let relation, let message):
            return "relation \(relation): \(message)"
        }
    }
}
