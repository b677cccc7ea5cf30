import Foundation
import XCTest
import ParleySerialization

/// Issue 6, the command line: the built `parley` on real inputs (a saved
/// page, feeds, a dump with a bad line, standard input), every output
/// format, `convert`, `stats`, `--json`, progress on a terminal, `--render`
/// without Graphviz, and the documented exit statuses.
final class ParleyCommandTests: XCTestCase {
    static let root = GoldenOutputTests.root
    static let articles = root.appendingPathComponent("Tests/ParleyExtractionTests/Fixtures/articles")

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    var scratch: URL!

    override func setUpWithError() throws {
        scratch = try TestGraphs.temporaryFolder("cli6")
        for name in ["seeds", "ontology"] {
            try FileManager.default.createSymbolicLink(at: scratch.appendingPathComponent(name),
                                                       withDestinationURL: Self.root.appendingPathComponent(name))
        }
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    func path(_ relative: String) -> String { scratch.appendingPathComponent(relative).path }

    /// Runs the built `parley` in the scratch folder.
    func parley(_ arguments: [String], stdin: Data? = nil, environment: [String: String]? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try ExamplesDocTests.parleyFolder() + "/parley")
        process.arguments = arguments
        process.currentDirectoryURL = scratch
        process.environment = TestGraphs.childEnvironment(environment)
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = stdin == nil ? FileHandle.nullDevice : input
        try process.run()
        if let stdin {
            input.fileHandleForWriting.write(stdin)
            try input.fileHandleForWriting.close()
        }
        let box = OutputBox()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            box.data = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: box.data, as: UTF8.self))
    }

    func files(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path(folder)).filter { !$0.hasPrefix(".") }.sorted()
    }

    func read(_ relative: String) throws -> String { try String(contentsOfFile: path(relative), encoding: .utf8) }

    // MARK: Tests

    /// `parley` with no arguments: seeds/ in, the three README files out.
    func testNoArgumentsReadsSeedsAndWritesTheThreeDefaultFiles() throws {
        let result = try parley([])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try files("output"), ["graph.dot", "graph.graphml", "graph.rdf"])
        XCTAssertTrue(result.stdout.contains("Documents: 5 read"), result.stdout)
        XCTAssertTrue(result.stdout.contains("output/graph.graphml"), result.stdout)
        XCTAssertEqual(result.stderr, "", "no progress when standard error is not a terminal")
        // The same bytes as the library gives (what GoldenOutputTests
        // compares with the committed output/).
        let (graph, ontology) = try GoldenOutputTests.seedsGraph(threads: 2)
        for format in OutputFormat.defaults {
            let library = path("library." + format.fileExtension)
            _ = try format.serializer(ontology: ontology).write(graph, to: library)
            let written = try Data(contentsOf: URL(fileURLWithPath: path("output/" + format.defaultFileName)))
            XCTAssertTrue(written == (try Data(contentsOf: URL(fileURLWithPath: library))),
                          "\(format.defaultFileName) differs from what the library writes")
        }
    }

    func testEveryFormatAndTheJSONSummary() throws {
        let result = try parley(["seeds", "--format", "all", "--output", "all", "--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try files("all"), ["graph.dot", "graph.graphml", "graph.nt", "graph.rdf", "graph.ttl",
                                          "neo4j-nodes.csv", "neo4j-relationships.csv"])
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(json["documentsRead"] as? Int, 5)
        XCTAssertEqual(json["exitStatus"] as? Int, 0)
        XCTAssertEqual((json["files"] as? [[String: Any]])?.count, 7)
        XCTAssertGreaterThan(json["edges"] as? Int ?? 0, 10)
        let split = try parley(["seeds", "-f", "ttl", "-f", "neo4j,ttl", "-o", "some", "--quiet"])
        XCTAssertEqual(split.status, 0, split.stderr)
        XCTAssertEqual(split.stdout, "")
        XCTAssertEqual(try files("some"), ["graph.ttl", "neo4j-nodes.csv", "neo4j-relationships.csv"])
        let yEd = try parley(["seeds", "-f", "graphml", "--yed", "-o", "yed", "--quiet"])
        XCTAssertEqual(yEd.status, 0, yEd.stderr)
        XCTAssertTrue(try read("yed/graph.graphml").contains("<y:ShapeNode>"), "--yed wrote no yEd graphics")
    }

    /// A page, two feeds and a dump with bad lines: exit 1, each bad line
    /// named, the graph of the rest written with titles, links and dates in
    /// GraphML, RDF/XML, DOT and the Neo4j CSV.
    func testRealArticleFormatsEndToEnd() throws {
        try FileManager.default.createDirectory(atPath: path("in"), withIntermediateDirectories: true)
        for name in ["news-page.html", "ceasefire-feed.rss", "ceasefire-feed.atom", "dump.jsonl"] {
            try FileManager.default.copyItem(atPath: Self.articles.appendingPathComponent(name).path, toPath: path("in/" + name))
        }
        let result = try parley(["in", "--format", "all", "--output", "out"])
        XCTAssertEqual(result.status, 1, result.stderr)
        let errors = result.stderr.split(separator: "\n").map(String.init)
        for line in [3, 6, 7, 8, 9, 10] {
            XCTAssertEqual(errors.filter { $0.hasPrefix("parley: in/dump.jsonl:\(line): ") }.count, 1, result.stderr)
        }
        XCTAssertTrue(errors.contains("parley: in/ceasefire-feed.rss: item 4 holds no text; skipped"), result.stderr)
        XCTAssertTrue(result.stdout.contains("6 failed"), result.stdout)

        let graphml = try read("out/graph.graphml")
        XCTAssertTrue(graphml.contains(">news-page.html<"))
        XCTAssertTrue(graphml.contains(">ceasefire-feed.rss#1<"))
        XCTAssertTrue(graphml.contains(">Hezbollah rejects US-brokered truce as talks stall<"), "no document title in GraphML")
        XCTAssertTrue(graphml.contains(">2024-11-21<"), "no document date in GraphML")
        let rdf = try read("out/graph.rdf")
        XCTAssertTrue(rdf.contains("<dcterms:title>Hezbollah rejects US-brokered truce as talks stall</dcterms:title>"))
        XCTAssertTrue(rdf.contains("https://levantledger.example/news/2024/11/21/hezbollah-rejects-truce</schema:url>"))
        XCTAssertTrue(rdf.contains(">2024-11-21</dcterms:date>"))
        let dot = try read("out/graph.dot")
        XCTAssertTrue(dot.contains("Hezbollah rejects US-brokered truce as talks stall"), "no document title in DOT tooltips")
        let relationships = try read("out/neo4j-relationships.csv")
        XCTAssertTrue(relationships.contains("\"news-page.html\",\"Hezbollah rejects US-brokered truce as talks stall\","
                                             + "\"https://levantledger.example/news/2024/11/21/hezbollah-rejects-truce\",\"2024-11-21\""))
        let ttl = try read("out/graph.ttl")
        XCTAssertTrue(ttl.contains("dcterms:date \"2024-11-21\"^^xsd:date"))
    }

    func testStandardInputAsTextAndAsJSONLines() throws {
        let text = try parley(["-", "--output", "t", "--json"], stdin: Data("Hamas rejected the Egyptian truce plan.\n".utf8))
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(try read("t/graph.graphml").contains(">stdin<"))
        let lines = "{\"id\": \"w1\", \"title\": \"Gaza\", \"text\": \"Hamas rejected the Egyptian truce plan.\"}\n{oops\n"
        let jsonl = try parley(["-", "--output", "j", "--quiet"], stdin: Data(lines.utf8))
        XCTAssertEqual(jsonl.status, 1)
        XCTAssertEqual(jsonl.stderr, "parley: -:2: not valid JSON; line skipped\n")
        XCTAssertTrue(try read("j/graph.graphml").contains(">w1<"))
    }

    func testConvertAndStats() throws {
        XCTAssertEqual(try parley(["seeds", "--output", "out", "--quiet"]).status, 0)
        let fromRDF = try parley(["convert", "out/graph.rdf", "--to", "graphml,ttl", "--output", "conv", "--quiet"])
        XCTAssertEqual(fromRDF.status, 0, fromRDF.stderr)
        XCTAssertTrue(try read("conv/graph.graphml") == read("out/graph.graphml"), "RDF/XML → GraphML is not the graph")
        let fromGraphML = try parley(["convert", "conv/graph.graphml", "--to", "rdf,neo4j", "--output", "conv2", "--quiet"])
        XCTAssertEqual(fromGraphML.status, 0, fromGraphML.stderr)
        XCTAssertTrue(try read("conv2/graph.rdf") == read("out/graph.rdf"), "GraphML → RDF/XML is not the graph")
        XCTAssertEqual(try files("conv2"), ["graph.rdf", "neo4j-nodes.csv", "neo4j-relationships.csv"])

        let overwrite = try parley(["convert", "out/graph.graphml", "--to", "graphml"])
        XCTAssertEqual(overwrite.status, 2)
        XCTAssertTrue(overwrite.stderr.contains("is the input"), overwrite.stderr)
        XCTAssertEqual(try parley(["convert", "out/graph.graphml"]).status, 2, "--to is required")
        let missing = try parley(["convert", "nothing.rdf", "--to", "ttl"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.hasPrefix("parley: cannot read nothing.rdf"), missing.stderr)

        let stats = try parley(["stats", "out/graph.graphml", "--top", "3", "--json"])
        XCTAssertEqual(stats.status, 0, stats.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(json["documents"] as? Int, 5)
        XCTAssertEqual((json["topNodes"] as? [Any])?.count, 3)
        let table = try parley(["stats", "out/graph.rdf"])
        XCTAssertEqual(table.status, 0, table.stderr)
        XCTAssertTrue(table.stdout.contains("Relation"), table.stdout)
    }

    func testRenderSaysHowToInstallGraphvizWhenItIsMissing() throws {
        let noGraphviz = try parley(["seeds", "--output", "r", "--render", "svg", "--quiet"],
                                    environment: ["PATH": path("empty-bin")])
        XCTAssertEqual(noGraphviz.status, 0, noGraphviz.stderr)
        XCTAssertTrue(noGraphviz.stderr.contains("Graphviz is not installed"), noGraphviz.stderr)
        XCTAssertTrue(noGraphviz.stderr.contains("apt-get install graphviz"), noGraphviz.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("r/graph.svg")))
        guard TestGraphs.isInstalled("dot") else { return XCTFail("Graphviz is not installed: apt-get install graphviz") }
        let rendered = try parley(["seeds", "--output", "r", "--render", "svg", "--quiet"])
        XCTAssertEqual(rendered.status, 0, rendered.stderr)
        XCTAssertTrue(try read("r/graph.svg").contains("<svg"))
    }

    func testUsageErrorsExitTwo() throws {
        for arguments in [["--format", "xlsx"], ["--threads", "0"], ["--render", "gif"], ["stats", "--top", "-1"],
                          ["--no-such-option"]] {
            let result = try parley(arguments)
            XCTAssertEqual(result.status, 2, "\(arguments): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("Error:"), result.stderr)
        }
        let help = try parley(["--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("EXIT STATUS"))
        let completion = try parley(["--generate-completion-script", "bash"])
        XCTAssertEqual(completion.status, 0)
        XCTAssertTrue(completion.stdout.contains("convert"), "the completion script does not know the subcommands")
    }

    /// On a terminal a run over a second shows progress (rate, time left) on
    /// standard error and clears it; `--quiet` shows none.
    func testProgressOnATerminal() throws {
        guard TestGraphs.isInstalled("script") else {
            return XCTFail("script (util-linux) is needed to give parley a terminal")
        }
        for round in 0..<8 {
            let folder = path("many/r\(round)")
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for name in try FileManager.default.contentsOfDirectory(atPath: path("seeds")) {
                try FileManager.default.copyItem(atPath: path("seeds/" + name), toPath: folder + "/\(round)-" + name)
            }
        }
        let parley = try ExamplesDocTests.parleyFolder() + "/parley"
        func onTerminal(_ arguments: String) throws -> String {
            // No one-second wait: however fast this machine is, the line must show.
            let command = "PARLEY_PROGRESS_DELAY=0 \(parley) many --output p --threads 1 \(arguments) 2>&1 >/dev/null"
            return try TestGraphs.run(["script", "-qec", command, "/dev/null"], in: scratch).output
        }
        let shown = try onTerminal("")
        XCTAssertTrue(shown.contains("extracting") && shown.contains("documents") && shown.contains("/s"), shown)
        XCTAssertTrue(shown.contains("left"), shown)
        XCTAssertTrue(shown.contains("\r\u{1B}[K"), "the progress line is not cleared")
        let quiet = try onTerminal("--quiet")
        XCTAssertFalse(quiet.contains("extracting"), quiet)
    }
}

/// Bytes read on another thread, used after it finished.
final class OutputBox: @unchecked Sendable {
    var data = Data()
}
