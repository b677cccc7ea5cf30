/// Why a document could not be read. Every case says where: the file (or
/// the name given to the reader) and, for bad input, the line and column
/// libxml2 reported with its own message.
public enum XMLError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file could not be opened or read.
    case unreadable(file: String, reason: String)
    /// The input is not well-formed XML (or not namespace-well-formed), or it
    /// uses a construct the reader refuses, such as an entity expansion loop.
    case malformed(file: String, line: Int, column: Int, message: String)
    /// The input has no root element (empty input, only a prolog).
    case empty(file: String)

    public var file: String {
        switch self {
        case .unreadable(let file, _), .malformed(let file, _, _, _), .empty(let file): return file
        }
    }

    /// The line of the problem, 0 when unknown.
    public var line: Int {
        if case .malformed(_, let line, _, _) = self { return line }
        return 0
    }

    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            return "\(file): cannot read: \(reason)"
        case .malformed(let file, let line, let column, let message):
            return "\(file):\(line):\(column): malformed XML: \(message)"
        case .empty(let file):
            return "\(file): no root element"
        }
    }
}
