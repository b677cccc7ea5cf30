import Foundation

/// The benchmark's command line. Parsed by hand: the target depends on the
/// Parley libraries only.
struct BenchOptions {
    var corpusMB = 20.0
    var seed: UInt64 = 1
    var threads = ProcessInfo.processInfo.activeProcessorCount
    var nodes = 1_000_000
    var edges = 3_000_000
    var peerNodes = 200_000
    var peerEdges = 600_000
    var peers = ["networkx-lxml", "networkx-xml", "igraph", "rdflib", "pyoxigraph"]
    var python = "python3"
    var peerScript = "scripts/bench_peers.py"
    var work: String?
    var keepFiles = false
    var skip: Set<String> = []
    var ontology: String?
    var formats: [String] = ["graphml", "rdf", "dot"]
    var repeats = 2

    static let usage = """
        parley-bench: Parley's extraction and serializer speed, and the peers on the same graph.

        usage: parley-bench [options]
          --corpus-mb X        size of the extraction corpus in MB (default 20)
          --seed N             seed of the corpus variations and the synthetic graphs (default 1)
          --threads N          threads for the parallel extraction run (default: one per core)
          --nodes N --edges M  synthetic graph for the serializers (default 1,000,000 / 3,000,000)
          --peer-nodes N --peer-edges M
                               graph the peers and Parley are compared on (default 200,000 / 600,000)
          --peers LIST         comma-separated: networkx-lxml, networkx-xml, igraph, rdflib, pyoxigraph
          --python PATH        Python with the peers installed (default python3)
          --peer-script PATH   default scripts/bench_peers.py
          --work DIR           folder for the files written (default: a fresh folder in $TMPDIR)
          --keep-files         keep the files written (large: GBs at the default size)
          --skip LIST          comma-separated phases to skip: extraction, serializers, peers
          --ontology DIR       default ./ontology
          --repeat N           runs of each Parley measurement; the fastest is reported, the
                               highest peak memory (default 2; peers run once)
          --formats LIST       serializers measured in phase 2: graphml, rdf, dot (default all three)
          --quick              a small run: 2 MB corpus, 100k/300k graph, 20k/60k peer graph
        """

    static func parse(_ arguments: [String]) throws -> BenchOptions {
        var o = BenchOptions()
        var i = 0
        func value() throws -> String {
            i += 1
            guard i < arguments.count else { throw BenchError.usage("\(arguments[i - 1]) needs a value") }
            return arguments[i]
        }
        func integer() throws -> Int {
            let text = try value().replacingOccurrences(of: "_", with: "").replacingOccurrences(of: ",", with: "")
            guard let n = Int(text), n >= 0 else { throw BenchError.usage("\(arguments[i - 1]) takes a count, not \(text)") }
            return n
        }
        while i < arguments.count {
            switch arguments[i] {
            case "--corpus-mb":
                guard let x = Double(try value()), x > 0 else { throw BenchError.usage("--corpus-mb takes a size in MB") }
                o.corpusMB = x
            case "--seed": o.seed = UInt64(try integer())
            case "--threads": o.threads = max(1, try integer())
            case "--nodes": o.nodes = max(4, try integer())
            case "--edges": o.edges = try integer()
            case "--peer-nodes": o.peerNodes = max(4, try integer())
            case "--peer-edges": o.peerEdges = try integer()
            case "--peers": o.peers = try value().split(separator: ",").map(String.init)
            case "--python": o.python = try value()
            case "--peer-script": o.peerScript = try value()
            case "--work": o.work = try value()
            case "--keep-files": o.keepFiles = true
            case "--skip": o.skip.formUnion(try value().split(separator: ",").map(String.init))
            case "--ontology": o.ontology = try value()
            case "--repeat": o.repeats = max(1, try integer())
            case "--formats": o.formats = try value().split(separator: ",").map(String.init)
            case "--quick":
                o.corpusMB = 2; o.repeats = 1; o.nodes = 100_000; o.edges = 300_000; o.peerNodes = 20_000; o.peerEdges = 60_000
            case "-h", "--help":
                throw BenchError.help
            default:
                throw BenchError.usage("unknown option \(arguments[i])")
            }
            i += 1
        }
        let known: Set<String> = ["extraction", "serializers", "peers"]
        if let bad = o.skip.subtracting(known).first { throw BenchError.usage("--skip takes \(known.sorted()), not \(bad)") }
        return o
    }
}

/// Why the benchmark stopped.
enum BenchError: Error, CustomStringConvertible {
    case help
    case usage(String)
    case failed(String)

    var description: String {
        switch self {
        case .help: return BenchOptions.usage
        case .usage(let message): return "parley-bench: \(message)\n\n" + BenchOptions.usage
        case .failed(let message): return "parley-bench: \(message)"
        }
    }
}
