import Foundation
import XCTest

/// docs/EXAMPLES.md's NetworkX, Graphviz, rdflib and Oxigraph examples (and
/// its `parley` commands), run exactly as written on the committed
/// `output/` by `Clients/docs_examples.py`.
final class ExamplesDocTests: XCTestCase {
    func testExamplesRunAsWritten() throws {
        let root = GoldenOutputTests.root
        let script = root.appendingPathComponent("Tests/ParleyInteropTests/Clients/docs_examples.py").path
        for program in ["python3", "dot", "sfdp"] where !TestGraphs.isInstalled(program) {
            XCTFail("\(program) is not installed; run scripts/install-test-deps")
            return
        }
        let result = try TestGraphs.run(["python3", script, root.path, try Self.parleyFolder()])
        XCTAssertEqual(result.status, 0,
                       "docs/EXAMPLES.md examples failed (install the clients with scripts/install-test-deps):\n\(result.output)")
    }

    /// The folder of the `parley` executable built with the tests.
    static func parleyFolder() throws -> String {
        // Not `Bundle.allBundles`: Foundation leaks it, which LeakSanitizer
        // reports at exit (`swift test --sanitize=address`).
        var candidates: [URL] = []
        if let executable = Bundle.main.executableURL { candidates.append(executable.deletingLastPathComponent()) }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for folder in candidates where FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("parley").path) {
            return folder.path
        }
        XCTFail("the parley executable is not next to the test bundle (\(candidates.map(\.path))); run swift build first")
        throw XCTSkip("parley missing")
    }
}
