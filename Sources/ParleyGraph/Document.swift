/// A document's identity within a corpus graph: its position in the sorted
/// list of documents, so ids do not depend on the order work finished in.
public struct DocumentID: RawRepresentable, Hashable, Comparable, Sendable {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }
    public init(_ value: Int) { self.rawValue = Int32(value) }
    public static func < (a: DocumentID, b: DocumentID) -> Bool { a.rawValue < b.rawValue }
}

/// What is known about a source document, carried into every format.
public struct DocumentInfo: Hashable, Sendable {
    /// The name users see and the scorer matches: the file name (`000_x.txt`).
    public var name: String
    /// The path the document was read from, as given on the command line.
    public var path: String
    public var title: String?
    public var url: String?
    /// Publication date as written by the source (ISO 8601 when known).
    public var date: String?

    public init(name: String, path: String, title: String? = nil, url: String? = nil, date: String? = nil) {
        self.name = name
        self.path = path
        self.title = title
        self.url = url
        self.date = date
    }
}
