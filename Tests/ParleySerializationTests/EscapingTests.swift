import Foundation
import XCTest
import ParleyXML
@testable import ParleySerialization

/// The word-at-a-time escapers against simple per-scalar references, on
/// random strings full of the characters that matter, at every alignment.
final class EscapingTests: XCTestCase {
    static let alphabet: [Unicode.Scalar] = [
        "a", "b", " ", "&", "<", ">", "\"", "'", "\\", "\t", "\n", "\r", "\u{0}", "\u{1}", "\u{1F}", "\u{7F}",
        "\u{85}", "é", "停", "\u{EFBF}", "\u{FFFD}", "\u{FFFE}", "\u{FFFF}", "\u{FEFF}", "🙂", "]",
    ]

    static func randomStrings(seed: UInt64, count: Int) -> [String] {
        var state = seed
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        return (0..<count).map { _ in
            var s = String.UnicodeScalarView()
            for _ in 0..<(next() % 70) {
                // Runs of plain letters exercise the eight-byte path.
                if next() % 3 == 0 {
                    s.append(contentsOf: String(repeating: "x", count: next() % 19).unicodeScalars)
                }
                s.append(alphabet[next() % alphabet.count])
            }
            return String(s)
        }
    }

    static func isXMLChar(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    static func referenceXML(_ s: String, attribute: Bool) -> (String, Int) {
        var out = ""
        var replaced = 0
        for c in s.unicodeScalars {
            guard isXMLChar(c) else {
                out += "\u{FFFD}"
                replaced += 1
                continue
            }
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\r": out += "&#13;"
            case "\"" where attribute: out += "&quot;"
            case "\t" where attribute: out += "&#9;"
            case "\n" where attribute: out += "&#10;"
            default: out.unicodeScalars.append(c)
            }
        }
        return (out, replaced)
    }

    static func referenceDOT(_ s: String) -> (String, Int) {
        var out = ""
        var replaced = 0
        for c in s.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": break
            default:
                if isXMLChar(c) {
                    out.unicodeScalars.append(c)
                } else {
                    out += "\u{FFFD}"
                    replaced += 1
                }
            }
        }
        return (out, replaced)
    }

    func testXMLEscapingMatchesTheReference() {
        for (k, s) in Self.randomStrings(seed: 1, count: 3000).enumerated() {
            for attribute in [false, true] {
                let (bytes, replaced) = XMLOutput.escape(s, attribute: attribute)
                let (expected, expectedReplaced) = Self.referenceXML(s, attribute: attribute)
                XCTAssertEqual(String(decoding: bytes, as: UTF8.self), expected, "string \(k) \(s.debugDescription)")
                XCTAssertEqual(replaced, expectedReplaced)
            }
        }
    }

    func testDOTEscapingMatchesTheReference() throws {
        let strings = Self.randomStrings(seed: 2, count: 3000)
        let path = NSTemporaryDirectory() + "dot-escape-\(getpid()).txt"
        defer { unlink(path) }
        let output = try XMLOutput(path: path, capacity: 4096)
        let w = DOTWriter(out: output)
        var expected = ""
        var expectedReplaced = 0
        for s in strings {
            let (reference, replaced) = Self.referenceDOT(s)
            XCTAssertEqual(String(decoding: DOTWriter.escapedBytes(s).bytes, as: UTF8.self), reference)
            expected += reference + "|"
            expectedReplaced += replaced
            w.escaped(s)
            output.write("|")
            w.escaped(s.dropFirst())
            expected += Self.referenceDOT(String(s.dropFirst())).0 + "|"
            expectedReplaced += Self.referenceDOT(String(s.dropFirst())).1
            output.write("|")
        }
        try output.close()
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), expected)
        XCTAssertEqual(output.replacementCount, expectedReplaced)
    }
}
