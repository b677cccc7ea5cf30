import Foundation
import ParleyXML
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Issue 5 end to end: the built `parley` on folders of good and bad files.
/// Exit status 1 when some documents failed (each named on standard error,
/// the graph of the others written), 2 when nothing could be written; the
/// output parses in xmllint, rapper and dot whatever the input held, and is
/// byte-identical across runs and thread counts.
final class CommandLineTests: XCTestCase {
    let ontology = Tools.root.appendingPathComponent("ontology").path
    let seeds = Tools.root.appendingPathComponent("seeds").path
    let formats = ["graph.graphml", "graph.rdf", "graph.dot"]

    func parley(_ arguments: [String], in directory: String) throws -> ProcessResult {
        Process.run(try Tools.parley(), arguments + ["--ontology", ontology], in: directory)
    }

    /// The seeds plus one file of each kind of bad input.
    func corpusWithBadFiles(_ scratch: Scratch) throws -> [String: String] {
        for name in try FileManager.default.contentsOfDirectory(atPath: seeds) where name.hasSuffix(".txt") {
            try FileManager.default.copyItem(atPath: seeds + "/" + name, toPath: scratch.path("in/" + name))
        }
        var bad: [String: String] = [:]
        bad["empty"] = try scratch.file("in/bad/empty.txt", "")
        bad["blank"] = try scratch.file("in/bad/blank.md", " \r\n\t\n")
        bad["binary"] = try scratch.file("in/bad/image.txt", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: 64))
        bad["broken"] = try scratch.link("in/bad/broken.txt", to: "missing-target.txt")
        bad["loop"] = try scratch.link("in/bad/loop.txt", to: "loop.txt")
        bad["outside"] = try scratch.link("in/bad/passwd.txt", to: "/etc/passwd")
        bad["fifo"] = scratch.path("in/bad/pipe.txt")
        XCTAssertEqual(mkfifo(bad["fifo"]!, 0o644), 0)
        bad["missing"] = scratch.path("no-such-file.txt")
        try scratch.file("in/cp1252.txt", Array("Israel accepted the ".utf8) + [0x93] + Array("truce".utf8) + [0x94, 0x2E, 0x0D, 0x0A])
        return bad
    }

    func testFolderWithGoodAndBadFilesExitsOneNamesEachAndWritesTheGraph() throws {
        let scratch = try Scratch("cli-bad")
        try scratch.folder("in")
        let bad = try corpusWithBadFiles(scratch)
        let result = try parley([scratch.path("in"), bad["missing"]!, "--output", scratch.path("out")], in: scratch.path)
        XCTAssertEqual(result.status, 1, result.stderr)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        for (kind, path) in bad {
            XCTAssertEqual(lines.filter { $0.hasPrefix("parley: \(path): ") }.count, 1, "\(kind) not named once in:\n\(result.stderr)")
        }
        XCTAssertTrue(lines.contains("parley: \(scratch.path("in/cp1252.txt")): not valid UTF-8; read as Windows-1252"),
                      result.stderr)
        XCTAssertFalse(result.stderr.contains("root:"), "a file outside the input was read")
        // The graph of the good files is there and whole.
        let graphml = try String(contentsOfFile: scratch.path("out/graph.graphml"), encoding: .utf8)
        for seed in try FileManager.default.contentsOfDirectory(atPath: seeds) where seed.hasSuffix(".txt") {
            XCTAssertTrue(graphml.contains(seed), "\(seed) missing from the graph")
        }
        XCTAssertTrue(graphml.contains("cp1252.txt"))
        XCTAssertGreaterThan(graphml.components(separatedBy: "<edge ").count, 10)
        try assertOutputsParse(scratch.path("out"))
    }

    func testAllGoodExitsZeroAndNothingReadableStillWritesAnEmptyGraph() throws {
        let scratch = try Scratch("cli-status")
        try scratch.file("good/a.txt", "Hamas rejected the Egyptian truce proposal.")
        let ok = try parley([scratch.path("good"), "--output", scratch.path("out1"), "--quiet"], in: scratch.path)
        XCTAssertEqual(ok.status, 0, ok.stderr)
        XCTAssertEqual(ok.stderr, "")
        try scratch.file("bad/empty.txt", "")
        let none = try parley([scratch.path("bad"), "--output", scratch.path("out2"), "--quiet"], in: scratch.path)
        XCTAssertEqual(none.status, 1, none.stderr)
        XCTAssertTrue(none.stderr.contains("\(scratch.path("bad/empty.txt")): holds no text; skipped"), none.stderr)
        try assertOutputsParse(scratch.path("out2"))
    }

    func testNothingWritableExitsTwo() throws {
        let scratch = try Scratch("cli-two")
        try scratch.file("a.txt", "Hamas rejected the Egyptian truce proposal.")
        let file = try scratch.file("not-a-folder", "x")
        let result = try parley([scratch.path("a.txt"), "--output", file + "/out"], in: scratch.path)
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("cannot create the output folder \(file)/out"), result.stderr)

        let broken = try scratch.folder("ontology")
        try FileManager.default.copyItem(atPath: ontology + "/parley.rdf", toPath: broken + "/parley.rdf")
        try scratch.file("ontology/lexicon/bad.rdf", "<?xml version=\"1.0\"?>\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n<oops>\n</rdf:RDF>\n")
        let bad = Process.run(try Tools.parley(), [scratch.path("a.txt"), "--output", scratch.path("out"), "--ontology", broken],
                              in: scratch.path)
        XCTAssertEqual(bad.status, 2, bad.stderr)
        XCTAssertTrue(bad.stderr.contains("\(broken)/lexicon/bad.rdf:4:"), bad.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.path("out")))
    }

    /// The disk fills up while `parley` writes (a file size limit, set by
    /// the shell with SIGXFSZ ignored, so `write(2)` fails with EFBIG): exit
    /// 2 with one line naming the file and the system error, and libxml2's
    /// own "I/O error : write error" is never printed.
    func testWriteErrorIsReportedOnceAndLibXML2PrintsNothing() throws {
        let scratch = try Scratch("cli-full")
        try scratch.file("a.txt", "Hamas rejected the Egyptian truce proposal.")
        let command = "trap '' XFSZ; ulimit -f 1; exec \"$0\" \"$@\""
        // TMPDIR points nowhere: a parley built with ThreadSanitizer writes a
        // 512 KiB file there at start-up, which the limit would turn into a
        // crash; without a TMPDIR it does without.
        let environment = ["PATH": "/usr/bin:/bin", "TMPDIR": scratch.path("no-such-folder")]
        let result = Process.run("/bin/sh", ["-c", command, try Tools.parley(), scratch.path("a.txt"),
                                             "--output", scratch.path("out"), "--quiet", "--ontology", ontology],
                                 in: scratch.path, environment: environment)
        XCTAssertEqual(result.status, 2, result.stderr)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 1, result.stderr)
        XCTAssertTrue(lines.first?.hasPrefix("parley: cannot write \(scratch.path("out/graph.graphml")): ") == true,
                      result.stderr)
        XCTAssertTrue(result.stderr.contains("File too large (libxml2: write error)"), result.stderr)
        XCTAssertFalse(result.stderr.contains("I/O error"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.path("out/graph.graphml")))
    }

    /// Hostile strings in an article: controls, U+FFFE/U+FFFF, a lone
    /// surrogate (from UTF-16), markup, CDATA ends, quotes and backslashes,
    /// RTL overrides, emoji. Every output still parses and DOT strings stay
    /// quoted.
    func testOutputsWithHostileStringsStillParse() throws {
        let scratch = try Scratch("cli-hostile")
        // Markup first, and without "!", "?" or ".": those and U+0085 end a
        // sentence, and the evidence of an edge is its sentence.
        let markup = "]]><script> --> <x a=\"1\">&amp;&#0;\"'\\\"\\\\ \\N \\G"
        let hostile = markup + " \u{202E}evil\u{202C} \u{1F468}\u{200D}\u{1F469} e\u{301} \u{1}\u{8}\u{B}\u{1B}[0m\u{7F}\u{FFFE}\u{FFFF}"
        // Ordinary text around it, so the control characters stay under the
        // 2 % that would make the file look binary.
        var text = try String(contentsOfFile: seeds + "/000_f9c2669c1a1b3e04.txt", encoding: .utf8) + "\n"
        text += "Prime Minister Hostile\(hostile)Name rejected the ceasefire proposal \(hostile).\n"
        text += "Hezbollah rejected the \(hostile) US-brokered ceasefire proposal, according to \(hostile) officials.\n"
        text += "Israel accepted the Egyptian truce plan\(hostile) \"quoted \\\" plan\".\n"
        try scratch.file("in/hostile.txt", text)
        // UTF-16 with a lone surrogate, becomes U+FFFD.
        var units = Array("Hamas rejected the Qatari truce plan ".utf16) + [0xD800] + Array(" today.".utf16)
        units.insert(0xDFFF, at: 3)
        var bytes: [UInt8] = [0xFF, 0xFE]
        for u in units { bytes += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        try scratch.file("in/utf16.txt", bytes)
        let result = try parley([scratch.path("in"), "--output", scratch.path("out")], in: scratch.path)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("transcoded from UTF-16LE; invalid sequences replaced by U+FFFD"), result.stderr)
        let graphml = try String(contentsOfFile: scratch.path("out/graph.graphml"), encoding: .utf8)
        XCTAssertTrue(graphml.contains("<edge "), "no edge came out of the hostile text")
        try assertOutputsParse(scratch.path("out"))
        // Read back, the evidence holds the markup as text, and the
        // characters XML cannot carry as U+FFFD.
        let tree = try XMLReader.parse(contentsOf: scratch.path("out/graph.graphml"))
        let texts = tree.root.elements.flatMap(\.elements).flatMap(\.elements).map(\.text)
        XCTAssertTrue(texts.contains { $0.contains(markup) }, "the hostile markup did not come back as text")
        XCTAssertTrue(texts.contains { $0.contains("\u{1B}") == false && $0.contains("\u{FFFD}[0m") })
        XCTAssertTrue(result.stderr.contains("were written as U+FFFD"), result.stderr)
    }

    func testOutputIsByteIdenticalAcrossRunsAndThreadCounts() throws {
        let scratch = try Scratch("cli-determinism")
        for round in 0..<4 {
            try scratch.folder("in/r\(round)")
            for name in try FileManager.default.contentsOfDirectory(atPath: seeds) where name.hasSuffix(".txt") {
                try FileManager.default.copyItem(atPath: seeds + "/" + name, toPath: scratch.path("in/r\(round)/" + name))
            }
        }
        var outputs: [[Data]] = []
        for (run, threads) in [1, 4, 2, 4].enumerated() {
            let out = scratch.path("out\(run)")
            let result = try parley([scratch.path("in"), "--output", out, "--threads", "\(threads)", "--quiet"], in: scratch.path)
            XCTAssertEqual(result.status, 0, result.stderr)
            outputs.append(try formats.map { try Data(contentsOf: URL(fileURLWithPath: out + "/" + $0)) })
        }
        for run in outputs.indices.dropFirst() {
            for (k, name) in formats.enumerated() {
                XCTAssertEqual(outputs[run][k], outputs[0][k], "\(name) differs in run \(run)")
            }
        }
    }

    /// `parley` killed (SIGKILL) at many moments: each output file is always
    /// the previous one or a complete new one, never a truncated mix. Half
    /// the kills land at fixed fractions of a full run; the others land the
    /// moment a temporary output file is created (inotify), and are retried
    /// until at least one leaves its temporary file behind, the proof that
    /// the kill came while a file was being written.
    func testKilledRunNeverLeavesAPartialFile() throws {
        let scratch = try Scratch("cli-kill")
        for round in 0..<4 {
            try scratch.folder("in/r\(round)")
            for name in try FileManager.default.contentsOfDirectory(atPath: seeds) where name.hasSuffix(".txt") {
                try FileManager.default.copyItem(atPath: seeds + "/" + name, toPath: scratch.path("in/r\(round)/" + name))
            }
        }
        let out = scratch.path("out")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        for name in formats { try "previous \(name)".write(toFile: out + "/" + name, atomically: false, encoding: .utf8) }
        // A full run, timed, gives the complete files to compare with.
        let full = scratch.path("full")
        let start = Date()
        XCTAssertEqual(try parley([scratch.path("in"), "--output", full, "--quiet"], in: scratch.path).status, 0)
        let duration = Date().timeIntervalSince(start)
        let complete = try formats.map { try Data(contentsOf: URL(fileURLWithPath: full + "/" + $0)) }
        let binary = try Tools.parley()
        func temporaryFiles() -> Set<String> {
            Set(((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []).filter { $0.contains(".tmp-") })
        }
        /// Runs `parley`, calls `waitForKill` and kills it; checks every
        /// output; says whether a temporary file of this run was left.
        func killedRun(_ label: String, waitForKill: (Process) -> Void) throws -> Bool {
            let before = temporaryFiles()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = [scratch.path("in"), "--output", out, "--quiet", "--ontology", ontology]
            process.environment = childEnvironment()
            process.standardError = FileHandle.nullDevice
            try process.run()
            waitForKill(process)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            for (k, name) in formats.enumerated() {
                let now = try Data(contentsOf: URL(fileURLWithPath: out + "/" + name))
                let isOld = now == Data("previous \(name)".utf8)
                XCTAssertTrue(isOld || now == complete[k], "\(name) is neither the old nor the new file after a kill \(label)")
            }
            return !temporaryFiles().subtracting(before).isEmpty
        }
        for step in 0..<4 {
            _ = try killedRun("at \(step + 1)/5 of a run") { _ in usleep(useconds_t(duration * Double(step + 1) / 5 * 1_000_000)) }
        }
        var landedWhileWriting = 0, attempts = 0
        for attempt in 0..<40 where landedWhileWriting < 2 {
            attempts += 1
            let watch = try DirectoryWatch(out)
            if try killedRun("at a file's creation (attempt \(attempt))", waitForKill: { _ in
                watch.waitForCreation(containing: ".tmp-", timeout: duration * 3)
            }) {
                landedWhileWriting += 1
            }
        }
        print("[kill] \(landedWhileWriting) of \(attempts) kills at a file's creation landed while it was being written")
        XCTAssertGreaterThan(landedWhileWriting, 0, "no kill in 40 attempts landed while a file was being written")
        // What a kill can leave: hidden temporary files named after their target.
        let others = try FileManager.default.contentsOfDirectory(atPath: out).filter { !formats.contains($0) }
        XCTAssertTrue(others.allSatisfy { name in formats.contains { name.hasPrefix(".\($0).tmp-") } }, "\(others)")
    }

    /// Every input a fuzz target crashed on (Fuzz/crashes/) goes through
    /// `parley` without a crash: exit status 0 or 1, never a signal.
    func testEveryFuzzReproducerRunsCleanly() throws {
        let crashes = Tools.root.appendingPathComponent("Fuzz/crashes").path
        let names = try FileManager.default.contentsOfDirectory(atPath: crashes)
            .filter { $0.hasPrefix("extractor-") }.sorted()
        XCTAssertFalse(names.isEmpty)
        let scratch = try Scratch("cli-fuzz")
        for name in names {
            let result = try parley([crashes + "/" + name, "--output", scratch.path("out"), "--quiet"], in: scratch.path)
            XCTAssertTrue(result.status == 0 || result.status == 1,
                          "\(name): exit \(result.status)\n\(result.stderr.prefix(2000))")
            XCTAssertFalse(result.stderr.contains("Fatal error"), "\(name): \(result.stderr.prefix(2000))")
        }
    }

    // MARK: Helpers

    /// xmllint on the GraphML, rapper on the RDF/XML, dot on the DOT.
    func assertOutputsParse(_ folder: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let xmllint = try Tools.require("xmllint", package: "libxml2-utils")
        let rapper = try Tools.require("rapper", package: "raptor2-utils")
        let dot = try Tools.require("dot", package: "graphviz")
        let graphml = Process.run(xmllint, ["--noout", "--nonet", folder + "/graph.graphml"])
        XCTAssertEqual(graphml.status, 0, "xmllint: \(graphml.stderr)", file: file, line: line)
        let rdf = Process.run(rapper, ["-q", "-i", "rdfxml", "-c", folder + "/graph.rdf"])
        XCTAssertEqual(rdf.status, 0, "rapper: \(rdf.stderr)", file: file, line: line)
        XCTAssertFalse(rdf.stderr.contains("Warning"), "rapper: \(rdf.stderr)", file: file, line: line)
        let canon = Process.run(dot, ["-Tcanon", folder + "/graph.dot", "-o", "/dev/null"])
        XCTAssertEqual(canon.status, 0, "dot: \(canon.stderr)", file: file, line: line)
        XCTAssertFalse(canon.stderr.contains("syntax error"), "dot: \(canon.stderr)", file: file, line: line)
    }
}
