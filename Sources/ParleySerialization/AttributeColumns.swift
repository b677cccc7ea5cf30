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

    /// Columns for every attribute name of `attributes` (the nodes'
    /// dictionaries, or the distinct ones) except `excluded`. Ints and
    /// doubles mixed give `double`; any other mix gives `string`.
    static func columns(of attributes: some Sequence<[String: AttributeValue]>,
                        excluding excluded: Set<String>) -> [AttributeColumn] {
        var seen: [String: UInt8] = [:]
        for dictionary in attributes {
            for (name, value) in dictionary where !excluded.contains(name) {
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
        var out: [UInt8] = [0x5B]
        for (i, item) in items.enumerated() {
            var item = item
            item.withUTF8 { append($0, first: i == 0, to: &out) }
        }
        out.append(0x5D)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends one item (valid UTF-8), quoted, after `, ` unless first.
    static func append(_ item: UnsafeBufferPointer<UInt8>, first: Bool, to out: inout [UInt8]) {
        if !first { out += [0x2C, 0x20] }
        out.append(0x22)
        var i = 0
        while i < item.count {
            let b = item[i]
            i += 1
            switch b {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, 0x6E]
            case 0x0D: out += [0x5C, 0x72]
            case 0x09: out += [0x5C, 0x74]
            case 0..<0x20: out += Array("\\u00".utf8) + hex(b >> 4) + hex(b & 0xF)
            case 0xEF where i + 1 < item.count && item[i] == 0xBF && item[i + 1] >= 0xBE:
                out += Array((item[i + 1] == 0xBE ? "\\ufffe" : "\\uffff").utf8)
                i += 2
            default: out.append(b)
            }
        }
        out.append(0x22)
    }

    private static func hex(_ digit: UInt8) -> [UInt8] { [digit < 10 ? 0x30 + digit : 0x57 + digit] }
}
