import Foundation
import XCTest
@testable import ParleyExtraction
#if canImport(Glibc)
import Glibc
#endif

/// Issue 5, input: each kind of bad file either is read (with a warning
/// naming it) or is an error naming it, and the other files still go
/// through. Every file is made by the test.
final class InputFileTests: XCTestCase {
    let reader = DocumentReader()
    let sentence = "Hezbollah rejected the ceasefire proposal, according to Lebanese officials.\n"

    func read(_ path: String) throws -> (String, [String]) {
        let (document, warnings) = try reader.read(path: path)
        XCTAssertTrue(warnings.allSatisfy { $0.path == path })
        return (document.text, warnings.map(\.message))
    }

    func readError(_ path: String, file: StaticString = #filePath, line: UInt = #line) -> DocumentReadError? {
        do {
            _ = try reader.read(path: path)
            XCTFail("\(path) was read", file: file, line: line)
            return nil
        } catch {
            XCTAssertEqual(error.path, path, file: file, line: line)
            XCTAssertTrue(error.description.hasPrefix(path + ": "), error.description, file: file, line: line)
            return error
        }
    }

    // MARK: Encodings

    func bytes(_ units: [UInt16], bigEndian: Bool) -> [UInt8] {
        var out: [UInt8] = []
        for u in units { out += bigEndian ? [UInt8(u >> 8), UInt8(u & 0xFF)] : [UInt8(u & 0xFF), UInt8(u >> 8)] }
        return out
    }

    func testWindows1252IsTranscodedWithAWarning() throws {
        let scratch = try Scratch("cp1252")
        // “Israel” – Qatar’s plan, é, € : every 0x80-0x9F byte that matters.
        let bytes: [UInt8] = [0x93] + Array("Israel".utf8) + [0x94, 0x20, 0x96, 0x20] + Array("Qatar".utf8)
            + [0x92] + Array("s plan caf".utf8) + [0xE9, 0x20, 0x80, 0x0A]
        let path = try scratch.file("cp1252.txt", bytes)
        let (text, warnings) = try read(path)
        XCTAssertEqual(text, "\u{201C}Israel\u{201D} \u{2013} Qatar\u{2019}s plan caf\u{E9} \u{20AC}\n")
        XCTAssertEqual(warnings, ["not valid UTF-8; read as Windows-1252"])
    }

    func testLatin1IsReadAsItsWindows1252Superset() throws {
        let scratch = try Scratch("latin1")
        let latin1 = "Le minist\u{E8}re fran\u{E7}ais a d\u{E9}clar\u{E9} \u{AB}tr\u{EA}ve\u{BB} \u{A7}3 \u{B0}C \u{FF}."
        let path = try scratch.file("latin1.txt", latin1.unicodeScalars.map { UInt8($0.value) })
        let (text, warnings) = try read(path)
        XCTAssertEqual(text, latin1)
        XCTAssertEqual(warnings, ["not valid UTF-8; read as Windows-1252"])
    }

    func testUTF8WithAStrayWindows1252ByteKeepsItsUTF8() throws {
        let scratch = try Scratch("mixed")
        let bytes = Array("Caf\u{E9} \u{201C}truce\u{201D} ".utf8) + [0x96] + Array(" end".utf8)
        let (text, warnings) = try read(try scratch.file("mixed.txt", bytes))
        XCTAssertEqual(text, "Caf\u{E9} \u{201C}truce\u{201D} \u{2013} end")
        XCTAssertEqual(warnings, ["mixed encodings: 1 bytes that are not UTF-8 read as Windows-1252"])
    }

    func testUTF8ByteOrderMarkIsDroppedSilently() throws {
        let scratch = try Scratch("bom")
        let (text, warnings) = try read(try scratch.file("bom.txt", [0xEF, 0xBB, 0xBF] + Array(sentence.utf8)))
        XCTAssertEqual(text, sentence)
        XCTAssertEqual(text.unicodeScalars.first, "H")
        XCTAssertEqual(warnings, [])
    }

    func testUTF16WithByteOrderMarkBothEndiannesses() throws {
        let scratch = try Scratch("utf16")
        let text = "Isra\u{EB}l \u{2014} \u{1F54A}\u{FE0F} truce\r\nend"
        let le: [UInt8] = [0xFF, 0xFE] + bytes(Array(text.utf16), bigEndian: false)
        let be: [UInt8] = [0xFE, 0xFF] + bytes(Array(text.utf16), bigEndian: true)
        let expected = "Isra\u{EB}l \u{2014} \u{1F54A}\u{FE0F} truce\nend"
        XCTAssertEqual(try read(try scratch.file("le.txt", le)).0, expected)
        XCTAssertEqual(try read(try scratch.file("le.txt", le)).1, ["transcoded from UTF-16LE"])
        XCTAssertEqual(try read(try scratch.file("be.txt", be)).0, expected)
        XCTAssertEqual(try read(try scratch.file("be.txt", be)).1, ["transcoded from UTF-16BE"])
    }

    func testUTF16WithLoneSurrogateOrOddLengthIsRepaired() throws {
        let scratch = try Scratch("utf16-bad")
        var units = Array("Truce ".utf16) + [0xD800] + Array(" agreed".utf16)
        units.insert(0xDC00, at: 2)
        let bytes: [UInt8] = [0xFF, 0xFE] + self.bytes(units, bigEndian: false) + [0x41]
        let (text, warnings) = try read(try scratch.file("bad16.txt", bytes))
        XCTAssertEqual(text, "Tr\u{FFFD}uce \u{FFFD} agreed")
        XCTAssertEqual(warnings, ["transcoded from UTF-16LE; invalid sequences replaced by U+FFFD"])
    }

    func testUTF16WithoutByteOrderMarkIsRecognised() throws {
        let scratch = try Scratch("utf16-nobom")
        let bytes = self.bytes(Array(sentence.utf16), bigEndian: false)
        let (text, warnings) = try read(try scratch.file("nobom.txt", bytes))
        XCTAssertEqual(text, sentence)
        XCTAssertEqual(warnings, ["transcoded from UTF-16LE (no byte order mark)"])
    }

    func testUTF32WithByteOrderMark() throws {
        let scratch = try Scratch("utf32")
        let bytes: [UInt8] = [0xFF, 0xFE, 0, 0] + "Pax \u{1F54A}".unicodeScalars.flatMap {
            [UInt8($0.value & 0xFF), UInt8(($0.value >> 8) & 0xFF), UInt8($0.value >> 16), 0]
        }
        let (text, warnings) = try read(try scratch.file("u32.txt", bytes))
        XCTAssertEqual(text, "Pax \u{1F54A}")
        XCTAssertEqual(warnings, ["transcoded from UTF-32LE"])
    }

    // MARK: Line ends, NULs, empty

    func testCRLFAndLoneCRBecomeLF() throws {
        let scratch = try Scratch("lineends")
        let (crlf, w1) = try read(try scratch.file("crlf.txt", "a\r\nb\r\n\r\nc\r\n"))
        XCTAssertEqual(crlf, "a\nb\n\nc\n")
        XCTAssertEqual(w1, [])
        let (cr, w2) = try read(try scratch.file("cr.txt", "a\rb\r\rc\r"))
        XCTAssertEqual(cr, "a\nb\n\nc\n")
        XCTAssertEqual(w2, [])
        let (mixed, _) = try read(try scratch.file("mixed.txt", "a\r\r\nb\n\rc"))
        XCTAssertEqual(mixed, "a\n\nb\n\nc")
    }

    /// Offsets are code points after normalisation: an edge's evidence must
    /// be the text at its offsets, CRLF or not.
    func testOffsetsAreIntoTheNormalisedText() throws {
        let scratch = try Scratch("offsets")
        let (document, _) = try reader.read(path: try scratch.file("crlf.txt", "Intro.\r\n\r\n" + sentence))
        XCTAssertFalse(document.scalars.contains("\r"))
        XCTAssertEqual(document.text(8..<17), "Hezbollah")
    }

    func testNULBytesAreRemovedWithAWarning() throws {
        let scratch = try Scratch("nul")
        var bytes = Array(sentence.utf8)
        bytes.insert(0, at: 9)
        bytes.insert(0, at: 20)
        bytes.append(0)
        let (text, warnings) = try read(try scratch.file("nul.txt", bytes))
        XCTAssertEqual(text, sentence)
        XCTAssertEqual(warnings, ["NUL characters removed"])
    }

    func testEmptyAndWhiteSpaceOnlyFilesAreErrors() throws {
        let scratch = try Scratch("empty")
        for (name, bytes) in [("empty.txt", [UInt8]()), ("spaces.txt", Array(" \n\t \r\n ".utf8)),
                              ("bom-only.txt", [0xEF, 0xBB, 0xBF]),
                              ("unicode-spaces.txt", Array("\u{A0}\u{2003}\u{3000}\n\u{2028}".utf8)),
                              ("utf16-spaces.txt", [0xFF, 0xFE, 0x20, 0x00, 0x0A, 0x00])] {
            let path = try scratch.file(name, bytes)
            XCTAssertEqual(readError(path), .empty(path: path), name)
        }
        XCTAssertEqual(try read(try scratch.file("one.txt", " x ")).0, " x ")
    }

    // MARK: Binary

    func testBinaryFilesRenamedTxtAreErrors() throws {
        let scratch = try Scratch("binary")
        var generator = SplitMix(seed: 5)
        let noise = (0..<20_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + noise.prefix(4000)
        let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0] + noise.prefix(4000)
        let zip: [UInt8] = [0x50, 0x4B, 0x03, 0x04] + Array("word/document.xml".utf8) + noise.prefix(100)
        let pdf = Array("%PDF-1.7\n%\u{E2}\u{E3}\n1 0 obj\n<< /Length 5 >>\nstream\n".utf8) + noise.prefix(3000)
        // Compressed data with no known signature: about 10 % control bytes.
        let raw = noise
        for (name, bytes) in [("photo.txt", png), ("image.txt", jpeg), ("doc.md", zip), ("paper.txt", pdf), ("raw.txt", raw)] {
            let path = try scratch.file(name, bytes)
            XCTAssertEqual(readError(path), .binary(path: path), name)
        }
    }

    func testTextWithAFewControlCharactersIsStillText() throws {
        let scratch = try Scratch("controls")
        let text = String(repeating: sentence, count: 20) + "\u{1B}[1mbold\u{1B}[0m \u{7}\u{8}\u{C}"
        let (read, _) = try read(try scratch.file("controls.txt", text))
        XCTAssertEqual(read, text)
    }

    // MARK: Size

    /// A 200 MB file (sparse, so instant to make) is refused from its size,
    /// before a byte is read, with a clear error.
    func testFileOverTheSizeLimitIsRefusedBeforeReading() throws {
        let scratch = try Scratch("huge")
        let path = scratch.path("huge.txt")
        let fd = open(path, O_WRONLY | O_CREAT, 0o644)
        XCTAssertGreaterThanOrEqual(fd, 0)
        XCTAssertEqual(ftruncate(fd, 200 << 20), 0)
        close(fd)
        var elapsed = 0.0
        var error: DocumentReadError?
        elapsed = seconds(repeats: 1) { error = readError(path) }
        XCTAssertEqual(error, .tooLarge(path: path, size: 200 << 20, limit: 64 << 20))
        XCTAssertEqual(error?.description,
                       "\(path): 200.0 MiB is over the limit of 64.0 MiB for one article; skipped (split it into articles)")
        XCTAssertLessThan(elapsed, 0.5)
    }

    /// The limit holds for files whose size is not known in advance, and a
    /// file at the limit is read.
    func testLimitIsCheckedWhileReadingToo() throws {
        let scratch = try Scratch("limit")
        var small = DocumentReader()
        small.maximumFileSize = 1000
        let at = try scratch.file("at.txt", String(repeating: "a", count: 1000))
        XCTAssertEqual(try small.read(path: at).0.scalars.count, 1000)
        let over = try scratch.file("over.txt", String(repeating: "a", count: 1001))
        XCTAssertThrowsError(try small.read(path: over)) {
            XCTAssertEqual($0 as? DocumentReadError, .tooLarge(path: over, size: 1001, limit: 1000))
        }
        // /proc files report size 0; the reading loop enforces the limit.
        if FileManager.default.fileExists(atPath: "/proc/self/maps") {
            XCTAssertThrowsError(try small.read(path: "/proc/self/maps")) {
                guard case .tooLarge(_, let size, 1000)? = $0 as? DocumentReadError else { return XCTFail("\($0)") }
                XCTAssertEqual(size, 1001)
            }
        }
    }

    /// Reading is linear: 4x the bytes takes well under 16x the time (a
    /// large file of text, CRLF and some Windows-1252: every pass of decode).
    func testLargeFileIsReadInLinearTime() throws {
        let scratch = try Scratch("large")
        let line = Array("Hezbollah rejected the ceasefire \u{201C}proposal\u{201D}, officials said.\r\n".utf8)
        func make(_ megabytes: Int) throws -> String {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(megabytes << 20)
            while bytes.count < megabytes << 20 { bytes += line }
            return try scratch.file("big\(megabytes).txt", bytes)
        }
        let small = try make(4), large = try make(16)
        let t1 = seconds { _ = try? reader.read(path: small) }
        let t4 = seconds { _ = try? reader.read(path: large) }
        XCTAssertLessThan(t4, max(t1, 0.05) * 8, "4 MB: \(t1) s, 16 MB: \(t4) s")
        let (document, _) = try reader.read(path: large)
        XCTAssertFalse(document.scalars.contains("\r"))
    }

    // MARK: Folders

    func testThousandsOfFilesAreCollectedSortedAndRead() throws {
        let scratch = try Scratch("many")
        for i in 0..<3000 {
            try scratch.file(String(format: "d%02d/f%04d.txt", i % 30, i), "Qatar brokered talks \(i).")
        }
        try scratch.file("d00/notes.pdf", "not an article")
        var found: DocumentInputs!
        let elapsed = seconds(repeats: 1) { found = reader.gather([scratch.path]) }
        XCTAssertEqual(found.files.count, 3000)
        XCTAssertEqual(found.files, found.files.sorted())
        XCTAssertEqual(found.errors, [])
        XCTAssertLessThan(elapsed, 5)
        var read = 0
        for path in found.files { if (try? reader.read(path: path)) != nil { read += 1 } }
        XCTAssertEqual(read, 3000)
    }

    func testDeeplyNestedFoldersNeedNoRecursion() throws {
        let scratch = try Scratch("deep")
        let depth = 200
        let relative = (0..<depth).map { _ in "d" }.joined(separator: "/")
        try scratch.file(relative + "/deep.txt", sentence)
        let found = reader.gather([scratch.path])
        XCTAssertEqual(found.files.count, 1)
        XCTAssertEqual(found.errors, [])
    }

    func testMissingPathIsAnErrorAndTheOthersAreStillCollected() throws {
        let scratch = try Scratch("missing")
        let good = try scratch.file("good.txt", sentence)
        let missing = scratch.path("nope.txt")
        let (files, errors) = reader.collect([missing, good, "/no/such/folder/"])
        XCTAssertEqual(files, [good])
        XCTAssertEqual(errors, [.notFound(path: missing), .notFound(path: "/no/such/folder/")])
        XCTAssertEqual(errors[0].description, "\(missing): no such file or folder")
        XCTAssertEqual(readError(missing), .notFound(path: missing))
    }

    /// An unreadable file: `chmod 000` when not root; as root (who reads
    /// anything) `/proc/self/mem`, a regular file whose first page cannot be
    /// read (EIO). Either way an error naming the file.
    func testUnreadableFileIsAnErrorNamingIt() throws {
        let scratch = try Scratch("unreadable")
        if !Tools.bypassesPermissions {
            let path = try scratch.file("secret.txt", sentence)
            chmod(path, 0)
            XCTAssertEqual(readError(path), .unreadable(path: path, reason: "Permission denied"))
            let folder = try scratch.folder("closed")
            try scratch.file("closed/inside.txt", sentence)
            chmod(folder, 0)
            let found = reader.gather([scratch.path])
            XCTAssertTrue(found.errors.contains(.unreadable(path: folder, reason: "folder cannot be listed: Permission denied")),
                          "\(found.errors)")
        }
        if FileManager.default.fileExists(atPath: "/proc/self/mem") {
            XCTAssertEqual(readError("/proc/self/mem"), .unreadable(path: "/proc/self/mem", reason: "Input/output error"))
        }
    }

    /// A FIFO named `.txt` would block a reader for ever: it is never opened
    /// for reading, in a folder or named directly.
    func testFIFOIsRefusedWithoutBlocking() throws {
        let scratch = try Scratch("fifo")
        let good = try scratch.file("a.txt", sentence)
        let fifo = scratch.path("pipe.txt")
        XCTAssertEqual(mkfifo(fifo, 0o644), 0)
        let found = reader.gather([scratch.path])
        XCTAssertEqual(found.files, [good])
        XCTAssertEqual(found.errors, [.notRegularFile(path: fifo, kind: "FIFO (named pipe)")])
        XCTAssertEqual(reader.collect([fifo]).errors, [.notRegularFile(path: fifo, kind: "FIFO (named pipe)")])
        let elapsed = seconds(repeats: 1) { XCTAssertEqual(readError(fifo), .notRegularFile(path: fifo, kind: "FIFO (named pipe)")) }
        XCTAssertLessThan(elapsed, 1)
        XCTAssertEqual(readError("/dev/null"), .notRegularFile(path: "/dev/null", kind: "character device"))
        XCTAssertEqual(readError(scratch.path), .unreadable(path: scratch.path, reason: "is a folder"))
    }

    func testBrokenSymlinkIsAnErrorNamingIt() throws {
        let scratch = try Scratch("broken")
        let good = try scratch.file("a.txt", sentence)
        let broken = try scratch.link("b.txt", to: "gone.txt")
        try scratch.link("ignored.png", to: "gone.png")
        let found = reader.gather([scratch.path])
        XCTAssertEqual(found.files, [good])
        XCTAssertEqual(found.errors, [.brokenLink(path: broken, target: "gone.txt")])
        XCTAssertEqual(found.errors[0].description,
                       "\(broken): broken symbolic link (its target gone.txt does not exist); skipped")
        XCTAssertEqual(reader.collect([broken]).errors, [.brokenLink(path: broken, target: "gone.txt")])
        XCTAssertEqual(readError(broken), .brokenLink(path: broken, target: "gone.txt"))
    }

    /// Links that point at each other, and a folder link back to its own
    /// parent: no endless walk, each file read once.
    func testSymlinkLoopsEndAndEachFileIsReadOnce() throws {
        let scratch = try Scratch("loop")
        let good = try scratch.file("sub/a.txt", sentence)
        let selfLoop = try scratch.link("self.txt", to: "self.txt")
        let one = try scratch.link("one.txt", to: "two.txt")
        let two = try scratch.link("two.txt", to: "one.txt")
        let back = try scratch.link("sub/back", to: "..")
        let again = try scratch.link("sub/again", to: ".")
        let found = reader.gather([scratch.path])
        XCTAssertEqual(found.files, [good])
        XCTAssertEqual(Set(found.errors), [.linkLoop(path: one), .linkLoop(path: two), .linkLoop(path: selfLoop)])
        XCTAssertEqual(found.warnings.map(\.path).sorted(), [again, back].sorted())
        XCTAssertTrue(found.warnings.allSatisfy { $0.message.contains("(a loop); not followed") }, "\(found.warnings)")
        XCTAssertEqual(readError(one), .linkLoop(path: one))
    }

    /// A folder link to a folder outside the input, or a file link to
    /// `/etc/passwd`: not followed, so a downloaded folder cannot make
    /// Parley read (and publish in its graph) a file of the machine.
    func testLinksOutsideTheFolderAreNotFollowed() throws {
        let scratch = try Scratch("outside")
        let outside = try Scratch("outside-target")
        let secret = try outside.file("secret.txt", "Secret: Hamas rejected the truce.")
        try scratch.folder("corpus")
        let good = try scratch.file("corpus/a.txt", sentence)
        let fileLink = try scratch.link("corpus/passwd.txt", to: "/etc/passwd")
        let folderLink = try scratch.link("corpus/elsewhere", to: outside.path)
        let inside = try scratch.link("corpus/inside.txt", to: "a.txt")
        let found = reader.gather([scratch.path("corpus")])
        XCTAssertEqual(found.files, [good])
        XCTAssertEqual(found.errors, [
            .linkOutsideFolder(path: folderLink, target: FileBytes.realPath(outside.path)!, folder: scratch.path("corpus")),
            .linkOutsideFolder(path: fileLink, target: "/etc/passwd", folder: scratch.path("corpus")),
        ])
        XCTAssertEqual(found.warnings.map(\.path), [inside], "a link to a file already taken is read once")
        // Named on the command line, a link is the user's choice: followed.
        XCTAssertEqual(reader.collect([folderLink]).files, [folderLink + "/secret.txt"])
        XCTAssertEqual(try reader.read(path: secret).0.info.name, "secret.txt")
        var trusting = DocumentReader()
        trusting.followsLinksOutsideFolders = true
        XCTAssertEqual(trusting.gather([scratch.path("corpus")]).files.count, 3)
    }

    func testHiddenEntriesAreSkippedInFoldersButReadWhenNamed() throws {
        let scratch = try Scratch("hidden")
        let good = try scratch.file("a.txt", sentence)
        let appleDouble = try scratch.file("._a.txt", [0, 5, 22, 7, 0, 2, 0, 0] + Array(repeating: 0, count: 80))
        try scratch.file(".git/notes.txt", sentence)
        XCTAssertEqual(reader.collect([scratch.path]).files, [good])
        XCTAssertEqual(reader.collect([appleDouble]).files, [appleDouble])
    }

    func testFolderWithoutArticlesIsAWarning() throws {
        let scratch = try Scratch("no-articles")
        try scratch.file("notes.pdf", "x")
        let found = reader.gather([scratch.path])
        XCTAssertEqual(found.files, [])
        XCTAssertEqual(found.errors, [])
        XCTAssertEqual(found.warnings, [DocumentWarning(path: scratch.path, message: "no article file in this folder (looked for .md, .txt)")])
    }

    func testSameFileTwiceIsReadOnce() throws {
        let scratch = try Scratch("twice")
        let good = try scratch.file("a.txt", sentence)
        let found = reader.gather([scratch.path, good])
        XCTAssertEqual(found.files, [good])
        XCTAssertEqual(found.warnings, [DocumentWarning(path: good, message: "same file or folder as \(good); read once")])
    }

    func testFileNameThatIsNotUTF8IsAnErrorNamingIt() throws {
        let scratch = try Scratch("badname")
        let good = try scratch.file("a.txt", sentence)
        var name = Array((scratch.path + "/caf").utf8) + [0xE9] + Array(".txt".utf8) + [0]
        let fd = name.withUnsafeMutableBytes { open($0.baseAddress!.assumingMemoryBound(to: CChar.self), O_WRONLY | O_CREAT, 0o644) }
        XCTAssertGreaterThanOrEqual(fd, 0)
        close(fd)
        let found = reader.gather([scratch.path])
        XCTAssertEqual(found.files, [good])
        XCTAssertEqual(found.errors, [.unreadable(path: scratch.path + "/caf\u{FFFD}.txt",
                                                  reason: "the name is not valid UTF-8; rename it")])
    }

    /// Good and bad files in one folder: every bad one is named once, every
    /// good one is read.
    func testOneFolderOfGoodAndBadFiles() throws {
        let scratch = try Scratch("mixed-folder")
        var good: [String] = []
        for i in 0..<5 { good.append(try scratch.file("good\(i).txt", sentence)) }
        try scratch.file("empty.txt", "")
        try scratch.file("image.txt", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])
        try scratch.link("broken.txt", to: "nowhere")
        XCTAssertEqual(mkfifo(scratch.path("fifo.md"), 0o600), 0)
        let found = reader.gather([scratch.path])
        var read: [String] = [], failed: [String] = []
        for path in found.files {
            do { _ = try reader.read(path: path); read.append(path) } catch { failed.append(error.path) }
        }
        XCTAssertEqual(read, good)
        XCTAssertEqual((failed + found.errors.map(\.path)).map { ($0 as NSString).lastPathComponent }.sorted(),
                       ["broken.txt", "empty.txt", "fifo.md", "image.txt"])
    }
}

/// A seeded generator, so "random" bytes are the same on every run.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
