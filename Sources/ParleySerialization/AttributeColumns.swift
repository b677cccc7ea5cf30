import ParleyGraph

/// The typed columns of a graph's free node attributes (`kind`, `duration`,
/// `scope`...): one per attribute name, sorted by name, typed by the values
/// found. Shared by GraphML (keys) and RDF/XML (literal datatypes), like
/// networkx's one type table for writer and reader.
struct AttributeColumn: Hashable {
    enum Kind: Hashable {
        case string, long, double, boolean

        /// The GraphML `attr.type`.
        var graphMLType: String {
            switch self {
            case .string: return "string"
            case .long: return "long"
            case .double: return "double"
            case .boolean: return "boolean"
            }
        }
    }

    var name: String
    var kind: Kind

    /// Columns for every attribute name on `nodes` except `excluded`. Ints
    /// and doubles mixed give `double`; any other mix gives `string`.
    static func columns(of nodes: [Node], excluding excluded: Set<String>) -> [AttributeColumn] {
        var seen: [String: UInt8] = [:]
        for node in nodes {
            for (name, value) in node.attributes where !excluded.contains(name) {
                let bit: UInt8
                switch value {
                case .string: bit = 1
                case .int: bit = 2
                case .double: bit = 4
                case .bool: bit = 8
                }
                seen[name, default: 0] |= bit
            }
        }
        return seen.keys.sorted().map { name in
            let kind: Kind
            switch seen[name]! {
            case 2: kind = .long
            case 4, 6: kind = .double
            case 8: kind = .boolean
            default: kind = .string
            }
            return AttributeColumn(name: name, kind: kind)
        }
    }

    /// The text written for `value` in this column; nil when it must be
    /// left out (a non-finite number in a `double` column).
    func lexicalForm(_ value: AttributeValue) -> String? {
        switch (kind, value) {
        case (.double, .double(let d)): return d.isFinite ? LexicalForms.shortestDouble(d) : nil
        case (.double, .int(let i)): return LexicalForms.shortestDouble(Double(i))
        case (_, .string(let s)): return s
        case (_, .int(let i)): return String(i)
        case (_, .double(let d)): return LexicalForms.xsdDouble(d)
        case (_, .bool(let b)): return b ? "true" : "false"
        }
    }
}

/// A JSON array of strings, the lossless companion of " | "-joined lists
/// (GraphML has no list type). Control characters, U+FFFE and U+FFFF are
/// written as `\uXXXX` escapes, so nothing is lost to the XML filter.
enum JSONList {
    static func encode(_ items: [String]) -> String {
        var out = "["
        for (i, item) in items.enumerated() {
            if i > 0 { out += ", " }
            out += "\""
            for scalar in item.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                default:
                    if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                        let hex = String(scalar.value, radix: 16, uppercase: false)
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
            out += "\""
        }
        return out + "]"
    }
}
