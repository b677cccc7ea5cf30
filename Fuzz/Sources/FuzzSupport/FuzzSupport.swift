@_exported import CFuzzerDriver
import Foundation
import ParleyExtraction
import ParleyGraph
import ParleyOntology
import ParleySerialization
import ParleyXML

/// What every fuzz target shares: the ontology (loaded once), a scratch
/// folder for output files, and the checks that the output parses back.
/// A failed check traps, so libFuzzer records the input as a crash.
public enum FuzzSupport {
    /// The repository's `ontology/`, found from this file's path.
    public static let ontology: Ontology = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let directory = ProcessInfo.processInfo.environment["PARLEY_ONTOLOGY"] ?? root.appendingPathComponent("ontology").path
        do {
            return try OntologyLoader.load(from: directory)
        } catch {
            fatalError("cannot load the ontology from \(directory): \(error)")
        }
    }()

    public static let pipeline = ExtractionPipeline(ontology: ontology)

    /// A folder of this process for the files written each run (in
    /// `/dev/shm` when there is one, so the disk is left alone).
    public static let scratch: String = {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let path = (base as NSString).appendingPathComponent("parley-fuzz-\(getpid())")
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    /// Writes `graph` in every format and checks that the files parse:
    /// GraphML and RDF/XML with libxml2 (and the RDF/XML into triples),
    /// DOT with `DOTCheck`; the other formats must at least be written.
    public static func checkOutputs(_ graph: CorpusGraph) {
        for format in OutputFormat.allCases {
            let path = (scratch as NSString).appendingPathComponent(format.rawValue + "." + format.fileExtension)
            do {
                _ = try format.serializer(ontology: ontology).write(graph, to: path)
            } catch {
                fatalError("\(format) serializer failed on an extracted graph: \(error)")
            }
            switch format {
            case .graphml:
                do { _ = try XMLReader.parse(contentsOf: path) } catch {
                    fatalError("GraphML output does not parse: \(error)")
                }
            case .rdfxml:
                do { _ = try RDFXMLReader.read(contentsOf: path) } catch {
                    fatalError("RDF/XML output does not parse: \(error)")
                }
            case .dot:
                guard let bytes = FileManager.default.contents(atPath: path) else { fatalError("DOT output missing") }
                if let problem = DOTCheck.problem(in: [UInt8](bytes)) { fatalError("DOT output is broken: \(problem)") }
            default:
                break
            }
        }
    }
}

/// Hands the process to libFuzzer with `callback` as the target: what the
/// `<Target>_main` function SwiftPM links as `main` calls.
public func runFuzzer(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>,
                      _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32 {
    var count = argc
    var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&count, &arguments, callback)
}

/// A lexical check of DOT output: comments and quoted strings end, no
/// string holds a raw line break or an unescaped quote, braces and brackets
/// balance, and nothing follows the graph's closing brace.
public enum DOTCheck {
    public static func problem(in bytes: [UInt8]) -> String? {
        var i = 0
        var depth: [UInt8] = []
        var closed = false
        while i < bytes.count {
            let b = bytes[i]
            if closed && !(b == 0x20 || b == 0x0A || b == 0x09) { return "text after the graph at byte \(i)" }
            switch b {
            case UInt8(ascii: "/") where i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "/"):
                while i < bytes.count && bytes[i] != 0x0A { i += 1 }
            case UInt8(ascii: "/") where i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "*"):
                i += 2
                while i + 1 < bytes.count && !(bytes[i] == UInt8(ascii: "*") && bytes[i + 1] == UInt8(ascii: "/")) { i += 1 }
                if i + 1 >= bytes.count { return "unterminated comment" }
                i += 1
            case UInt8(ascii: "\""):
                let start = i
                i += 1
                while i < bytes.count && bytes[i] != UInt8(ascii: "\"") {
                    if bytes[i] == UInt8(ascii: "\\") { i += 1 }
                    else if bytes[i] == 0x0A || bytes[i] == 0x0D { return "raw line break in the string at byte \(start)" }
                    else if bytes[i] < 0x20 && bytes[i] != 0x09 { return "control byte in the string at byte \(start)" }
                    i += 1
                }
                if i >= bytes.count { return "unterminated string at byte \(start)" }
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth.append(b)
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                let open: UInt8 = b == UInt8(ascii: "}") ? UInt8(ascii: "{") : UInt8(ascii: "[")
                guard depth.popLast() == open else { return "unbalanced \(Character(Unicode.Scalar(b))) at byte \(i)" }
                if depth.isEmpty { closed = true }
            default:
                break
            }
            i += 1
        }
        if !depth.isEmpty { return "unclosed \(depth.count) brace(s) or bracket(s)" }
        return closed ? nil : "no graph"
    }
}
