import Foundation
import ParleyGraph

/// Why a document could not be read. Each case names the file, so one bad
/// document is reported and the others still go through.
public enum DocumentReadError: Error, Equatable, CustomStringConvertible {
    case notFound(path: String)
    case unreadable(path: String, reason: String)
    case binary(path: String)
    case empty(path: String)

    public var description: String {
        switch self {
        case .notFound(let path): return "\(path): no such file or folder"
        case .unreadable(let path, let reason): return "\(path): cannot be read: \(reason)"
        case .binary(let path): return "\(path): looks like a binary file, not text; skipped"
        case .empty(let path): return "\(path): holds no text; skipped"
        }
    }
}

/// A note about a document that was read, but not as written.
public struct DocumentWarning: Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
}

/// Reads article files: finds them (files and folders of `.txt`/`.md`),
/// decodes their bytes and normalises line ends.
public struct DocumentReader: Sendable {
    /// File name extensions read from folders.
    public var extensions: Set<String> = ["txt", "md"]

    public init() {}

    /// The article files named by `inputs`: files as given, folders searched
    /// recursively, sorted by path so the corpus order never depends on the
    /// file system. Missing paths are returned as errors.
    public func collect(_ inputs: [String]) -> (files: [String], errors: [DocumentReadError]) {
        var files: [String] = []
        var errors: [DocumentReadError] = []
        let fm = FileManager.default
        for input in inputs {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: input, isDirectory: &isDirectory) else {
                errors.append(.notFound(path: input))
                continue
            }
            guard isDirectory.boolValue else {
                files.append(input)
                continue
            }
            guard let walker = fm.enumerator(atPath: input) else {
                errors.append(.unreadable(path: input, reason: "folder cannot be listed"))
                continue
            }
            var found: [String] = []
            while let relative = walker.nextObject() as? String {
                let ext = (relative as NSString).pathExtension.lowercased()
                guard extensions.contains(ext) else { continue }
                found.append((input as NSString).appendingPathComponent(relative))
            }
            files.append(contentsOf: found.sorted())
        }
        return (files, errors)
    }

    /// Reads one file into a document.
    public func read(path: String) throws(DocumentReadError) -> (SourceDocument, [DocumentWarning]) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            if !FileManager.default.fileExists(atPath: path) { throw .notFound(path: path) }
            throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        let name = (path as NSString).lastPathComponent
        let (text, warnings) = try decode(data, path: path)
        let info = DocumentInfo(name: name, path: path)
        return (SourceDocument(info: info, text: text), warnings)
    }

    /// Bytes to text: UTF-8 (a BOM is dropped), UTF-16 with a BOM, else
    /// Windows-1252 with a warning. CRLF and lone CR become LF; NUL bytes
    /// are dropped.
    public func decode(_ data: Data, path: String) throws(DocumentReadError) -> (String, [DocumentWarning]) {
        var warnings: [DocumentWarning] = []
        let bytes = [UInt8](data)
        var text: String
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            guard let decoded = String(data: data, encoding: .utf16) else {
                throw .unreadable(path: path, reason: "starts with a UTF-16 byte order mark but is not UTF-16")
            }
            text = decoded
            warnings.append(DocumentWarning(path: path, message: "transcoded from UTF-16"))
        } else {
            let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
            if DocumentReader.looksBinary(body) { throw .binary(path: path) }
            if let decoded = String(validating: body, as: UTF8.self) {
                text = decoded
            } else {
                text = String(decoding: body.map { $0 }, as: Windows1252.self)
                warnings.append(DocumentWarning(path: path, message: "not valid UTF-8; read as Windows-1252"))
            }
        }
        if text.unicodeScalars.contains("\0") {
            text.unicodeScalars.removeAll { $0 == "\0" }
            warnings.append(DocumentWarning(path: path, message: "NUL characters removed"))
        }
        if text.contains("\r") {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        if text.allSatisfy(\.isWhitespace) { throw .empty(path: path) }
        return (text, warnings)
    }

    /// A file whose first 8 KiB hold NULs outside a UTF-16 pattern, or are
    /// mostly control bytes, is taken for binary (an image renamed `.txt`).
    static func looksBinary(_ bytes: [UInt8]) -> Bool {
        let head = bytes.prefix(8192)
        guard !head.isEmpty else { return false }
        let controls = head.filter { $0 < 0x09 || ($0 > 0x0D && $0 < 0x20) }.count
        return controls * 10 > head.count
    }
}

/// Windows-1252, the usual encoding of text that is not UTF-8; its
/// 0x80-0x9F range holds curly quotes and dashes, unlike Latin-1.
enum Windows1252: Unicode.Encoding {
    typealias CodeUnit = UInt8
    typealias EncodedScalar = CollectionOfOne<UInt8>
    static let encodedReplacementCharacter = CollectionOfOne<UInt8>(0x3F)

    private static let high: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ]

    static func decode(_ content: EncodedScalar) -> Unicode.Scalar {
        let b = content.first!
        if b >= 0x80 && b < 0xA0 { return Unicode.Scalar(high[Int(b - 0x80)])! }
        return Unicode.Scalar(b)
    }

    static func encode(_ content: Unicode.Scalar) -> EncodedScalar? {
        content.value < 0x80 ? CollectionOfOne(UInt8(content.value)) : nil
    }

    struct Parser: Unicode.Parser {
        typealias Encoding = Windows1252
        init() {}
        mutating func parseScalar<I: IteratorProtocol>(from input: inout I) -> Unicode.ParseResult<EncodedScalar>
            where I.Element == UInt8 {
            guard let b = input.next() else { return .emptyInput }
            return .valid(CollectionOfOne(b))
        }
    }
    typealias ForwardParser = Parser
    typealias ReverseParser = Parser
}
