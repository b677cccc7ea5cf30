import ArgumentParser
import Foundation
import ParleyOntology

/// The `parley` command: `extract` (the default), `convert` and `stats`.
/// Commands parse, validate, call the library and report; nothing else.
@main
struct Parley: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parley",
        abstract: "Turn news about ceasefire and peace negotiations into a typed knowledge graph.",
        discussion: """
        `parley [INPUT ...]` is `parley extract [INPUT ...]`: it reads articles
        (.txt, .md, saved .html pages, RSS and Atom feeds, JSON Lines dumps, or -
        for standard input), extracts actors, organizations, proposals and
        conditions and the relations between them, and writes one graph as
        GraphML, RDF/XML and Graphviz DOT (N-Triples, Turtle and the Neo4j CSV
        pair on request). With no INPUT it reads seeds/ and writes output/.
        See `parley help extract` for every option.

        EXIT STATUS
          0  every input was read and every file written
          1  some documents (or lines of a dump) could not be read: each is
             named on standard error, the graph of the others was written
          2  nothing was written: bad options, an unreadable ontology or graph,
             an output folder that cannot be created or written

        SHELL COMPLETION
          parley --generate-completion-script bash|zsh|fish prints the script:
          parley --generate-completion-script bash > /etc/bash_completion.d/parley
        """,
        subcommands: [Extract.self, Convert.self, Stats.self],
        defaultSubcommand: Extract.self
    )

    /// Parses and runs; usage errors exit with 2 (as documented), not
    /// ArgumentParser's 64.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// Where `parley` says things: warnings and errors on standard error,
/// prefixed `parley: `.
enum Console {
    static func warn(_ message: String) {
        FileHandle.standardError.write(Data(("parley: " + message + "\n").utf8))
    }

    /// Prints `message` and exits with status 2: nothing was written.
    static func fail(_ message: String) -> Never {
        warn(message)
        Foundation.exit(2)
    }

    static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }
}

/// The ontology option every command shares.
struct OntologyOption: ParsableArguments {
    @Option(help: ArgumentHelp("Folder holding the ontology and lexicon. Default: ./ontology, or $PARLEY_ONTOLOGY.",
                               valueName: "dir"),
            completion: .directory)
    var ontology: String?

    /// The ontology, or exit 2 naming the problem.
    func load() -> Ontology {
        let directory = ontology ?? OntologyLoader.defaultDirectory()
        do {
            return try OntologyLoader.load(from: directory)
        } catch {
            Console.fail("cannot load the ontology from \(directory): \(error)")
        }
    }
}
