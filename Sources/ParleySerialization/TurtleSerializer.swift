import ParleyGraph
import ParleyOntology
import ParleyXML

/// Writes the graph as Turtle (RDF 1.1, https://www.w3.org/TR/turtle/), the
/// RDF syntax people read: prefixes for the vocabularies and for each kind
/// of resource (`organization:hezbollah parley:rejects proposal:…`), one
/// block per subject with `;` between its predicates and `,` between the
/// values of one predicate, `a` for `rdf:type`, and bare integers,
/// decimals and booleans (Turtle's shorthands for `xsd:integer`,
/// `xsd:decimal`, `xsd:boolean`).
///
/// The triples are those of the RDF/XML and N-Triples outputs
/// (`RDFTriples`), in the same order, so the files are the same RDF graph.
/// Streaming: a subject's block is the run of its consecutive triples (a
/// node's own triples, then one short block per asserted relation and per
/// evidence statement), with no grouping pass. Strings use the escapes of
/// N-Triples (U+FFFE and U+FFFF written as U+FFFD), never `"""` long
/// strings, so each statement stays one line.
///
/// Not supported: blank nodes and collections (none are written), RDF 1.2
/// triple terms and annotations, `@base` and relative IRIs.
public struct TurtleSerializer: GraphSerializer {
    public static let format = OutputFormat.turtle

    public var ontology: Ontology
    public var invalidNames: InvalidNamePolicy

    public init(ontology: Ontology, invalidNames: InvalidNamePolicy = .reject) {
        self.ontology = ontology
        self.invalidNames = invalidNames
    }

    public func write(_ graph: CorpusGraph, into output: XMLOutput) throws -> SerializationReport {
        let triples = try RDFTriples(graph, ontology: ontology, invalidNames: invalidNames)
        let start = output.bytesWritten
        let names = TurtleNames(triples: triples, ontology: ontology)
        for (prefix, iri) in names.declared {
            output.write("@prefix ")
            output.write(Array(prefix.utf8))
            output.write(": ")
            output.write(RDFLineSyntax.iri(iri))
            output.write(" .\n")
        }
        var sink = TurtleSink(output: output, names: names)
        let omitted = triples.emit(into: &sink)
        sink.finish()
        var report = SerializationReport(format: .turtle, bytesWritten: output.bytesWritten - start,
                                         nodes: graph.nodes.count, edges: graph.edges.count,
                                         replacedCharacters: sink.replaced, omittedValues: omitted)
        report.addCountWarnings()
        return report
    }
}

/// Writes subject blocks as triples arrive.
struct TurtleSink: RDFTripleSink {
    let output: XMLOutput
    let names: TurtleNames
    /// U+FFFE and U+FFFF written as U+FFFD.
    private(set) var replaced = 0
    private var subject: RDFResource?
    private var predicate = -1

    init(output: XMLOutput, names: TurtleNames) {
        self.output = output
        self.names = names
    }

    mutating func triple(_ s: RDFResource, _ p: Int, _ o: RDFObject) {
        if s == subject {
            if p == predicate {
                output.write(", ")
            } else {
                output.write(" ;\n    ")
                writePredicate(p)
            }
        } else {
            if subject != nil { output.write(" .\n") }
            output.write(byte: 0x0A)
            names.terms.write(s, into: output)
            output.write("\n    ")
            writePredicate(p)
            subject = s
        }
        predicate = p
        writeObject(o)
    }

    mutating func finish() {
        if subject != nil { output.write(" .\n") }
    }

    private func writePredicate(_ p: Int) {
        if p == names.typePredicate {
            output.write("a ")
        } else {
            output.write(names.terms.vocabulary[p])
            output.write(byte: 0x20)
        }
    }

    private mutating func writeObject(_ o: RDFObject) {
        switch o {
        case .resource(let resource):
            names.terms.write(resource, into: output)
        case .string, .english, .typed:
            replaced += names.terms.writeText(o, into: output)
        case .integer(let n):
            output.write(decimal: n)
        case .boolean(let b):
            output.write(b ? "true" : "false")
        case .decimal(let bytes):
            // Canonical xsd:decimal always has a point: Turtle's DECIMAL.
            output.write(bytes)
        }
    }
}

/// Prefixed names for the IRIs of one graph, worked out once: the
/// vocabularies' usual prefixes, and one prefix per kind of resource under
/// the instance base (`organization:`, `proposal:`, `document:`,
/// `statement:`) when its name is a valid prefix that no vocabulary uses.
/// An IRI whose local part is not a valid Turtle local name is written
/// whole (`<…>`).
struct TurtleNames {
    /// (prefix, namespace IRI), in the order declared.
    let declared: [(String, String)]
    let terms: RDFLineTerms
    let typePredicate: Int

    init(triples: RDFTriples, ontology: Ontology) {
        let vocabularies = triples.namespaces.sorted { $0.iri.count > $1.iri.count }
        let instanceBase = ontology.instanceBase
        var segmentNames = Set(["document", "statement"])
        for node in triples.graph.nodes { segmentNames.insert(ParleyIRI.percentEncode(node.type.rawValue.lowercased())) }
        let taken = Set(triples.namespaces.map(\.prefix))
        var segments: [String: String] = [:]
        for segment in segmentNames.sorted() where Self.isPrefixName(segment) && !taken.contains(segment) {
            // Not inside a vocabulary's namespace (an odd instance base).
            let iri = instanceBase + segment + "/"
            if !triples.namespaces.contains(where: { iri.hasPrefix($0.iri) }) { segments[segment] = segment }
        }
        declared = (triples.namespaces.map { ($0.prefix, $0.iri) }
            + segments.keys.map { ($0, instanceBase + $0 + "/") }).sorted { $0.0 < $1.0 }

        func term(_ iri: String) -> [UInt8] {
            if iri.hasPrefix(instanceBase) {
                let rest = iri.dropFirst(instanceBase.count)
                if let slash = rest.firstIndex(of: "/"), let prefix = segments[String(rest[..<slash])] {
                    let local = rest[rest.index(after: slash)...]
                    if Self.isLocalName(local) { return Array((prefix + ":" + local).utf8) }
                }
                return RDFLineSyntax.iri(iri)
            }
            for (prefix, namespace) in vocabularies where iri.hasPrefix(namespace) {
                let local = iri.dropFirst(namespace.count)
                if Self.isLocalName(local) { return Array((prefix + ":" + local).utf8) }
                break
            }
            return RDFLineSyntax.iri(iri)
        }
        terms = RDFLineTerms(triples, term: term,
                             statementPrefix: segments["statement"] != nil ? Array("statement:e".utf8) : nil)
        typePredicate = triples.v.type
    }

    /// Turtle's PN_PREFIX, ASCII only.
    static func isPrefixName(_ name: String) -> Bool {
        let b = Array(name.utf8)
        guard let first = b.first, isLetter(first), b.last != 0x2E else { return false }
        return b.allSatisfy { isLetter($0) || isDigit($0) || $0 == 0x2D || $0 == 0x5F || $0 == 0x2E }
    }

    /// Turtle's PN_LOCAL for ASCII local parts: letters, digits, `_`, `-`,
    /// `.` and `%XX`; not starting with `-` or `.`, not ending with `.`.
    static func isLocalName(_ local: Substring) -> Bool {
        let b = Array(local.utf8)
        guard let first = b.first, first != 0x2D, first != 0x2E, b.last != 0x2E else { return false }
        var i = 0
        while i < b.count {
            let c = b[i]
            if c == 0x25 {
                guard i + 2 < b.count, isHex(b[i + 1]), isHex(b[i + 2]) else { return false }
                i += 3
                continue
            }
            guard isLetter(c) || isDigit(c) || c == 0x5F || c == 0x2D || c == 0x2E else { return false }
            i += 1
        }
        return true
    }

    static func isLetter(_ c: UInt8) -> Bool { (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c) }
    static func isDigit(_ c: UInt8) -> Bool { (0x30...0x39).contains(c) }
    static func isHex(_ c: UInt8) -> Bool { isDigit(c) || (0x41...0x46).contains(c) || (0x61...0x66).contains(c) }
}
