import Foundation
import ArgumentParser
import ParleySerialization

/// `--format graphml,rdf` and the like: names split at commas, each one
/// format or a group (`neo4j`, `all`), duplicates dropped, order kept.
enum FormatList {
    static let help = "Formats to write, comma-separated: graphml, rdf (RDF/XML), dot, nt (N-Triples), "
        + "ttl (Turtle), neo4j (the nodes and relationships CSV pair for neo4j-admin import), all."

    static func parse(_ values: [String], default fallback: [OutputFormat]) throws -> [OutputFormat] {
        let names = values.flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
            .filter { !$0.isEmpty }
        if names.isEmpty { return fallback }
        var out: [OutputFormat] = []
        for name in names {
            guard let formats = OutputFormat.named(name) else {
                throw ValidationError("unknown format '\(name)'; choose from "
                                      + OutputFormat.commandLineNames.joined(separator: ", "))
            }
            for f in formats where !out.contains(f) { out.append(f) }
        }
        return out
    }
}
