import XCTest
import ParleyXML

/// The escaping of `XMLOutput` (ParleyXML), byte for byte.
final class XMLOutputTests: XCTestCase {
    private func text(_ s: String) -> String { String(decoding: XMLOutput.escape(s, attribute: false).bytes, as: UTF8.self) }
    private func attribute(_ s: String) -> String { String(decoding: XMLOutput.escape(s, attribute: true).bytes, as: UTF8.self) }

    func testTextEscaping() {
        XCTAssertEqual(text("a & b < c > d \" ' ]]>"), "a &amp; b &lt; c &gt; d \" ' ]]&gt;")
        XCTAssertEqual(text("tab\tlf\ncr\r"), "tab\tlf\ncr&#13;")
        XCTAssertEqual(text("🙂 停火 é"), "🙂 停火 é")
        XCTAssertEqual(text("\u{EFFF}\u{FFFD}\u{FEFF}"), "\u{EFFF}\u{FFFD}\u{FEFF}")
    }

    func testAttributeEscaping() {
        XCTAssertEqual(attribute("a\"b\tc\nd\re&<>"), "a&quot;b&#9;c&#10;d&#13;e&amp;&lt;&gt;")
    }

    func testCharactersOutsideXMLAreReplacedAndCounted() {
        let (bytes, count) = XMLOutput.escape("a\u{0}b\u{1}c\u{1F}d\u{FFFE}e\u{FFFF}f\u{7F}\u{85}", attribute: false)
        XCTAssertEqual(String(decoding: bytes, as: UTF8.self), "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}f\u{7F}\u{85}")
        XCTAssertEqual(count, 5)
    }

    func testLongStringsCrossBufferBoundaries() throws {
        let path = NSTemporaryDirectory() + "xmloutput-\(getpid()).txt"
        defer { unlink(path) }
        let output = try XMLOutput(path: path, capacity: 4096)
        let piece = "&\u{1}🙂\u{FFFE}x"
        let long = String(repeating: piece, count: 5000)
        output.write("<a>")
        output.writeText(long)
        output.write("</a>")
        output.write(decimal: Int.min)
        output.write(decimal: 0)
        output.write(decimal: Int.max)
        let written = try output.close()
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertEqual(written, data.count)
        let expected = "<a>" + String(repeating: "&amp;\u{FFFD}🙂\u{FFFD}x", count: 5000) + "</a>"
            + "\(Int.min)0\(Int.max)"
        XCTAssertEqual(String(decoding: data, as: UTF8.self), expected)
        XCTAssertEqual(output.replacementCount, 10_000)
    }

    func testWriteErrorsNameTheOperation() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let output = try XMLOutput(path: "/dev/full")
        output.writeText(String(repeating: "x", count: 1 << 20))
        XCTAssertThrowsError(try output.close()) { error in
            guard case XMLOutputError.write(let operation, _, let code, let message) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(operation, "xmlOutputBufferWrite")
            XCTAssertEqual(code, ENOSPC)
            // libxml2's report is kept in the error instead of printed.
            XCTAssertEqual(message, "write error")
            XCTAssertTrue("\(error)".hasSuffix("(libxml2: write error)"), "\(error)")
        }
    }

    func testOpenErrorNamesThePath() {
        XCTAssertThrowsError(try XMLOutput(path: "/nonexistent-parley/x")) { error in
            XCTAssertEqual(error as? XMLOutputError, .open(path: "/nonexistent-parley/x", errno: ENOENT))
        }
    }
}
