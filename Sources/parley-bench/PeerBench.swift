import Foundation

/// Phase 3: runs `scripts/bench_peers.py` on the graph `PeerExport` wrote
/// and collects one result per peer.
struct PeerBench {
    struct Result {
        var peer: String
        var label: String
        /// `graphml` or `rdf`: the Parley format it is compared with.
        var format: String
        var bytes: Int
        var seconds: Double
        var cpu: Double
        var extraPeak: Int?
        var peak: Int
        var loadSeconds: Double
        /// How the peer's columns compare with Parley's GraphML ("same").
        var columns: String
        var error: String?
    }

    let options: BenchOptions
    let work: String

    func run() -> [Result] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [options.python, options.peerScript, "--work", work, "--peers", options.peers.joined(separator: ",")]
        var environment = ProcessInfo.processInfo.environment
        if options.keepFiles { environment["PARLEY_BENCH_KEEP"] = "1" }
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        do {
            try process.run()
        } catch {
            return options.peers.map { failed($0, "cannot run \(options.python) \(options.peerScript): \(error)") }
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        var results: [Result] = []
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let peer = object["peer"] as? String else { continue }
            if let error = object["error"] as? String {
                results.append(failed(peer, error))
                continue
            }
            results.append(Result(
                peer: peer, label: object["label"] as? String ?? peer, format: object["format"] as? String ?? "",
                bytes: object["bytes"] as? Int ?? 0, seconds: object["seconds"] as? Double ?? 0,
                cpu: object["cpu"] as? Double ?? 0, extraPeak: object["extra_peak"] as? Int,
                peak: object["peak"] as? Int ?? 0, loadSeconds: object["load_seconds"] as? Double ?? 0,
                columns: object["columns"] as? String ?? "?", error: nil))
        }
        for peer in options.peers where !results.contains(where: { $0.peer == peer }) {
            results.append(failed(peer, "no result (exit status \(process.terminationStatus))"))
        }
        return results
    }

    func failed(_ peer: String, _ error: String) -> Result {
        Result(peer: peer, label: peer, format: "", bytes: 0, seconds: 0, cpu: 0, extraPeak: nil, peak: 0,
               loadSeconds: 0, columns: "", error: error)
    }
}
