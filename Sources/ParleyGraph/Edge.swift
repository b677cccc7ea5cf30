/// Whether a stance is asserted, denied, or only possible.
public enum Modality: String, Hashable, Sendable, CaseIterable {
    /// Stated as fact: "Hezbollah rejected the pact".
    case asserted
    /// Hedged or future: "would consider", "may be open to", "is set to".
    case possible
    /// Tied to terms: "we accept, but under the conditions".
    case conditional
}

/// Where an edge comes from: the sentence that states it, precisely enough to
/// find the words again, and how sure the rule that made it is.
public struct Provenance: Hashable, Sendable {
    public var document: DocumentID
    /// Zero-based index of the sentence in its document.
    public var sentence: Int32
    /// Offsets in Unicode scalars (code points) from the start of the
    /// document text, half-open: `start ..< end` spans the evidence.
    public var start: Int32
    public var end: Int32
    /// The sentence that states the relation, as written.
    public var evidence: String
    /// Estimated precision of the rule that produced the edge, 0...1.
    public var confidence: Double
    public var modality: Modality
    /// True when the sentence denies the relation ("did not reject" is not
    /// extracted as `rejects`; "will not withdraw" keeps negated = true).
    public var negated: Bool
    /// The trigger word or pattern that fired ("rejected", "US-brokered").
    public var trigger: String
    /// Who the sentence reports as the source ("Lebanese officials"), if any.
    public var attribution: String?

    public init(document: DocumentID, sentence: Int32, start: Int32, end: Int32, evidence: String,
                confidence: Double, modality: Modality = .asserted, negated: Bool = false,
                trigger: String = "", attribution: String? = nil) {
        self.document = document
        self.sentence = sentence
        self.start = start
        self.end = end
        self.evidence = evidence
        self.confidence = confidence
        self.modality = modality
        self.negated = negated
        self.trigger = trigger
        self.attribution = attribution
    }
}

/// One piece of evidence for one relation between two nodes. Two sentences
/// stating the same relation are two edges (parallel edges), so no
/// provenance is ever lost.
public struct Edge: Hashable, Sendable {
    public var relation: RelationName
    public var source: NodeKey
    public var target: NodeKey
    public var provenance: Provenance

    public init(relation: RelationName, source: NodeKey, target: NodeKey, provenance: Provenance) {
        self.relation = relation
        self.source = source
        self.target = target
        self.provenance = provenance
    }
}
