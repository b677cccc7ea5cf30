import Foundation
import XCTest
import ParleyExtraction
import ParleyGraph
import ParleyOntology
import ParleySerialization
import ParleyXML
#if canImport(Glibc)
import Glibc
#endif

/// Issue 5, output: every file is written to a temporary file in the same
/// folder and renamed into place only when complete, so a failed or
/// interrupted run leaves the previous output as it was.
final class AtomicOutputTests: XCTestCase {
    static var graph: CorpusGraph {
        let text = """
        Hezbollah rejected the US-brokered ceasefire proposal, according to Lebanese officials.
        Israel accepted the Egyptian truce plan. Hamas demanded a full Israeli withdrawal from Gaza.
        """
        let document = SourceDocument(info: DocumentInfo(name: "a.txt", path: "a.txt"), text: text)
        return HostileTextTests.pipeline.run([document], threads: 1).graph
    }

    func serializer(_ format: OutputFormat) -> any GraphSerializer {
        format.serializer(ontology: HostileTextTests.ontology)
    }

    /// While each real serializer writes, the target still holds the old
    /// bytes and exactly one hidden temporary file sits beside it; after,
    /// only the complete new file.
    func testEachFormatIsWrittenBesideTheTargetAndRenamed() throws {
        let scratch = try Scratch("atomic-each")
        for format in OutputFormat.allCases {
            let path = scratch.path(format.defaultFileName)
            try "previous".write(toFile: path, atomically: false, encoding: .utf8)
            let spy = Spy(inner: serializer(format)) { output in
                output.writeText(String(repeating: "x", count: 1 << 20))
                try output.flush()
                XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "previous")
                let names = try FileManager.default.contentsOfDirectory(atPath: scratch.path)
                let temporary = names.filter { $0.hasPrefix("." + format.defaultFileName + ".tmp-") }
                XCTAssertEqual(temporary.count, 1, "\(names)")
                throw Abort.stop
            }
            XCTAssertThrowsError(try spy.write(Self.graph, to: path))
            XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "previous")
            let report = try serializer(format).write(Self.graph, to: path)
            XCTAssertEqual(report.bytesWritten, try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch.path).sorted(),
                       Set(OutputFormat.allCases.map(\.defaultFileName)).sorted())
    }

    /// A serializer that fails after writing half its output.
    func testSerializerThatThrowsMidwayLeavesThePreviousFile() throws {
        let scratch = try Scratch("atomic-throw")
        let path = scratch.path("graph.graphml")
        _ = try serializer(.graphml).write(Self.graph, to: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let failing = Spy(inner: serializer(.graphml)) { output in
            _ = try GraphMLSerializer(ontology: HostileTextTests.ontology).write(Self.graph, into: output)
            try output.flush()
            throw Abort.stop
        }
        XCTAssertThrowsError(try failing.write(Self.graph, to: path)) { XCTAssertEqual($0 as? Abort, .stop) }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch.path), ["graph.graphml"])
    }

    /// The disk fills up mid-way (simulated with RLIMIT_FSIZE, which binds
    /// root too): a write error naming the system error, the old file kept,
    /// the temporary file removed.
    func testDiskFullMidwayLeavesThePreviousFile() throws {
        let scratch = try Scratch("atomic-full")
        let path = scratch.path("graph.rdf")
        try "previous".write(toFile: path, atomically: false, encoding: .utf8)
        let big = Spy(inner: serializer(.rdfxml)) { output in
            for _ in 0..<64 { output.writeText(String(repeating: "y", count: 64 << 10)) }
            try output.flush()
        }
        var old = rlimit()
        getrlimit(Int32(RLIMIT_FSIZE.rawValue), &old)
        var small = old
        small.rlim_cur = 1 << 20
        let previousHandler = signal(SIGXFSZ, SIG_IGN)
        XCTAssertEqual(setrlimit(Int32(RLIMIT_FSIZE.rawValue), &small), 0)
        var thrown: Error?
        do { _ = try big.write(Self.graph, to: path) } catch { thrown = error }
        setrlimit(Int32(RLIMIT_FSIZE.rawValue), &old)
        signal(SIGXFSZ, previousHandler)
        guard case XMLOutputError.write(_, _, let code, _)? = thrown else { return XCTFail("\(String(describing: thrown))") }
        XCTAssertEqual(code, EFBIG)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "previous")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch.path), ["graph.rdf"])
    }

    /// The output folder becomes read-only while a file is written (chmod
    /// for a normal user; `chattr +i` for root, who ignores modes): the
    /// rename fails with a typed error and the old file is untouched.
    func testOutputFolderMadeReadOnlyMidway() throws {
        let scratch = try Scratch("atomic-readonly")
        let folder = try scratch.folder("out")
        let path = folder + "/graph.dot"
        try "previous".write(toFile: path, atomically: false, encoding: .utf8)
        var locked = false
        let locking = Spy(inner: serializer(.dot)) { output in
            _ = try DOTSerializer(ontology: HostileTextTests.ontology).write(Self.graph, into: output)
            if Tools.bypassesPermissions {
                guard let chattr = Tools.which("chattr") else { return }
                locked = Process.run(chattr, ["+i", folder]).status == 0
            } else {
                locked = chmod(folder, 0o555) == 0
            }
        }
        var thrown: Error?
        do { _ = try locking.write(Self.graph, to: path) } catch { thrown = error }
        if Tools.bypassesPermissions, let chattr = Tools.which("chattr") { Process.run(chattr, ["-i", folder]) }
        chmod(folder, 0o755)
        guard locked else { throw XCTSkip("cannot make a folder read-only here (root without chattr +i)") }
        guard case AtomicFileError.rename(_, let to, let code)? = thrown else { return XCTFail("\(String(describing: thrown))") }
        XCTAssertEqual(to, path)
        XCTAssertTrue(code == EACCES || code == EPERM, "\(code)")
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "previous")
        // The temporary file cannot be removed from a read-only folder; it
        // is hidden and named after the target, for the user to delete.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0 != "graph.dot" }
        XCTAssertTrue(leftovers.allSatisfy { $0.hasPrefix(".graph.dot.tmp-") }, "\(leftovers)")
    }

    /// A target that is a symbolic link is replaced by a file, never
    /// written through: the file the link pointed at is left alone.
    func testTargetThatIsASymlinkIsReplacedNotWrittenThrough() throws {
        let scratch = try Scratch("atomic-link")
        let victim = try scratch.file("victim.txt", "do not touch")
        let path = try scratch.link("graph.graphml", to: victim)
        _ = try serializer(.graphml).write(Self.graph, to: path)
        XCTAssertEqual(try String(contentsOfFile: victim, encoding: .utf8), "do not touch")
        XCTAssertFalse(FileBytesProbe.isSymbolicLink(path))
    }
}

enum Abort: Error, Equatable { case stop }

/// Runs `body` on the output of an atomic write instead of (or around) a
/// real serializer, so a test can look at the folder mid-write or fail.
struct Spy: GraphSerializer, @unchecked Sendable {
    static var format: OutputFormat { .graphml }
    let inner: any GraphSerializer
    let body: (XMLOutput) throws -> Void

    init(inner: any GraphSerializer, _ body: @escaping (XMLOutput) throws -> Void) {
        self.inner = inner
        self.body = body
    }

    func write(_ graph: CorpusGraph, into output: XMLOutput) throws -> SerializationReport {
        try body(output)
        return SerializationReport(format: .graphml)
    }
}

enum FileBytesProbe {
    static func isSymbolicLink(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFLNK
    }
}
