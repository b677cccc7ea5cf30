import ParleyGraph
import ParleyOntology
import ParleyXML

/// The node file of the CSV pair that `neo4j-admin database import`
/// reads (header format:
/// https://neo4j.com/docs/operations-manual/current/tools/neo4j-admin/neo4j-admin-import/#import-tool-header-format):
///
///     id:ID,:LABEL,label,type,category,aliases:string[],mentions:int,documents:string[],iri[,attributes…]
///
/// `id` is the node key (`entity/hezbollah`), also kept as a property;
/// `:LABEL` is the type and, when it says more, the category
/// (`Organization;ArmedGroup`); free attributes (`kind`, `duration`…) follow
/// with their types (`long`, `double`, `boolean`, or none for strings).
/// Import with
///
///     neo4j-admin database import full --nodes=neo4j-nodes.csv --relationships=neo4j-relationships.csv neo4j
///
/// See `Neo4jCSV` for quoting, arrays and what is not supported.
public struct Neo4jNodesCSVSerializer: GraphSerializer {
    public static let format = OutputFormat.neo4jNodes

    public var ontology: Ontology

    public init(ontology: Ontology) { self.ontology = ontology }

    static let fixedHeader = ["id:ID", ":LABEL", "label", "type", "category", "aliases:string[]", "mentions:int",
                              "documents:string[]", "iri"]

    public func write(_ graph: CorpusGraph, into output: XMLOutput) throws -> SerializationReport {
        _ = try GraphIndex(graph)
        var csv = Neo4jCSV(output: output)
        let columns = AttributeColumn.columns(of: graph.packedNodes.attributeSets.values, excluding: ["category"])
        csv.header(Self.fixedHeader + Neo4jCSV.attributeHeaders(columns, reserved: Self.fixedHeader))
        let iris = ParleyIRI.nodeIRIs(graph, ontology: ontology)
        let documentNames = graph.documents.map(\.name)
        for (i, node) in graph.nodes.enumerated() {
            var category = node.type.rawValue
            if case .string(let c)? = node.attributes["category"], !c.isEmpty { category = c }
            csv.string(node.key.rawValue, first: true)
            csv.array(category == node.type.rawValue ? [category] : [node.type.rawValue, category])
            csv.string(node.label)
            csv.string(node.type.rawValue)
            csv.string(category)
            csv.array(node.aliases)
            csv.integer(node.mentionCount)
            csv.array(node.documents.map { documentNames[Int($0.rawValue)] })
            csv.string(iris[i])
            for column in columns {
                guard let value = node.attributes[column.name] else { csv.empty(); continue }
                switch (column.kind, value) {
                case (.string, _):
                    csv.string(column.lexicalForm(value) ?? "")
                case (_, .double(let d)) where !d.isFinite:
                    csv.omitted()
                default:
                    csv.raw(column.lexicalForm(value) ?? "")
                }
            }
            csv.endRow()
        }
        return csv.report(.neo4jNodes, graph: graph)
    }
}

/// The relationship file of the pair (see `Neo4jNodesCSVSerializer`): one
/// row per piece of evidence, so parallel edges stay parallel:
///
///     :START_ID,:END_ID,:TYPE,id,evidence,document,document_title,document_url,document_date,document_path,
///     sentence:int,start:int,end:int,confidence:double,modality,negated:boolean,trigger,attribution,statement
///
/// `:TYPE` is the relation as the ontology names it (`rejects`); `id` is the
/// GraphML edge id and `statement` the RDF statement IRI, so the exports can
/// be cross-referenced. `confidence` is a `double`: Neo4j's `float` is 32
/// bits and would turn 0.82 into 0.8199999928474426.
public struct Neo4jRelationshipsCSVSerializer: GraphSerializer {
    public static let format = OutputFormat.neo4jRelationships

    public var ontology: Ontology

    public init(ontology: Ontology) { self.ontology = ontology }

    static let header = [":START_ID", ":END_ID", ":TYPE", "id", "evidence", "document", "document_title",
                         "document_url", "document_date", "document_path", "sentence:int", "start:int", "end:int",
                         "confidence:double", "modality", "negated:boolean", "trigger", "attribution", "statement"]

    public func write(_ graph: CorpusGraph, into output: XMLOutput) throws -> SerializationReport {
        let index = try GraphIndex(graph)
        var csv = Neo4jCSV(output: output)
        csv.header(Self.header)
        let keys = graph.nodes.map(\.key.rawValue)
        for (i, edge) in graph.edges.enumerated() {
            let p = edge.provenance
            let document = graph.documents[Int(p.document.rawValue)]
            csv.string(keys[index.source(i)], first: true)
            csv.string(keys[index.target(i)])
            csv.string(edge.relation.rawValue)
            csv.string("e" + String(i))
            csv.string(p.evidence)
            csv.string(document.name)
            csv.optional(document.title)
            csv.optional(document.url)
            csv.optional(document.date)
            csv.optional(document.path)
            csv.integer(Int(p.sentence))
            csv.integer(Int(p.start))
            csv.integer(Int(p.end))
            if p.confidence.isFinite { csv.raw(LexicalForms.shortestDouble(p.confidence)) } else { csv.omitted() }
            csv.string(p.modality.rawValue)
            csv.raw(p.negated ? "true" : "false")
            csv.optional(p.trigger)
            csv.optional(p.attribution)
            csv.string(ParleyIRI.statementIRI(edge: i, ontology: ontology))
            csv.endRow()
        }
        return csv.report(.neo4jRelationships, graph: graph)
    }
}

/// CSV as `neo4j-admin database import` reads it by default (`,` between
/// fields, `"` quotes, `;` in arrays and label lists, one record per line):
/// every string quoted, a quote inside doubled (RFC 4180); an empty field is
/// a property left unset.
///
/// Not supported, by the import tool's defaults: line breaks inside a
/// field (they need `--multiline-fields=true`), so CR and LF are written as
/// spaces; `;` inside an array element, which would split it, is written
/// as `,`. Other control characters become U+FFFD. Each is counted in the
/// report's replaced characters. Non-finite numbers are left out.
struct Neo4jCSV {
    let output: XMLOutput
    private let start: Int
    private var replaced = 0
    private var omittedCount = 0

    init(output: XMLOutput) {
        self.output = output
        start = output.bytesWritten
    }

    /// `name:type` headers for free attribute columns, names made safe
    /// (`:` `,` `"` and white space become `_`) and kept apart from the
    /// fixed ones with an `attr_` prefix.
    static func attributeHeaders(_ columns: [AttributeColumn], reserved: [String]) -> [String] {
        let taken = Set(reserved.map { $0.split(separator: ":").first.map(String.init) ?? $0 })
        return columns.map { column in
            var name = String(column.name.map { ":,\"; \t\n\r".contains($0) ? "_" : $0 })
            if taken.contains(name) || name.isEmpty { name = "attr_" + name }
            switch column.kind {
            case .string: return name
            case .long: return name + ":long"
            case .double: return name + ":double"
            case .boolean: return name + ":boolean"
            }
        }
    }

    mutating func header(_ names: [String]) {
        for (i, name) in names.enumerated() {
            if i > 0 { output.write(byte: 0x2C) }
            output.write(Array(name.utf8))
        }
        output.write(byte: 0x0A)
    }

    mutating func string(_ value: String, first: Bool = false) {
        if !first { output.write(byte: 0x2C) }
        quoted(value, inArray: false)
    }

    mutating func optional(_ value: String?) {
        if let value, !value.isEmpty { string(value) } else { empty() }
    }

    mutating func array(_ values: [String]) {
        output.write(byte: 0x2C)
        let items = values.filter { !$0.isEmpty }
        guard !items.isEmpty else { return }
        output.write(byte: 0x22)
        for (i, item) in items.enumerated() {
            if i > 0 { output.write(byte: 0x3B) }
            escape(item, inArray: true)
        }
        output.write(byte: 0x22)
    }

    mutating func integer(_ value: Int) {
        output.write(byte: 0x2C)
        output.write(decimal: value)
    }

    /// A value known to need no quoting (numbers, booleans).
    mutating func raw(_ value: String) {
        output.write(byte: 0x2C)
        output.write(Array(value.utf8))
    }

    mutating func empty() { output.write(byte: 0x2C) }

    mutating func omitted() {
        omittedCount += 1
        empty()
    }

    mutating func endRow() { output.write(byte: 0x0A) }

    private mutating func quoted(_ value: String, inArray: Bool) {
        output.write(byte: 0x22)
        escape(value, inArray: inArray)
        output.write(byte: 0x22)
    }

    private mutating func escape(_ value: String, inArray: Bool) {
        var value = value
        let clean = value.withUTF8 { bytes -> Bool in
            for b in bytes where b < 0x20 || b == 0x22 || b == 0x7F || b == 0xEF || (inArray && b == 0x3B) {
                return false
            }
            output.write(UnsafeRawBufferPointer(bytes))
            return true
        }
        if !clean { escapeSlowly(value, inArray: inArray) }
    }

    private mutating func escapeSlowly(_ value: String, inArray: Bool) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar.value {
            case 0x22: bytes += [0x22, 0x22]
            case 0x0A, 0x0D:
                bytes.append(0x20)
                replaced += 1
            case 0x3B where inArray:
                bytes.append(0x2C)
                replaced += 1
            case 0x09: bytes.append(0x09)
            case 0x00...0x1F, 0x7F, 0xFFFE, 0xFFFF:
                bytes += [0xEF, 0xBF, 0xBD]
                replaced += 1
            default:
                UTF8.encode(scalar) { bytes.append($0) }
            }
        }
        output.write(bytes)
    }

    func report(_ format: OutputFormat, graph: CorpusGraph) -> SerializationReport {
        var report = SerializationReport(format: format, bytesWritten: output.bytesWritten - start,
                                         nodes: graph.nodes.count, edges: graph.edges.count,
                                         replacedCharacters: replaced, omittedValues: omittedCount)
        if replaced > 0 {
            report.warnings.append("\(replaced) character(s) were replaced for neo4j-admin import (line breaks as "
                + "spaces, ';' in lists as ',', control characters as U+FFFD).")
        }
        if omittedCount > 0 {
            report.warnings.append("\(omittedCount) value(s) that are not finite numbers (NaN, infinity) were left out.")
        }
        return report
    }
}
