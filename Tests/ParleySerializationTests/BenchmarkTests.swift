import Foundation
import XCTest
import ParleyGraph
import ParleySerialization

/// Write speed of each serializer on a synthetic graph (100k nodes, 300k
/// edges by default). Runs only with `PARLEY_BENCH=1`, in a release build:
///
///     PARLEY_BENCH=1 swift test -c release -Xswiftc -enable-testing \
///         --scratch-path .build-ser --filter BenchmarkTests
///
/// `PARLEY_BENCH_NODES` and `PARLEY_BENCH_EDGES` change the size,
/// `PARLEY_BENCH_FORMATS=graphml,rdf,dot` the formats measured.
final class BenchmarkTests: XCTestCase {
    func testWriteSpeed() throws {
        let environment = ProcessInfo.processInfo.environment
        guard environment["PARLEY_BENCH"] != nil else { throw XCTSkip("set PARLEY_BENCH=1 to measure") }
        let nodes = Int(environment["PARLEY_BENCH_NODES"] ?? "") ?? 100_000
        let edges = Int(environment["PARLEY_BENCH_EDGES"] ?? "") ?? 300_000
        let graph = TestGraphs.synthetic(nodes: nodes, edges: edges)
        let folder = try TestGraphs.temporaryFolder("bench")
        defer { try? FileManager.default.removeItem(at: folder) }
        let serializers: [any GraphSerializer] = [
            GraphMLSerializer(ontology: TestGraphs.ontology), RDFXMLSerializer(ontology: TestGraphs.ontology),
            DOTSerializer(ontology: TestGraphs.ontology), DOTSerializer(ontology: TestGraphs.ontology, mergeParallelEdges: false),
        ]
        let only = environment["PARLEY_BENCH_FORMATS"].map { $0.split(separator: ",").map(String.init) }
        for serializer in serializers where only?.contains(type(of: serializer).format.rawValue) ?? true {
            var best = Double.infinity
            var bytes = 0
            for _ in 0..<3 {
                let start = DispatchTime.now().uptimeNanoseconds
                let report = try serializer.write(graph, to: folder.appendingPathComponent("out").path)
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                best = min(best, seconds)
                bytes = report.bytesWritten
            }
            let name = "\(type(of: serializer))" + ((serializer as? DOTSerializer)?.mergeParallelEdges == false ? " (no merge)" : "")
            print(String(format: "BENCH %@: %d nodes, %d edges, %.1f MB in %.3f s = %.0f MB/s",
                         name, nodes, edges, Double(bytes) / 1e6, best, Double(bytes) / 1e6 / best))
        }
    }
}
