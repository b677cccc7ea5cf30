/// Resolves a relative IRI reference against a base (RFC 3986, section 5.2),
/// enough for RDF/XML's `rdf:about`, `rdf:resource`, `rdf:ID` and `xml:base`.
enum IRIResolver {
    static func resolve(_ reference: String, against base: String) -> String {
        if hasScheme(reference) { return reference }
        let (baseWithoutFragment, _) = split(base, at: "#")
        if reference.isEmpty { return baseWithoutFragment }
        if reference.hasPrefix("#") { return baseWithoutFragment + reference }
        let (scheme, authority, path, _) = components(of: baseWithoutFragment)
        if reference.hasPrefix("//") { return scheme + ":" + reference }
        let prefix = scheme + ":" + (authority.map { "//" + $0 } ?? "")
        if reference.hasPrefix("?") { return prefix + path + reference }
        let (referencePath, suffix) = splitPathSuffix(reference)
        if referencePath.hasPrefix("/") { return prefix + removeDotSegments(referencePath) + suffix }
        let merged: String
        if authority != nil && path.isEmpty {
            merged = "/" + referencePath
        } else if let slash = path.lastIndex(of: "/") {
            merged = path[...slash] + referencePath
        } else {
            merged = referencePath
        }
        return prefix + removeDotSegments(merged) + suffix
    }

    /// RFC 3986 scheme: a letter, then letters, digits, "+", "-", ".", then ":".
    private static func hasScheme(_ value: String) -> Bool {
        for (offset, byte) in value.utf8.enumerated() {
            let letter = (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            if offset == 0 {
                guard letter else { return false }
                continue
            }
            if byte == 0x3A { return true }
            let digit = byte >= 0x30 && byte <= 0x39
            guard letter || digit || byte == 0x2B || byte == 0x2D || byte == 0x2E else { return false }
        }
        return false
    }

    /// Splits at the first ASCII `separator`, searching bytes (a
    /// `Character` search is several times slower).
    private static func split(_ value: String, at separator: Character) -> (String, String?) {
        guard let byte = separator.asciiValue, let index = value.utf8.firstIndex(of: byte) else { return (value, nil) }
        return (String(value[..<index]), String(value[value.utf8.index(after: index)...]))
    }

    /// Scheme, authority, path and query of an absolute IRI without fragment.
    private static func components(of iri: String) -> (String, String?, String, String?) {
        guard hasScheme(iri), let colon = iri.firstIndex(of: ":") else { return ("", nil, iri, nil) }
        let scheme = String(iri[..<colon])
        var rest = iri[iri.index(after: colon)...]
        var authority: String?
        if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
            let end = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
            authority = String(rest[..<end])
            rest = rest[end...]
        }
        let (path, query) = split(String(rest), at: "?")
        return (scheme, authority, path, query)
    }

    private static func splitPathSuffix(_ reference: String) -> (String, String) {
        guard let index = reference.firstIndex(where: { $0 == "?" || $0 == "#" }) else { return (reference, "") }
        return (String(reference[..<index]), String(reference[index...]))
    }

    private static func removeDotSegments(_ path: String) -> String {
        guard path.contains(".") else { return path }
        var output: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        for (index, segment) in segments.enumerated() {
            switch segment {
            case ".":
                if index == segments.count - 1 { output.append("") }
            case "..":
                if output.count > 1 { output.removeLast() }
                if index == segments.count - 1 { output.append("") }
            default:
                output.append(segment)
            }
        }
        return output.joined(separator: "/")
    }
}
