import Foundation
import ParleyGraph
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Articles from a JSON Lines dump (https://jsonlines.org/): one JSON
/// object per line with `id` (a string or an integer) and `text`, and
/// optionally `title`, `url` and `date` (strings). The document's name is
/// its `id`.
///
/// The file is read line by line, so a dump of any size is never held
/// whole. A bad line (not JSON, not an object, no `id` or `text`, a field of
/// the wrong type, a blank text, an `id` seen before in the file) is an
/// error naming the file and the line; the other lines are still read.
/// Blank lines are skipped. The text is normalised like a `.txt` file
/// (line ends, NUL characters).
///
/// Not supported: JSON arrays of articles (use one object per line), other
/// field names, nested metadata.
struct JSONLinesArticles {
    let path: String
    let reader: DocumentReader

    /// One line's article, as written.
    struct Record: Decodable {
        var id: String
        var text: String
        var title: String?
        var url: String?
        var date: String?

        enum CodingKeys: String, CodingKey { case id, text, title, url, date }

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            if let number = try? c.decode(Int.self, forKey: .id) {
                id = String(number)
            } else {
                id = try c.decode(String.self, forKey: .id)
            }
            text = try c.decode(String.self, forKey: .text)
            title = try c.decodeIfPresent(String.self, forKey: .title)
            url = try c.decodeIfPresent(String.self, forKey: .url)
            date = try c.decodeIfPresent(String.self, forKey: .date)
        }
    }

    /// Reads every line `lines` gives.
    func read(_ lines: inout LineReader) -> ArticleBatch {
        var batch = ArticleBatch()
        var firstLine: [String: Int] = [:]
        let decoder = JSONDecoder()
        while let (number, line) = lines.next() {
            switch line {
            case .tooLong(let size):
                batch.errors.append(.badLine(path: path, line: number,
                                             reason: "\(DocumentReader.megabytes(size)) is over the limit for one article"))
            case .bytes(var bytes):
                if number == 1 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
                guard bytes.contains(where: { !LineReader.isJSONSpace($0) }) else { continue }
                do {
                    let record = try decoder.decode(Record.self, from: Data(bytes))
                    guard !record.id.trimmingCharacters(in: .whitespaces).isEmpty else {
                        throw LineProblem("\"id\" is empty")
                    }
                    if let first = firstLine[record.id] {
                        throw LineProblem("id \"\(record.id)\" was already used on line \(first)")
                    }
                    let (text, warnings) = try decodeText(record.text, line: number)
                    firstLine[record.id] = number
                    let info = DocumentInfo(name: record.id, path: path, title: blankToNil(record.title),
                                            url: blankToNil(record.url),
                                            date: blankToNil(record.date).map(ArticleDate.normalize))
                    batch.documents.append(SourceDocument(info: info, text: text))
                    batch.warnings += warnings
                } catch {
                    batch.errors.append(.badLine(path: path, line: number, reason: Self.reason(error)))
                }
            }
        }
        return batch
    }

    private func decodeText(_ text: String, line: Int) throws -> (String, [DocumentWarning]) {
        do {
            return try reader.decode(Data(text.utf8), path: "\(path):\(line)")
        } catch .empty {
            throw LineProblem("\"text\" holds no text")
        } catch {
            throw LineProblem("\"text\" is not text (\(error))")
        }
    }

    private func blankToNil(_ value: String?) -> String? {
        guard let value, !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return value.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// What a user reads for a failed line.
    static func reason(_ error: Error) -> String {
        switch error {
        case let problem as LineProblem:
            return problem.message
        case DecodingError.keyNotFound(let key, _):
            return "no \"\(key.stringValue)\" field"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            if let key = context.codingPath.last {
                return "\"\(key.stringValue)\" is not " + (key.stringValue == "id" ? "a string or an integer" : "a string")
            }
            return "not a JSON object"
        case DecodingError.dataCorrupted:
            return "not valid JSON"
        default:
            return "not valid JSON (\(error))"
        }
    }

    struct LineProblem: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }
}

/// Lines of a file descriptor or of bytes in memory, numbered from 1, read
/// in chunks; a line longer than `limit` is reported, not kept.
struct LineReader {
    enum Line {
        case bytes([UInt8])
        case tooLong(Int)
    }

    private let fd: Int32
    private var buffer: [UInt8]
    private var start = 0
    private var atEnd: Bool
    private var number = 0
    private let limit: Int

    /// Reads `fd` (which the caller closes) to its end.
    init(fileDescriptor fd: Int32, limit: Int) {
        self.fd = fd
        self.buffer = []
        self.atEnd = false
        self.limit = limit
    }

    init(bytes: [UInt8], limit: Int) {
        self.fd = -1
        self.buffer = bytes
        self.atEnd = true
        self.limit = limit
    }

    mutating func next() -> (Int, Line)? {
        var skipped = 0
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                let line = Array(buffer[start..<newline])
                start = newline + 1
                number += 1
                if skipped > 0 || line.count > limit { return (number, .tooLong(skipped + line.count)) }
                return (number, .bytes(line))
            }
            if atEnd {
                guard start < buffer.count || skipped > 0 else { return nil }
                let line = Array(buffer[start...])
                start = buffer.count
                number += 1
                if skipped > 0 || line.count > limit { return (number, .tooLong(skipped + line.count)) }
                return (number, .bytes(line))
            }
            // Keep the unfinished line, drop what was consumed, read more.
            buffer.removeSubrange(0..<start)
            start = 0
            if buffer.count > limit {
                skipped += buffer.count
                buffer.removeAll(keepingCapacity: true)
            }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 {
                atEnd = true
            } else {
                buffer.append(contentsOf: chunk[0..<n])
            }
        }
    }

    static func isJSONSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
}
