import Foundation
import ParleyGraph
import ParleyXML
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads articles in the forms users have them: plain text and Markdown,
/// saved web pages, RSS and Atom feeds, JSON Lines dumps, and standard
/// input. One file gives one document (a page, a text) or many (a feed, a
/// dump); every document's name is unique in the batch and stable from run
/// to run.
///
/// Files are found by `DocumentReader` (same safety rules: no link leaves
/// its folder, no FIFO is opened, nothing over the size limit is read) and
/// told apart by their extension:
/// - `.txt`, `.md` and files named directly with another extension: text,
///   read by `DocumentReader.read(path:)`;
/// - `.html`, `.htm`: a saved page, see `HTMLArticle`;
/// - `.xml`, `.rss`, `.atom`: a feed, see `FeedArticles`;
/// - `.jsonl`, `.ndjson`: a dump, see `JSONLinesArticles`;
/// - `-`: standard input, JSON Lines when its first character is `{`,
///   else one text document named `stdin`.
///
/// A name met twice (two `x.txt` in different folders, one id in two dumps)
/// is kept for the first document; the later one becomes `x.txt#2` and a
/// warning says so.
public struct ArticleReader: Sendable {
    /// How a file is read.
    public enum Format: String, Sendable, CaseIterable {
        case text, html, feed, jsonLines
    }

    /// Every extension read from folders.
    public static let extensions: Set<String> = ["txt", "md", "html", "htm", "xml", "rss", "atom", "jsonl", "ndjson"]

    /// Finds and decodes files; its `extensions` are set to `ArticleReader.extensions`.
    public var documentReader: DocumentReader
    /// Standard input's bytes, asked for once when an input is `-`.
    public var standardInput: @Sendable () -> Data

    public init(documentReader: DocumentReader = DocumentReader(),
                standardInput: @escaping @Sendable () -> Data = { FileHandle.standardInput.readDataToEndOfFile() }) {
        var reader = documentReader
        reader.extensions = Self.extensions
        self.documentReader = reader
        self.standardInput = standardInput
    }

    /// The format of the file at `path`, by its extension.
    public static func format(ofPath path: String) -> Format {
        switch (path as NSString).pathExtension.lowercased() {
        case "html", "htm", "xhtml": return .html
        case "xml", "rss", "atom": return .feed
        case "jsonl", "ndjson": return .jsonLines
        default: return .text
        }
    }

    /// The files named by `inputs` (folders searched recursively, in path
    /// order), `-` kept where it stands.
    public func gather(_ inputs: [String]) -> DocumentInputs {
        var found = DocumentInputs()
        var pending: [String] = []
        func flush() {
            guard !pending.isEmpty else { return }
            let part = documentReader.gather(pending)
            found.files += part.files
            found.errors += part.errors
            found.warnings += part.warnings
            pending = []
        }
        for input in inputs {
            if input == "-" {
                flush()
                found.files.append("-")
            } else {
                pending.append(input)
            }
        }
        flush()
        return found
    }

    /// Reads everything `inputs` names; `progress` is told after each file
    /// (files done, files in all).
    public func read(_ inputs: [String], progress: ((_ done: Int, _ total: Int) -> Void)? = nil) -> ArticleBatch {
        let found = gather(inputs)
        var batch = ArticleBatch()
        batch.errors = found.errors.map { .document($0) }
        batch.warnings = found.warnings
        var readStandardInput = false
        for (i, file) in found.files.enumerated() {
            if file == "-" {
                if readStandardInput {
                    batch.warnings.append(DocumentWarning(path: "-", message: "standard input was already read; read once"))
                    continue
                }
                readStandardInput = true
            }
            batch.append(read(path: file))
            progress?(i + 1, found.files.count)
        }
        Self.makeNamesUnique(&batch)
        return batch
    }

    /// Reads one file (or `-`) into its documents.
    public func read(path: String) -> ArticleBatch {
        if path == "-" { return readStandardInput() }
        var batch = ArticleBatch()
        do throws(ArticleReadError) {
            switch Self.format(ofPath: path) {
            case .text:
                batch = try readText(path)
            case .html:
                batch = try readPage(path)
            case .feed:
                batch = try readFeed(path)
            case .jsonLines:
                batch = try readJSONLines(path)
            }
        } catch {
            batch.errors.append(error)
        }
        return batch
    }

    private func readText(_ path: String) throws(ArticleReadError) -> ArticleBatch {
        var batch = ArticleBatch()
        do {
            let (document, warnings) = try documentReader.read(path: path)
            batch.documents.append(document)
            batch.warnings = warnings
        } catch {
            throw .document(error)
        }
        return batch
    }

    private func readPage(_ path: String) throws(ArticleReadError) -> ArticleBatch {
        let (document, warnings): (SourceDocument, [DocumentWarning])
        do {
            (document, warnings) = try documentReader.read(path: path)
        } catch {
            throw .document(error)
        }
        let tree: XMLTree
        do {
            tree = try HTMLReader.parse(document.text, name: path)
        } catch {
            throw .noArticleText(path: path)
        }
        let article = HTMLArticle(page: tree)
        guard !article.lines.isEmpty else { throw .noArticleText(path: path) }
        var batch = ArticleBatch()
        let info = DocumentInfo(name: document.info.name, path: path, title: article.headline, url: article.url,
                                date: article.date)
        batch.documents.append(SourceDocument(info: info, text: article.text))
        batch.warnings = warnings
        return batch
    }

    private func readFeed(_ path: String) throws(ArticleReadError) -> ArticleBatch {
        let bytes: Data
        do {
            bytes = try FileBytes.contents(of: path, limit: documentReader.maximumFileSize)
        } catch {
            throw .document(error)
        }
        let tree: XMLTree
        do {
            tree = try XMLReader.parse([UInt8](bytes), name: path)
        } catch .empty {
            throw .document(.empty(path: path))
        } catch {
            throw .malformedFeed(path: path, line: error.line, message: Self.message(error))
        }
        return FeedArticles(path: path, fileName: (path as NSString).lastPathComponent).read(tree)
    }

    private func readJSONLines(_ path: String) throws(ArticleReadError) -> ArticleBatch {
        // The same checks as any input (regular file, readable) without
        // the one-article size limit: a dump is many articles.
        switch PathKind.of(path) {
        case .failure(let error): throw .document(error)
        case .success(.special(let kind)): throw .document(.notRegularFile(path: path, kind: kind))
        case .success(.folder): throw .document(.unreadable(path: path, reason: "is a folder"))
        case .success(.file): break
        }
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw .document(FileBytes.error(errno, path: path)) }
        defer { close(fd) }
        var lines = LineReader(fileDescriptor: fd, limit: documentReader.maximumFileSize)
        let batch = JSONLinesArticles(path: path, reader: documentReader).read(&lines)
        if batch.documents.isEmpty && batch.errors.isEmpty { throw .document(.empty(path: path)) }
        return batch
    }

    private func readStandardInput() -> ArticleBatch {
        let data = standardInput()
        var batch = ArticleBatch()
        let first = data.first { !LineReader.isJSONSpace($0) && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }
        if first == UInt8(ascii: "{") {
            var lines = LineReader(bytes: [UInt8](data), limit: documentReader.maximumFileSize)
            return JSONLinesArticles(path: "-", reader: documentReader).read(&lines)
        }
        do {
            let (text, warnings) = try documentReader.decode(data, path: "-")
            batch.documents.append(SourceDocument(info: DocumentInfo(name: "stdin", path: "-"), text: text))
            batch.warnings = warnings
        } catch {
            batch.errors.append(.document(error))
        }
        return batch
    }

    /// libxml2's message without the file and position the error repeats.
    static func message(_ error: XMLError) -> String {
        if case .malformed(_, _, _, let message) = error { return message }
        return error.description
    }

    /// Later documents whose name was taken get `#2`, `#3`…, with a warning.
    static func makeNamesUnique(_ batch: inout ArticleBatch) {
        var taken = Set(batch.documents.map(\.info.name))
        guard taken.count < batch.documents.count else { return }
        var firstPath: [String: String] = [:]
        for i in batch.documents.indices {
            let name = batch.documents[i].info.name
            guard let first = firstPath[name] else {
                firstPath[name] = batch.documents[i].info.path
                continue
            }
            var n = 2
            while taken.contains(name + "#" + String(n)) { n += 1 }
            let fresh = name + "#" + String(n)
            taken.insert(fresh)
            batch.documents[i].info.name = fresh
            batch.warnings.append(DocumentWarning(path: batch.documents[i].info.path,
                                                  message: "the name \(name) is already taken by \(first); named \(fresh)"))
        }
    }
}
