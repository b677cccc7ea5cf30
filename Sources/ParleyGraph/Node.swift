import Foundation

/// A stable, human-readable node key: the node's type family and a slug of
/// its canonical label (`organization/hezbollah`). It is what IRIs and
/// cross-document merging are built from, so it never depends on array order.
public struct NodeKey: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (a: NodeKey, b: NodeKey) -> Bool { a.rawValue < b.rawValue }

    /// The key of a thing called `label`, of the family `family` (lower-cased
    /// top class, e.g. "organization"). Letters and digits are kept (folded to
    /// lower case ASCII where they are Latin), everything else becomes one `-`.
    public init(family: String, label: String) {
        self.rawValue = family + "/" + NodeKey.slug(label)
    }

    /// The slug of a label: lower case, runs of non-alphanumerics collapsed to
    /// `-`, no leading or trailing `-`; never empty.
    public static func slug(_ label: String) -> String {
        var label = label
        if let slug = label.withUTF8({ asciiSlug($0) }) { return slug }
        var out: [UInt8] = []
        out.reserveCapacity(label.utf8.count)
        var pendingDash = false
        func emit(_ byte: UInt8) {
            if pendingDash && !out.isEmpty { out.append(UInt8(ascii: "-")) }
            pendingDash = false
            out.append(byte)
        }
        for scalar in label.unicodeScalars {
            if scalar.isASCII {
                if let byte = slugByte(UInt8(scalar.value)) { emit(byte) } else { pendingDash = true }
                continue
            }
            for c in foldToASCII(scalar).unicodeScalars {
                if c.properties.isAlphabetic || c.properties.numericType != nil {
                    for b in String(c).lowercased().utf8 { emit(b) }
                } else {
                    pendingDash = true
                }
            }
        }
        return out.isEmpty ? "unnamed" : String(decoding: out, as: UTF8.self)
    }

    /// The slug of an ASCII label with a letter or digit, written straight
    /// into the string (never longer than the label: each `-` stands for at
    /// least one byte); nil for any other label.
    private static func asciiSlug(_ label: UnsafeBufferPointer<UInt8>) -> String? {
        guard label.allSatisfy({ $0 < 0x80 }), label.contains(where: { slugByte($0) != nil }) else { return nil }
        return String(unsafeUninitializedCapacity: label.count) { out in
            var count = 0, pendingDash = false
            for byte in label {
                guard let b = slugByte(byte) else {
                    pendingDash = true
                    continue
                }
                if pendingDash && count > 0 {
                    out[count] = UInt8(ascii: "-")
                    count += 1
                }
                pendingDash = false
                out[count] = b
                count += 1
            }
            return count
        }
    }

    /// An ASCII byte as it stands in a slug: letters and digits lower case,
    /// nil for everything else.
    @inline(__always)
    private static func slugByte(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return byte
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return byte + 32
        default: return nil
        }
    }

    private static func foldToASCII(_ s: Unicode.Scalar) -> String {
        if s.isASCII { return String(s) }
        // Drop combining marks after canonical decomposition: "Sá" -> "sa".
        let decomposed = String(s).decomposedStringWithCanonicalMapping
        let base = decomposed.unicodeScalars.filter { $0.properties.generalCategory != .nonspacingMark }
        return String(String.UnicodeScalarView(base))
    }
}

/// A value attached to a node or an edge. The cases are the attribute types
/// every target format can carry (GraphML `attr.type`, XSD datatypes).
public enum AttributeValue: Hashable, Sendable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
}

/// One real-world thing: a person, an organisation, a proposal or a condition.
public struct Node: Hashable, Sendable {
    public var key: NodeKey
    public var type: NodeType
    /// The canonical label, the name a reader expects to see.
    public var label: String
    /// Every other surface form seen for this node, sorted, without `label`.
    public var aliases: [String]
    /// Documents (by `DocumentID`) that mention the node, sorted.
    public var documents: [DocumentID]
    /// How many mentions were resolved to this node over the corpus.
    public var mentionCount: Int
    /// Further typed attributes (`kind`, `duration`, `scope` for proposals),
    /// keyed by ontology property local name, written in key order.
    public var attributes: [String: AttributeValue]

    public init(key: NodeKey, type: NodeType, label: String, aliases: [String] = [],
                documents: [DocumentID] = [], mentionCount: Int = 1,
                attributes: [String: AttributeValue] = [:]) {
        self.key = key
        self.type = type
        self.label = label
        self.aliases = aliases
        self.documents = documents
        self.mentionCount = mentionCount
        self.attributes = attributes
    }
}
