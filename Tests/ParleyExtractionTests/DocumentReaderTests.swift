import XCTest
@testable import ParleyExtraction

final class DocumentReaderTests: XCTestCase {
    let reader = DocumentReader()

    func testUTF8BOMIsDroppedAndLineEndsNormalised() throws {
        let (text, warnings) = try reader.decode(Data([0xEF, 0xBB, 0xBF] + Array("a\r\nb\rc".utf8)), path: "x.txt")
        XCTAssertEqual(text, "a\nb\nc")
        XCTAssertTrue(warnings.isEmpty)
    }

    func testWindows1252IsTranscodedWithAWarning() throws {
        let (text, warnings) = try reader.decode(Data([0x93, 0x49, 0x73, 0x72, 0x61, 0x65, 0x6C, 0x94, 0x20, 0xE9]), path: "x.txt")
        XCTAssertEqual(text, "\u{201C}Israel\u{201D} \u{E9}")
        XCTAssertEqual(warnings.map(\.message), ["not valid UTF-8; read as Windows-1252"])
    }

    func testUTF16WithBOM() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for u in "Truce".utf16 { bytes += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        XCTAssertEqual(try reader.decode(Data(bytes), path: "x.txt").0, "Truce")
    }

    func testBinaryAndEmptyFilesAreErrorsNamingTheFile() {
        XCTAssertThrowsError(try reader.decode(Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 1, 2, 3]), path: "img.txt")) {
            XCTAssertEqual($0 as? DocumentReadError, .binary(path: "img.txt"))
        }
        XCTAssertThrowsError(try reader.decode(Data(" \n\t ".utf8), path: "blank.txt")) {
            XCTAssertEqual($0 as? DocumentReadError, .empty(path: "blank.txt"))
        }
    }

    func testCollectSortsFolderContentsAndReportsMissingPaths() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("parley-collect-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["b.txt", "a.md", "c.png"] { try Data("x".utf8).write(to: dir.appendingPathComponent(name)) }
        let (files, errors) = reader.collect([dir.path, "/no/such/path"])
        XCTAssertEqual(files.map { ($0 as NSString).lastPathComponent }, ["a.md", "b.txt"])
        XCTAssertEqual(errors, [.notFound(path: "/no/such/path")])
    }
}
