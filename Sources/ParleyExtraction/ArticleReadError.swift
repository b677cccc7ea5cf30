/// Why an input, or part of one, gave no article. Each case names the file
/// (and the line, for JSON Lines), so one bad input is reported and the
/// others still go through.
public enum ArticleReadError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file could not be read as text (missing, binary, empty, too large…).
    case document(DocumentReadError)
    /// A feed that is not well-formed XML; `line` is 0 when unknown.
    case malformedFeed(path: String, line: Int, message: String)
    /// An `.xml` / `.rss` / `.atom` file whose root is not `rss`, Atom's
    /// `feed` or RSS 1.0's `rdf:RDF`.
    case notAFeed(path: String, root: String)
    /// A feed without a single item or entry that holds text.
    case emptyFeed(path: String)
    /// An HTML page in which no article text was found.
    case noArticleText(path: String)
    /// One line of a JSON Lines file (1-based); the other lines are read.
    case badLine(path: String, line: Int, reason: String)

    /// The file at fault (`-` for standard input).
    public var path: String {
        switch self {
        case .document(let error): return error.path
        case .malformedFeed(let path, _, _), .notAFeed(let path, _), .emptyFeed(let path),
             .noArticleText(let path), .badLine(let path, _, _):
            return path
        }
    }

    public var description: String {
        switch self {
        case .document(let error):
            return error.description
        case let .malformedFeed(path, line, message):
            return "\(path)\(line > 0 ? ":\(line)" : ""): not a well-formed feed: \(message); skipped"
        case let .notAFeed(path, root):
            return "\(path): not an RSS or Atom feed (the root element is <\(root)>); skipped"
        case .emptyFeed(let path):
            return "\(path): the feed has no item or entry with text; skipped"
        case .noArticleText(let path):
            return "\(path): no article text found in the page (is its text built by scripts?); skipped"
        case let .badLine(path, line, reason):
            return "\(path):\(line): \(reason); line skipped"
        }
    }
}

/// What reading inputs gave: the documents in input order, what was
/// passed over with a note, and what could not be read.
public struct ArticleBatch: Sendable {
    public var documents: [SourceDocument] = []
    public var warnings: [DocumentWarning] = []
    public var errors: [ArticleReadError] = []
    public init() {}

    mutating func append(_ other: ArticleBatch) {
        documents += other.documents
        warnings += other.warnings
        errors += other.errors
    }
}
