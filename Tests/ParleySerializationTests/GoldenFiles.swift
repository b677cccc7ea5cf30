import Foundation
import ParleySerialization
import XCTest

extension XCTestCase {
    /// Writes `TestGraphs.small` with `serializer` and compares the bytes
    /// with `Golden/name`, naming the first line that differs. A missing
    /// golden file, or `PARLEY_RECORD_GOLDEN=1`, records it and fails.
    /// `noReplacements`: the small graph needs no character replaced.
    func assertGolden(_ serializer: some GraphSerializer, name: String, noReplacements: Bool = false,
                      file: StaticString = #filePath, line: UInt = #line) throws {
        let folder = try TestGraphs.temporaryFolder("golden")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(name).path
        let report = try serializer.write(TestGraphs.small, to: path)
        let actual = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertEqual(report.bytesWritten, actual.count, file: file, line: line)
        if noReplacements { XCTAssertEqual(report.replacedCharacters, 0, file: file, line: line) }
        let golden = TestGraphs.packageRoot.appendingPathComponent("Tests/ParleySerializationTests/Golden/" + name)
        if ProcessInfo.processInfo.environment["PARLEY_RECORD_GOLDEN"] != nil
            || !FileManager.default.fileExists(atPath: golden.path) {
            try actual.write(to: golden)
            XCTFail("recorded \(golden.path); check it and run again", file: file, line: line)
            return
        }
        let expected = try Data(contentsOf: golden)
        if actual != expected {
            let actualText = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let expectedText = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let firstDifference = zip(actualText, expectedText).enumerated().first { $0.element.0 != $0.element.1 }
            XCTFail("\(name) differs from the golden file"
                    + (firstDifference.map { " at line \($0.offset + 1):\n  got      \($0.element.0)\n  expected \($0.element.1)" }
                       ?? " in length (\(actualText.count) vs \(expectedText.count) lines)")
                    + "\n(PARLEY_RECORD_GOLDEN=1 rewrites it)", file: file, line: line)
        }
    }
}
