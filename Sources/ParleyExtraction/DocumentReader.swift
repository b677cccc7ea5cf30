import Foundation
import ParleyGraph
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a document could not be read. Each case names the file, so one bad
/// document is reported and the others still go through.
public enum DocumentReadError: Error, Hashable, Sendable, CustomStringConvertible {
    case notFound(path: String)
    /// The system refused to open, list or read it (`reason` is its message).
    case unreadable(path: String, reason: String)
    case binary(path: String)
    /// Zero bytes, or nothing but white space.
    case empty(path: String)
    /// A symbolic link whose target does not exist.
    case brokenLink(path: String, target: String)
    /// Symbolic links that point at each other and never reach a file.
    case linkLoop(path: String)
    /// A symbolic link inside an input folder whose target lies outside it:
    /// not followed, so a folder from elsewhere cannot pull in any file of
    /// the machine (`~/.ssh/id_rsa.txt`). Name the target itself to read it.
    case linkOutsideFolder(path: String, target: String, folder: String)
    /// A FIFO, socket or device: reading it could block or never end.
    case notRegularFile(path: String, kind: String)
    /// Larger than `DocumentReader.maximumFileSize`; `size` is what was seen.
    case tooLarge(path: String, size: Int, limit: Int)

    /// The file or folder at fault.
    public var path: String {
        switch self {
        case .notFound(let path), .unreadable(let path, _), .binary(let path), .empty(let path),
             .brokenLink(let path, _), .linkLoop(let path), .linkOutsideFolder(let path, _, _),
             .notRegularFile(let path, _), .tooLarge(let path, _, _):
            return path
        }
    }

    public var description: String {
        switch self {
        case .notFound(let path): return "\(path): no such file or folder"
        case .unreadable(let path, let reason): return "\(path): cannot be read: \(reason)"
        case .binary(let path): return "\(path): looks like a binary file, not text; skipped"
        case .empty(let path): return "\(path): holds no text; skipped"
        case .brokenLink(let path, let target):
            return "\(path): broken symbolic link (its target \(target) does not exist); skipped"
        case .linkLoop(let path): return "\(path): symbolic link loop (the links never reach a file); skipped"
        case .linkOutsideFolder(let path, let target, let folder):
            return "\(path): symbolic link to \(target), outside the folder \(folder); not followed "
                + "(name the file itself to read it)"
        case .notRegularFile(let path, let kind): return "\(path): is a \(kind), not a regular file; skipped"
        case .tooLarge(let path, let size, let limit):
            return "\(path): \(DocumentReader.megabytes(size)) is over the limit of \(DocumentReader.megabytes(limit)) "
                + "for one article; skipped (split it into articles)"
        }
    }
}

/// A note about a document that was read, but not as written, or about an
/// input folder entry that was passed over on purpose.
public struct DocumentWarning: Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
    public var description: String { "\(path): \(message)" }
}

/// What `DocumentReader.gather(_:)` found: the files to read, in order, the
/// inputs that cannot be read, and the entries passed over on purpose.
public struct DocumentInputs: Sendable {
    public var files: [String] = []
    public var errors: [DocumentReadError] = []
    public var warnings: [DocumentWarning] = []
    public init() {}
}

/// Reads article files: finds them (files and folders of `.txt`/`.md`),
/// decodes their bytes and normalises line ends.
///
/// Nothing it is given can make it hang, recurse without end or read a file
/// it was not pointed at: folders are walked without recursion, each folder
/// once (symbolic links to folders already walked are loops and are not
/// followed), symbolic links are followed only to targets inside the input
/// folder, FIFOs, sockets and devices are never opened for reading, and a
/// file over `maximumFileSize` is refused before it is read.
public struct DocumentReader: Sendable {
    /// File name extensions read from folders.
    public var extensions: Set<String> = ["txt", "md"]
    /// The largest file read, in bytes (64 MiB: a news article is a few KiB;
    /// a file this large is a corpus to split, or not an article at all).
    public var maximumFileSize = 64 << 20
    /// Whether symbolic links inside an input folder may lead outside it.
    public var followsLinksOutsideFolders = false

    public init() {}

    /// The article files named by `inputs`: files as given, folders searched
    /// recursively, sorted by path so the corpus order never depends on the
    /// file system. Missing paths are returned as errors.
    public func collect(_ inputs: [String]) -> (files: [String], errors: [DocumentReadError]) {
        let found = gather(inputs)
        return (found.files, found.errors)
    }

    /// `collect(_:)` with the warnings: folder links not followed because
    /// they loop, and files reached twice (read once).
    public func gather(_ inputs: [String]) -> DocumentInputs {
        var walk = FolderWalk(extensions: extensions, followsLinksOutside: followsLinksOutsideFolders)
        for input in inputs { walk.add(input) }
        return walk.found
    }

    /// Reads one file into a document.
    public func read(path: String) throws(DocumentReadError) -> (SourceDocument, [DocumentWarning]) {
        let data = try FileBytes.contents(of: path, limit: maximumFileSize)
        let (text, warnings) = try decode(data, path: path)
        let info = DocumentInfo(name: (path as NSString).lastPathComponent, path: path)
        return (SourceDocument(info: info, text: text), warnings)
    }

    /// Bytes to text: UTF-8 (a BOM is dropped), UTF-16 or UTF-32 with a BOM,
    /// UTF-16 without one when its zero bytes give it away, else Windows-1252
    /// for the bytes that are not UTF-8, with a warning. CRLF and lone CR
    /// become LF; NUL characters are dropped. Linear in the input.
    public func decode(_ data: Data, path: String) throws(DocumentReadError) -> (String, [DocumentWarning]) {
        var warnings: [DocumentWarning] = []
        let bytes = [UInt8](data)
        var utf8: [UInt8]
        if let unicode = TextDecoding.unicodeWithBOM(bytes) ?? TextDecoding.utf16WithoutBOM(bytes) {
            utf8 = unicode.text.utf8
            warnings.append(DocumentWarning(path: path, message: "transcoded from \(unicode.name)"
                + (unicode.text.repaired ? "; invalid sequences replaced by U+FFFD" : "")))
            if DocumentReader.looksBinary(utf8) { throw .binary(path: path) }
        } else {
            let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
            if DocumentReader.looksBinary(body) { throw .binary(path: path) }
            let (converted, foreign, multibyte) = TextDecoding.utf8OrWindows1252(body)
            utf8 = converted
            if foreign > 0 {
                warnings.append(DocumentWarning(path: path, message: multibyte == 0
                    ? "not valid UTF-8; read as Windows-1252"
                    : "mixed encodings: \(foreign) bytes that are not UTF-8 read as Windows-1252"))
            }
        }
        let removedNULs = TextDecoding.normalizeLineEndsAndNULs(&utf8)
        if removedNULs > 0 {
            warnings.append(DocumentWarning(path: path, message: "NUL characters removed"))
        }
        let text = String(decoding: utf8, as: UTF8.self)
        if TextDecoding.isBlank(utf8, text) { throw .empty(path: path) }
        return (text, warnings)
    }

    /// Taken for binary (an image renamed `.txt`): a known binary signature,
    /// or, in the first 8 KiB, more than 8 control bytes other than tab, LF,
    /// VT, FF and CR, and more than 2 % of them. Compressed data holds about
    /// 10 %, text none; a few NULs in text stay under the bar and are removed.
    static func looksBinary(_ bytes: [UInt8]) -> Bool {
        if TextDecoding.binarySignatures.contains(where: { bytes.starts(with: $0) }) { return true }
        let head = bytes.prefix(8192)
        guard !head.isEmpty else { return false }
        var controls = 0
        for b in head where b < 0x09 || (b > 0x0D && b < 0x20) { controls += 1 }
        return controls > 8 && controls * 50 > head.count
    }

    /// `12.5 MiB`, for messages.
    static func megabytes(_ bytes: Int) -> String {
        let tenths = (bytes * 10 + (1 << 19)) >> 20
        return "\(tenths / 10).\(tenths % 10) MiB"
    }
}
