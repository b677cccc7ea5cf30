import ParleyGraph
import ParleyOntology
import ParleyXML

/// Writes the graph as N-Triples (RDF 1.1, https://www.w3.org/TR/n-triples/):
/// one triple per line, streamed, ready for the bulk loaders of every
/// triple store (`oxigraph load`, Jena's `tdb2.tdbloader`, `rapper`).
///
/// The triples are those of the RDF/XML output (`RDFTriples`), in the same
/// order, so the two files are the same RDF graph; parallel edges assert
/// their triple once. Literals are escaped as canonical N-Triples asks
/// (`\"`, `\\`, `\n`, `\r`, `\t`…, other control characters as
/// `\uXXXX`), so control characters survive, unlike in RDF/XML. The
/// noncharacters U+FFFE and U+FFFF, which raptor refuses even escaped, are
/// written as U+FFFD and counted. IRIs are minted percent-encoded and any
/// character IRIREF forbids is percent-encoded too.
///
/// Not supported: blank nodes (none are written), RDF 1.2 triple terms,
/// named graphs (N-Quads).
public struct NTriplesSerializer: GraphSerializer {
    public static let format = OutputFormat.ntriples

    public var ontology: Ontology
    public var invalidNames: InvalidNamePolicy

    public init(ontology: Ontology, invalidNames: InvalidNamePolicy = .reject) {
        self.ontology = ontology
        self.invalidNames = invalidNames
    }

    public func write(_ graph: CorpusGraph, into output: XMLOutput) throws -> SerializationReport {
        let triples = try RDFTriples(graph, ontology: ontology, invalidNames: invalidNames)
        let start = output.bytesWritten
        var sink = NTriplesSink(triples, output: output)
        let omitted = triples.emit(into: &sink)
        var report = SerializationReport(format: .ntriples, bytesWritten: output.bytesWritten - start,
                                         nodes: graph.nodes.count, edges: graph.edges.count,
                                         replacedCharacters: sink.replaced, omittedValues: omitted)
        report.addCountWarnings()
        return report
    }
}

/// `<s> <p> o .` per triple, every IRI escaped once beforehand.
struct NTriplesSink: RDFTripleSink {
    let output: XMLOutput
    /// U+FFFE and U+FFFF written as U+FFFD.
    private(set) var replaced = 0
    private let terms: RDFLineTerms
    private let integer: [UInt8], boolean: [UInt8], decimal: [UInt8]

    init(_ triples: RDFTriples, output: XMLOutput) {
        self.output = output
        terms = RDFLineTerms(triples, term: RDFLineSyntax.iri)
        integer = Array("\"^^".utf8) + terms.vocabulary[triples.v.integer]
        boolean = Array("\"^^".utf8) + terms.vocabulary[triples.v.boolean]
        decimal = Array("\"^^".utf8) + terms.vocabulary[triples.v.decimal]
    }

    mutating func triple(_ subject: RDFResource, _ predicate: Int, _ object: RDFObject) {
        terms.write(subject, into: output)
        output.write(byte: 0x20)
        output.write(terms.vocabulary[predicate])
        output.write(byte: 0x20)
        switch object {
        case .resource(let resource):
            terms.write(resource, into: output)
        case .string, .english, .typed:
            replaced += terms.writeText(object, into: output)
        case .integer(let n):
            output.write(byte: 0x22)
            output.write(decimal: n)
            output.write(integer)
        case .boolean(let b):
            output.write(b ? "\"true" : "\"false")
            output.write(boolean)
        case .decimal(let bytes):
            output.write(byte: 0x22)
            output.write(bytes)
            output.write(decimal)
        }
        output.write(" .\n")
    }
}

/// The IRIs of one graph as N-Triples or Turtle writes them, made once:
/// vocabulary, nodes, documents, and evidence statements (numbered).
struct RDFLineTerms {
    let vocabulary: [[UInt8]]
    let nodes: [[UInt8]]
    let documents: [[UInt8]]
    /// `statement:e` or `<{base}statement/e`, and what closes it.
    let statementOpen: [UInt8]
    let statementClose: [UInt8]

    /// `term` writes an IRI: `<…>` in N-Triples, a prefixed name where it can in Turtle.
    init(_ triples: RDFTriples, term: (String) -> [UInt8], statementPrefix: [UInt8]? = nil) {
        vocabulary = triples.vocabulary.map(term)
        nodes = triples.nodeIRIs.map(term)
        documents = triples.documentIRIs.map(term)
        if let statementPrefix {
            statementOpen = statementPrefix
            statementClose = []
        } else {
            statementOpen = Array(RDFLineSyntax.iri(triples.statementBase).dropLast())
            statementClose = [0x3E]
        }
    }

    func write(_ resource: RDFResource, into output: XMLOutput) {
        switch resource {
        case .vocabulary(let k): output.write(vocabulary[k])
        case .node(let i): output.write(nodes[i])
        case .document(let i): output.write(documents[i])
        case .statement(let n):
            output.write(statementOpen)
            output.write(decimal: n)
            output.write(statementClose)
        }
    }

    /// A string object, written alike in both syntaxes: `"…"`, `"…"@en`
    /// or `"…"^^datatype`. Returns the noncharacters replaced.
    func writeText(_ object: RDFObject, into output: XMLOutput) -> Int {
        switch object {
        case .string(let text):
            return RDFLineSyntax.writeString(text, into: output)
        case .english(let text):
            defer { output.write("@en") }
            return RDFLineSyntax.writeString(text, into: output)
        case .typed(let text, let datatype):
            defer { output.write("^^"); output.write(vocabulary[datatype]) }
            return RDFLineSyntax.writeString(text, into: output)
        case .resource, .integer, .boolean, .decimal:
            preconditionFailure("not a string object")
        }
    }
}

/// Terms as N-Triples and Turtle write them.
enum RDFLineSyntax {
    /// `<iri>`, with characters IRIREF forbids percent-encoded.
    static func iri(_ iri: String) -> [UInt8] {
        var out: [UInt8] = [0x3C]
        out.reserveCapacity(iri.utf8.count + 2)
        let hex = Array("0123456789ABCDEF".utf8)
        for b in iri.utf8 {
            switch b {
            case 0x00...0x20, 0x3C, 0x3E, 0x22, 0x7B, 0x7D, 0x7C, 0x5E, 0x60, 0x5C:
                out += [0x25, hex[Int(b >> 4)], hex[Int(b & 0xF)]]
            default:
                out.append(b)
            }
        }
        out.append(0x3E)
        return out
    }

    static func writeIRI(_ value: String, into output: XMLOutput) {
        output.write(iri(value))
    }

    /// `"text"` with the escapes of canonical N-Triples; Turtle reads the
    /// same form. Returns the number of noncharacters replaced.
    @discardableResult
    static func writeString(_ text: String, into output: XMLOutput) -> Int {
        output.write(byte: 0x22)
        var text = text
        let clean = text.withUTF8 { bytes -> Bool in
            for b in bytes where b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F || b == 0xEF { return false }
            output.write(UnsafeRawBufferPointer(bytes))
            return true
        }
        var replaced = 0
        if !clean { output.write(escaped(text, replaced: &replaced)) }
        output.write(byte: 0x22)
        return replaced
    }

    static func escaped(_ text: String) -> [UInt8] {
        var replaced = 0
        return escaped(text, replaced: &replaced)
    }

    static func escaped(_ text: String, replaced: inout Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, 0x6E]
            case 0x0D: out += [0x5C, 0x72]
            case 0x09: out += [0x5C, 0x74]
            case 0x08: out += [0x5C, 0x62]
            case 0x0C: out += [0x5C, 0x66]
            case 0xFFFE, 0xFFFF:
                out += [0xEF, 0xBF, 0xBD]
                replaced += 1
            case 0x00...0x1F, 0x7F:
                let hex = Array("0123456789ABCDEF".utf8)
                let v = Int(scalar.value)
                out += [0x5C, 0x75, hex[(v >> 12) & 0xF], hex[(v >> 8) & 0xF], hex[(v >> 4) & 0xF], hex[v & 0xF]]
            default:
                UTF8.encode(scalar) { out.append($0) }
            }
        }
        return out
    }
}
