import ParleyGraph
import ParleyOntology
import ParleyXML

/// The optional yEd flavour of the GraphML output: yFiles `ShapeNode` and
/// `PolyLineEdge` graphics (the DOT output's shapes and colours, and the
/// label), which yEd needs to show anything. Documented at
/// https://yed.yworks.com/support/qa/70/ ; yEd ignores the plain columns
/// for drawing but keeps them as properties.
extension GraphMLSerializer {
    /// How one relation's edges are drawn.
    struct YEdEdgeStyle {
        var colour: StaticString
        var symmetric: Bool
    }

    static func yEdEdgeStyles(_ index: GraphIndex, ontology: Ontology) -> [YEdEdgeStyle] {
        let colours = DOTStyle.relationColours(for: index.relations, ontology: ontology)
        return index.relations.map {
            YEdEdgeStyle(colour: colours[$0] ?? "#000000", symmetric: ontology.relation($0)?.symmetric == true)
        }
    }

    static func writeYEdKeys(_ out: XMLOutput) {
        out.write("  <key id=\"n_yfiles\" for=\"node\" yfiles.type=\"nodegraphics\"/>\n")
        out.write("  <key id=\"e_yfiles\" for=\"edge\" yfiles.type=\"edgegraphics\"/>\n")
    }

    static func yEdShape(_ type: NodeType) -> StaticString {
        switch type {
        case .actor: return "ellipse"
        case .organization: return "rectangle"
        case .proposal: return "hexagon"
        case .condition: return "octagon"
        default: return "roundrectangle"
        }
    }

    static func writeYEdNode(label: String, type: NodeType, into out: XMLOutput) {
        let look = DOTStyle.look(of: type)
        let width = max(60, min(320, 7 * label.count + 24))
        out.write("      <data key=\"n_yfiles\"><y:ShapeNode><y:Geometry height=\"34.0\" width=\"")
        out.write(decimal: width)
        out.write(".0\"/><y:Fill color=\"")
        out.write(look.fill)
        out.write("\" transparent=\"false\"/><y:BorderStyle color=\"")
        out.write(look.border)
        out.write("\" type=\"line\" width=\"1.0\"/><y:NodeLabel>")
        out.writeText(label)
        out.write("</y:NodeLabel><y:Shape type=\"")
        out.write(yEdShape(type))
        out.write("\"/></y:ShapeNode></data>\n")
    }

    static func writeYEdEdge(_ edge: EdgeRecord, relation: RelationName, style: YEdEdgeStyle, into out: XMLOutput) {
        out.write("      <data key=\"e_yfiles\"><y:PolyLineEdge><y:LineStyle color=\"")
        out.write(style.colour)
        out.write(edge.negated ? "\" type=\"dashed\"" : edge.modality == .asserted
                  ? "\" type=\"line\"" : "\" type=\"dotted\"")
        out.write(" width=\"1.0\"/><y:Arrows source=\"none\" target=\"")
        out.write(style.symmetric ? "none" : "standard")
        out.write("\"/><y:EdgeLabel>")
        out.writeText(relation.rawValue)
        out.write("</y:EdgeLabel></y:PolyLineEdge></data>\n")
    }
}
