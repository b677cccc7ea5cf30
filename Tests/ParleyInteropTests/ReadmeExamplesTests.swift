import Foundation
import XCTest

/// README's SPARQL and Python examples, run as written on the committed
/// output with the real clients (rdflib, pyoxigraph, NetworkX).
final class ReadmeExamplesTests: XCTestCase {
    func testReadmeExamplesRunAsWritten() throws {
        let root = GoldenOutputTests.root
        let script = root.appendingPathComponent("Tests/ParleyInteropTests/Clients/readme_examples.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, root.path]
        process.environment = TestGraphs.childEnvironment()
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0,
                       "README examples failed (install the clients with scripts/install-test-deps):\n\(output)")
    }
}
