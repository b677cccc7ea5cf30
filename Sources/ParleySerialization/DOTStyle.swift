import ParleyGraph
import ParleyOntology

/// How the DOT output looks: shapes and fills per node type, colours per
/// relation. Colours come from the Okabe–Ito and Paul Tol palettes, chosen
/// to stay apart for the common forms of colour blindness.
enum DOTStyle {
    struct NodeLook {
        var shape: StaticString
        var fill: StaticString
        var border: StaticString
    }

    static func look(of type: NodeType) -> NodeLook {
        switch type {
        case .actor: return NodeLook(shape: "ellipse", fill: "#F5C26B", border: "#B07200")        // Okabe–Ito orange, light
        case .organization: return NodeLook(shape: "box", fill: "#9FD3F2", border: "#0072B2")     // sky blue
        case .proposal: return NodeLook(shape: "note", fill: "#7FD1B9", border: "#00785A")        // bluish green
        case .condition: return NodeLook(shape: "octagon", fill: "#F3ECA0", border: "#9A8F00")    // yellow
        default: return NodeLook(shape: "ellipse", fill: "#DDDDDD", border: "#777777")
        }
    }

    /// The four top classes, in legend order.
    static let legendTypes: [NodeType] = [.actor, .organization, .proposal, .condition]

    /// Fourteen line colours, dark enough on white and distinct in hue.
    static let relationColours: [StaticString] = [
        "#D55E00", // vermillion
        "#0072B2", // blue
        "#009E73", // bluish green
        "#CC79A7", // reddish purple
        "#E69F00", // orange
        "#332288", // indigo
        "#117733", // green
        "#882255", // wine
        "#56B4E9", // sky blue
        "#999933", // olive
        "#AA4499", // purple
        "#44AA99", // teal
        "#661100", // brown
        "#000000", // black
    ]

    /// A distinct colour per relation present (up to fourteen), in ontology
    /// order, then relations the ontology does not know, by name.
    static func relationColours(for relations: [RelationName], ontology: Ontology) -> [RelationName: StaticString] {
        let order = Dictionary(ontology.relations.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        let sorted = Set(relations).sorted { a, b in
            let x = order[a] ?? Int.max, y = order[b] ?? Int.max
            return x != y ? x < y : a < b
        }
        var result: [RelationName: StaticString] = [:]
        for (i, relation) in sorted.enumerated() { result[relation] = relationColours[i % relationColours.count] }
        return result
    }

    /// Writes `label` escaped and broken into lines of about `width`
    /// characters at spaces (as `\n`), for compact nodes.
    static func writeWrapped(_ utf8: UnsafeBufferPointer<UInt8>, width: Int = 22, into w: DOTWriter) {
        guard utf8.count > width else {
            w.escaped(utf8)
            return
        }
        var lineLength = 0
        var wordStart = 0
        var first = true
        while wordStart < utf8.count {
            // Skip spaces, then take one word.
            var start = wordStart
            while start < utf8.count && utf8[start] == 0x20 { start += 1 }
            guard start < utf8.count else { break }
            var end = start
            var length = 0
            while end < utf8.count && utf8[end] != 0x20 {
                if utf8[end] & 0xC0 != 0x80 { length += 1 }
                end += 1
            }
            if !first {
                if lineLength + 1 + length > width {
                    w.raw("\\n")
                    lineLength = 0
                } else {
                    w.raw(" ")
                    lineLength += 1
                }
            }
            w.escaped(UnsafeBufferPointer(rebasing: utf8[start..<end]))
            lineLength += length
            first = false
            wordStart = end
        }
    }
}
