import ParleyGraph
import ParleyXML

/// Why a file could not be read back into a graph.
public enum GraphReadError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file is not well-formed XML, or could not be read.
    case xml(XMLError)
    /// Well-formed, but not what Parley writes (`what` says which part is missing or wrong).
    case notParleyOutput(file: String, line: Int, what: String)

    public var description: String {
        switch self {
        case .xml(let error): return error.description
        case let .notParleyOutput(file, line, what):
            return "\(file)\(line > 0 ? ":\(line)" : ""): not a graph written by Parley: \(what)"
        }
    }
}

/// Reads a GraphML file written by `GraphMLSerializer` back into a
/// `CorpusGraph`, for `parley convert`. Columns are found by their
/// `attr.name` (not their ids), so a file re-saved by NetworkX or yEd with
/// other key ids still reads.
///
/// What comes back: every node with its key, type, category, label,
/// aliases (from `aliases_json`), mention count, documents and free
/// attributes typed by their key's `attr.type`; every edge with its full
/// provenance. GraphML has no list of documents: they are rebuilt from the
/// edges' `document` (with `document_title`, `document_url`,
/// `document_date`, `document_path` when written) and the nodes'
/// `documents_json`, in order of first appearance, which is the graph's
/// order for every document that gives an edge.
///
/// Not supported: documents no node or edge names (they are not in the
/// file), values written empty (left out by the writer), an integer
/// attribute in a column that also holds decimals (it comes back a
/// double), and GraphML from other tools (it lacks the `key` and
/// `relation` columns).
public struct GraphMLReader: Sendable {
    public init() {}

    static let graphml = "http://graphml.graphdrawing.org/xmlns"

    public func read(contentsOf path: String) throws(GraphReadError) -> CorpusGraph {
        let tree: XMLTree
        do { tree = try XMLReader.parse(contentsOf: path) } catch { throw .xml(error) }
        return try read(tree)
    }

    public func read(_ tree: XMLTree) throws(GraphReadError) -> CorpusGraph {
        let root = tree.root
        guard root.localName == "graphml" else {
            throw .notParleyOutput(file: tree.name, line: root.line, what: "the root element is <\(root.qualifiedName)>")
        }
        var keys: Keys = [:]
        for key in root.elements where key.localName == "key" {
            guard let id = key.value(of: "id"), let name = key.value(of: "attr.name") else { continue }
            keys[id] = (name, key.value(of: "attr.type") ?? "string")
        }
        guard let graph = root.elements.first(where: { $0.localName == "graph" }) else {
            throw .notParleyOutput(file: tree.name, line: root.line, what: "no <graph> element")
        }
        var (nodes, nodeKeys, nodeDocuments) = try self.nodes(graph, keys: keys, file: tree.name)
        var documents = DocumentTable()
        let edges = try self.edges(graph, keys: keys, nodeKeys: nodeKeys, documents: &documents, file: tree.name)
        for (i, names) in nodeDocuments.enumerated() {
            nodes[i].documents = names.map { documents.id(of: DocumentInfo(name: $0, path: $0)) }.sorted()
        }
        return CorpusGraph(documents: documents.infos, nodes: nodes, edges: edges)
    }

    /// Key id → (`attr.name`, `attr.type`).
    typealias Keys = [String: (name: String, type: String)]

    /// The nodes, their GraphML ids → keys, and each node's document names.
    private func nodes(_ graph: XMLElement, keys: Keys, file: String) throws(GraphReadError)
        -> ([Node], [String: NodeKey], [[String]]) {
        var nodes: [Node] = []
        var nodeKeys: [String: NodeKey] = [:]
        var documents: [[String]] = []
        for element in graph.elements where element.localName == "node" {
            let data = Self.data(of: element, keys: keys)
            guard let id = element.value(of: "id"), let key = data["key"]?.value, let type = data["type"]?.value else {
                throw .notParleyOutput(file: file, line: element.line, what: "a node without id, key or type")
            }
            nodeKeys[id] = NodeKey(rawValue: key)
            var node = Node(key: NodeKey(rawValue: key), type: NodeType(type), label: data["label"]?.value ?? "",
                            aliases: JSONStrings.decode(data["aliases_json"]?.value ?? "[]") ?? [],
                            mentionCount: Int(data["mentions"]?.value ?? "") ?? 0)
            if let category = data["category"]?.value, category != type {
                node.attributes["category"] = .string(category)
            }
            for (name, value) in data where !Self.fixedNodeColumns.contains(name) {
                let attribute = name.hasPrefix("attr_") && Self.fixedNodeColumns.contains(String(name.dropFirst(5)))
                    ? String(name.dropFirst(5)) : name
                node.attributes[attribute] = Self.value(value.value, type: value.type)
            }
            documents.append(JSONStrings.decode(data["documents_json"]?.value ?? "[]") ?? [])
            nodes.append(node)
        }
        return (nodes, nodeKeys, documents)
    }

    private func edges(_ graph: XMLElement, keys: Keys, nodeKeys: [String: NodeKey], documents: inout DocumentTable,
                       file: String) throws(GraphReadError) -> [Edge] {
        var edges: [Edge] = []
        for element in graph.elements where element.localName == "edge" {
            let data = Self.data(of: element, keys: keys)
            func text(_ name: String) -> String? { data[name]?.value }
            guard let source = element.value(of: "source").flatMap({ nodeKeys[$0] }),
                  let target = element.value(of: "target").flatMap({ nodeKeys[$0] }),
                  let relation = text("relation"), let document = text("document") else {
                throw .notParleyOutput(file: file, line: element.line,
                                       what: "an edge without known ends, relation or document")
            }
            let id = documents.id(of: DocumentInfo(
                name: document, path: text("document_path") ?? document, title: text("document_title"),
                url: text("document_url"), date: text("document_date")))
            let provenance = Provenance(
                document: id, sentence: Int32(text("sentence") ?? "") ?? 0, start: Int32(text("start") ?? "") ?? 0,
                end: Int32(text("end") ?? "") ?? 0, evidence: text("evidence") ?? "",
                confidence: Double(text("confidence") ?? "") ?? .nan,
                modality: Modality(rawValue: text("modality") ?? "") ?? .asserted, negated: text("negated") == "true",
                trigger: text("trigger") ?? "", attribution: text("attribution"))
            edges.append(Edge(relation: RelationName(relation), source: source, target: target, provenance: provenance))
        }
        return edges
    }

    /// Node columns the writer always declares; any other is a free attribute.
    static let fixedNodeColumns: Set<String> = [
        "key", "type", "label", "name", "category", "aliases", "aliases_json", "mentions", "documents",
        "documents_json", "iri",
    ]

    /// `attr.name` → (text, `attr.type`) of an element's `<data>` children.
    static func data(of element: XMLElement, keys: Keys)
        -> [String: (value: String, type: String)] {
        var result: [String: (value: String, type: String)] = [:]
        for data in element.elements where data.localName == "data" {
            guard let id = data.value(of: "key"), let key = keys[id] else { continue }
            result[key.name] = (data.text, key.type)
        }
        return result
    }

    static func value(_ text: String, type: String) -> AttributeValue {
        switch type {
        case "int", "long": return Int(text).map(AttributeValue.int) ?? .string(text)
        case "float", "double": return Double(text).map(AttributeValue.double) ?? .string(text)
        case "boolean": return .bool(text == "true")
        default: return .string(text)
        }
    }
}

/// Documents by name in order of first appearance, keeping the first
/// metadata seen and filling what is missing from later sightings.
struct DocumentTable {
    private(set) var infos: [DocumentInfo] = []
    private var byName: [String: Int] = [:]

    mutating func id(of info: DocumentInfo) -> DocumentID {
        if let i = byName[info.name] {
            if infos[i].title == nil { infos[i].title = info.title }
            if infos[i].url == nil { infos[i].url = info.url }
            if infos[i].date == nil { infos[i].date = info.date }
            if infos[i].path == infos[i].name { infos[i].path = info.path }
            return DocumentID(i)
        }
        byName[info.name] = infos.count
        infos.append(info)
        return DocumentID(infos.count - 1)
    }
}

/// The JSON arrays of strings `JSONList` writes, read back.
enum JSONStrings {
    static func decode(_ text: String) -> [String]? {
        var scalars = Array(text.unicodeScalars)[...]
        func skipSpace() { while let c = scalars.first, c == " " || c == "\n" || c == "\t" || c == "\r" { scalars.removeFirst() } }
        skipSpace()
        guard scalars.popFirst() == "[" else { return nil }
        var items: [String] = []
        skipSpace()
        if scalars.first == "]" { return items }
        while true {
            skipSpace()
            guard scalars.popFirst() == "\"" else { return nil }
            var item = String.UnicodeScalarView()
            while true {
                guard let c = scalars.popFirst() else { return nil }
                if c == "\"" { break }
                if c != "\\" { item.append(c); continue }
                guard let e = scalars.popFirst() else { return nil }
                switch e {
                case "n": item.append("\n")
                case "r": item.append("\r")
                case "t": item.append("\t")
                case "b": item.append("\u{8}")
                case "f": item.append("\u{C}")
                case "u":
                    guard scalars.count >= 4, let v = UInt32(String(String.UnicodeScalarView(scalars.prefix(4))), radix: 16)
                    else { return nil }
                    scalars.removeFirst(4)
                    var value = v
                    // A surrogate pair.
                    if (0xD800...0xDBFF).contains(v), scalars.count >= 6, scalars.first == "\\" {
                        let low = UInt32(String(String.UnicodeScalarView(scalars.dropFirst(2).prefix(4))), radix: 16) ?? 0
                        if (0xDC00...0xDFFF).contains(low) {
                            value = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
                            scalars.removeFirst(6)
                        }
                    }
                    item.append(Unicode.Scalar(value) ?? "\u{FFFD}")
                default: item.append(e)
                }
            }
            items.append(String(item))
            skipSpace()
            guard let next = scalars.popFirst() else { return nil }
            if next == "]" { return items }
            guard next == "," else { return nil }
        }
    }
}
