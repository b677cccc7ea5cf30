/// The class of a node, named as in the ontology (`Actor`, `Organization`,
/// `Proposal`, `Condition`, or one of their subclasses such as `State`).
///
/// A string rather than an enum: the ontology in `ontology/` is the single
/// source of truth for which classes exist, and it is read at run time.
public struct NodeType: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (a: NodeType, b: NodeType) -> Bool { a.rawValue < b.rawValue }

    // The four top classes the guidelines score. Checked against the ontology
    // when it is loaded (`Ontology.validate`), so a renamed class fails loudly.
    public static let actor = NodeType("Actor")
    public static let organization = NodeType("Organization")
    public static let proposal = NodeType("Proposal")
    public static let condition = NodeType("Condition")
}

/// The name of a relation, the local name of an ontology object property
/// (`rejects`, `negotiatesWith`, ...). Domain, range and symmetry live in the
/// ontology, not here.
public struct RelationName: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (a: RelationName, b: RelationName) -> Bool { a.rawValue < b.rawValue }
}
