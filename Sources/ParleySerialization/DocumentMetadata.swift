import ParleyGraph
import ParleyXML

/// What GraphML and DOT say about an edge's document besides its name: the
/// title, link, publication date and path that `DocumentInfo` carries
/// (from saved pages, feeds and dumps), so a Gephi or NetworkX user can
/// filter evidence by date or open the article, and a DOT tooltip says
/// where a sentence was read. RDF/XML, N-Triples and Turtle carry the same
/// on the document resources (`dcterms:title`, `schema:url`,
/// `dcterms:date`, `parley:documentPath`), the Neo4j CSV on each
/// relationship.
enum DocumentMetadata {
    /// GraphML edge columns: (key id, `attr.name`, value).
    static let graphMLColumns: [(id: String, name: String, value: @Sendable (DocumentInfo) -> String?)] = [
        ("e_document_title", "document_title", { $0.title }),
        ("e_document_url", "document_url", { $0.url }),
        ("e_document_date", "document_date", { $0.date }),
        ("e_document_path", "document_path", { $0.path }),
    ]

    /// The columns some document of `graph` has a value for: a file of
    /// plain text articles gets no empty title, link or date column.
    static func graphMLKeys(_ graph: CorpusGraph) -> [(id: String, name: String)] {
        graphMLColumns.filter { column in
            graph.documents.contains { !(column.value($0) ?? "").isEmpty }
        }.map { ($0.id, $0.name) }
    }

    /// Per document, its `<data>` lines for the columns `keys` declares,
    /// escaped once; written after each edge's `document`.
    static func graphMLData(_ graph: CorpusGraph, keys: [(id: String, name: String)], output: XMLOutput) -> [[UInt8]] {
        let columns = graphMLColumns.filter { column in keys.contains { $0.id == column.id } }
        return graph.documents.map { document in
            var bytes: [UInt8] = []
            for column in columns {
                guard let value = column.value(document), !value.isEmpty else { continue }
                bytes += Array("      <data key=\"\(column.id)\">".utf8)
                bytes += output.escapedBytes(value, attribute: false)
                bytes += Array("</data>\n".utf8)
            }
            return bytes
        }
    }

    /// How a DOT tooltip names a document: `file, “Title”, 2024-11-21`
    /// (only the name when there is nothing more).
    static func dotTooltip(_ document: DocumentInfo) -> String {
        var text = document.name
        if let title = document.title, !title.isEmpty { text += ", \u{201C}" + title + "\u{201D}" }
        if let date = document.date, !date.isEmpty { text += ", " + date }
        return text
    }
}
