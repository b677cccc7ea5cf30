import Foundation
import ParleyGraph
import ParleyOntology

/// How a span of a sentence refers to a node.
public enum MentionRole: Hashable, Sendable {
    /// A name ("Hezbollah", "Naim Qassem", "Israeli government").
    case name
    /// A capital or seat of power that acts ("Tehran has made").
    case metonym
    /// An unnamed member standing for the organisation ("a Hamas
    /// spokesperson", "the commander of the Quds Force").
    case member
    /// A definite description or pronoun resolved to an earlier node.
    case anaphor
    /// A demonym used as an adjective ("Israeli airstrike"): it names the
    /// state but is not a subject or object of a stance.
    case adjectival
    /// A proposal or a condition phrase.
    case phrase
}

/// A span of tokens in one sentence that refers to a node of the document.
public struct Mention: Hashable, Sendable {
    public var sentence: Int
    /// Token positions in the sentence, half-open.
    public var lower: Int
    public var upper: Int
    public var node: Int
    public var role: MentionRole
    /// For an Actor introduced with a role ("Hezbollah leader Naim
    /// Qassem"): the organisation the role is in, so a leader's stance can be
    /// credited to the group too.
    public var speaksFor: Int?

    public var range: Range<Int> { lower..<upper }
}

/// A node as the extractors build it inside one document, before the corpus
/// merge.
public struct LocalNode: Sendable {
    public var key: NodeKey
    public var type: NodeType
    /// Most specific ontology class (`State`, `ArmedGroup`, `Ceasefire`).
    public var category: NodeType
    public var label: String
    public var aliases = SortedAliases()
    public var mentions = 0
    public var attributes: [String: AttributeValue] = [:]
    /// The lexicon entity this node is, if any.
    public var lexiconEntity: Int?
    /// For proposals and conditions: the signature used to merge mentions
    /// of the same plan or term (kind, parties, scope words).
    public var signature: Set<String> = []
}

/// A node's other surface forms, kept sorted and without repeats: the order
/// `Node.aliases` lists them in, so the node is made without sorting them,
/// and a few names in an array cost less to add to than a set.
public struct SortedAliases: Sendable {
    public private(set) var elements: [String] = []

    /// Adds `alias` unless an equal one is there.
    public mutating func insert(_ alias: String) {
        var lower = 0, upper = elements.count
        while lower < upper {
            let middle = (lower + upper) / 2
            if elements[middle] < alias { lower = middle + 1 } else { upper = middle }
        }
        if lower < elements.count && elements[lower] == alias { return }
        elements.insert(alias, at: lower)
    }
}

/// Everything the extraction stages know about one document; each stage
/// reads what earlier stages left and adds its own findings.
public struct DocumentAnalysis: Sendable {
    public let document: SourceDocument
    public let documentID: DocumentID
    public var sentences: [Sentence] = []
    public var nodes: [LocalNode] = []
    public var mentions: [[Mention]] = []
    /// Added only by `addEdge`, which indexes them.
    public private(set) var edges: [Edge] = []
    /// Capitalised phrases that matched nothing, and triggers with no
    /// subject or object: what a user may want to add to the lexicon.
    public var unmatchedNames: [String] = []
    public var unmatchedTriggers: [String] = []
    private var nodeIndex: [KeyDigest<NodeKey>: Int] = [:]
    /// The digest (`DocumentAnalysis.digest`) of each node's key, for the
    /// edge tables' keys.
    private var nodeDigests: [UInt64] = []
    /// The evidence string of each sentence, once made.
    private var evidenceCache: [String?] = []
    /// For a sentence with many mentions, per token: the mentions (indexes
    /// into `mentions[s]`) covering it, so lookups by position cost the few
    /// mentions there, not all of the sentence's. A sentence with few
    /// mentions (nearly all) is simply scanned: cheaper than keeping a list
    /// per token.
    private var coverage: [Int: [[Int32]]] = [:]
    private static let scanLimit = 24
    private static let usualMentions = 8
    /// Edge positions by identity, by (source, relation) and by sentence:
    /// the lookups rules make while adding edges, kept small so a node with
    /// thousands of edges does not make each new edge cost thousands. Each
    /// table keeps the latest edge of a digest or sentence, and `edgeLinks`
    /// the one before it: no table holds strings or an array per key.
    private var edgeLinks: [EdgeLinks] = []
    private var latestEdgeByIdentity: [UInt64: Int32] = [:]
    private var latestEdgeBySourceRelation: [UInt64: Int32] = [:]
    private var latestEdgeBySentence: [Int32] = []
    /// Condition nodes by noun and agent, for `ConditionExtractor`.
    var conditionsByTerm: [String: [Int]] = [:]

    public init(document: SourceDocument, documentID: DocumentID) {
        self.document = document
        self.documentID = documentID
        // Sized for the nodes and edges news text usually has per character
        // (one node in about 250, one edge in about 160), so the tables are
        // rarely regrown and rehashed.
        let length = document.scalars.count
        nodeIndex = .init(minimumCapacity: length / 200)
        latestEdgeByIdentity = .init(minimumCapacity: length / 128)
        latestEdgeBySourceRelation = .init(minimumCapacity: length / 128)
        edges.reserveCapacity(length / 128)
        edgeLinks.reserveCapacity(length / 128)
    }

    /// The node with this key, created from `make` if it is new; counts one
    /// mention and records `surface` as an alias.
    public mutating func node(_ key: NodeKey, surface: String, make: () -> LocalNode) -> Int {
        let i: Int
        let keyDigest = KeyDigest(key)
        if let existing = nodeIndex[keyDigest] {
            i = existing
        } else {
            i = nodes.count
            nodes.append(make())
            nodeIndex[keyDigest] = i
            nodeDigests.append(keyDigest.digest)
        }
        nodes[i].mentions += 1
        let cleaned = DocumentAnalysis.cleanSurface(surface)
        if !cleaned.isEmpty && cleaned != nodes[i].label { nodes[i].aliases.insert(cleaned) }
        return i
    }

    public func nodeIndex(of key: NodeKey) -> Int? { nodeIndex[KeyDigest(key)] }

    public mutating func addMention(_ mention: Mention) {
        let s = mention.sentence
        while mentions.count <= s { mentions.append([]) }
        let count = sentences[s].tokens.count
        precondition(mention.lower <= min(mention.upper, count), "mention \(mention.lower)..<\(mention.upper) outside sentence \(s)")
        // Room for a sentence's usual mentions at once, not regrown at the
        // first, second and fourth.
        if mentions[s].isEmpty { mentions[s].reserveCapacity(DocumentAnalysis.usualMentions) }
        mentions[s].append(mention)
        let n = mentions[s].count
        if n > DocumentAnalysis.scanLimit {
            // Past the limit: index every mention so far, then each new one.
            if coverage[s] == nil { coverage[s] = Array(repeating: [], count: count) }
            for i in (n == DocumentAnalysis.scanLimit + 1 ? 0 : n - 1)..<n {
                let m = mentions[s][i]
                for k in m.lower..<min(m.upper, count) { coverage[s]![k].append(Int32(i)) }
            }
        }
    }

    /// The mentions of sentence `s` covering token `k`, in the order they
    /// were found.
    public func mentions(sentence s: Int, covering k: Int) -> [Mention] {
        guard s < mentions.count, k >= 0, k < sentences[s].tokens.count else { return [] }
        if let lists = coverage[s] { return lists[k].map { mentions[s][Int($0)] } }
        return mentions[s].filter { $0.lower <= k && k < $0.upper }
    }

    /// The first mention covering token `k` that `accepts`.
    public func mention(sentence s: Int, covering k: Int, where accepts: (Mention) -> Bool) -> Mention? {
        guard s < mentions.count, k >= 0, k < sentences[s].tokens.count else { return nil }
        if let lists = coverage[s] {
            for i in lists[k] where accepts(mentions[s][Int(i)]) { return mentions[s][Int(i)] }
            return nil
        }
        for m in mentions[s] where m.lower <= k && k < m.upper && accepts(m) { return m }
        return nil
    }

    /// Edges of the document of one relation leaving a node.
    public func edges(from key: NodeKey, _ relation: RelationName) -> [Edge] {
        let digest = DocumentAnalysis.digest(DocumentAnalysis.digest(key), DocumentAnalysis.digest(relation.rawValue))
        var found: [Edge] = []
        var e = latestEdgeBySourceRelation[digest] ?? -1
        while e >= 0 {
            // Keys whose digests collide share the chain.
            if edges[Int(e)].source == key && edges[Int(e)].relation == relation { found.append(edges[Int(e)]) }
            e = edgeLinks[Int(e)].earlierFromSourceRelation
        }
        found.withUnsafeMutableBufferPointer { $0.reverse() }
        return found
    }

    /// The roles the document gives a person: its `memberOf`, then its `leads` edges.
    public func offices(of key: NodeKey) -> [Edge] {
        edges(from: key, DocumentAnalysis.memberOf) + edges(from: key, DocumentAnalysis.leads)
    }

    static let leads = RelationName("leads")
    static let memberOf = RelationName("memberOf")

    /// Edges whose evidence is sentence `s`.
    public func edges(inSentence s: Int) -> [Edge] {
        var found: [Edge] = []
        var e = s >= 0 && s < latestEdgeBySentence.count ? latestEdgeBySentence[s] : -1
        while e >= 0 {
            found.append(edges[Int(e)])
            e = edgeLinks[Int(e)].earlierInSentence
        }
        found.withUnsafeMutableBufferPointer { $0.reverse() }
        return found
    }

    /// The text of tokens `lower..<upper` of a sentence, as written, with
    /// quotes dropped (they are not tokens).
    public func text(sentence: Int, _ lower: Int, _ upper: Int) -> String {
        sentences[sentence].tokens.text(lower, upper)
    }

    /// The sentence as written, the evidence of its edges; made once per
    /// sentence, so all its edges share one string.
    public mutating func evidence(sentence: Int) -> String {
        if sentence < evidenceCache.count, let cached = evidenceCache[sentence] { return cached }
        let s = sentences[sentence]
        let text = document.text(Int(s.start)..<Int(s.end))
        if evidenceCache.isEmpty { evidenceCache = Array(repeating: nil, count: sentences.count) }
        evidenceCache[sentence] = text
        return text
    }

    /// Adds an edge whose evidence is `sentence`. Ends are local node
    /// indexes; the edge is keyed by node keys for the corpus merge.
    public mutating func addEdge(_ relation: RelationName, from source: Int, to target: Int, sentence: Int,
                                 confidence: Double, trigger: String,
                                 modality: Modality = .asserted, negated: Bool = false, attribution: String? = nil) {
        guard source != target else { return }
        // The evidence is the whole sentence, and the offsets are its span.
        let s = sentences[sentence]
        let provenance = Provenance(document: documentID, sentence: Int32(sentence), start: s.start, end: s.end,
                                    evidence: evidence(sentence: sentence), confidence: confidence,
                                    modality: modality, negated: negated, trigger: trigger, attribution: attribution)
        let edge = Edge(relation: relation, source: nodes[source].key, target: nodes[target].key, provenance: provenance)
        let new = Int32(edges.count)
        let relationDigest = DocumentAnalysis.digest(relation.rawValue)
        var identity = DocumentAnalysis.digest(DocumentAnalysis.digest(relationDigest, nodeDigests[source]), nodeDigests[target])
        identity = DocumentAnalysis.digest(DocumentAnalysis.digest(identity, DocumentAnalysis.digest(trigger)), UInt64(sentence))
        // Claimed before the search, so that a new edge (nearly all) costs
        // one lookup; a duplicate gives the claim back.
        let earlierIdentity = latestEdgeByIdentity.updateValue(new, forKey: identity) ?? -1
        var e = earlierIdentity
        while e >= 0 {
            if edges[Int(e)] == edge {
                latestEdgeByIdentity[identity] = earlierIdentity
                return
            }
            e = edgeLinks[Int(e)].earlierWithIdentity
        }
        let sourceRelation = DocumentAnalysis.digest(nodeDigests[source], relationDigest)
        if latestEdgeBySentence.isEmpty { latestEdgeBySentence = Array(repeating: -1, count: sentences.count) }
        edgeLinks.append(EdgeLinks(source: Int32(source), target: Int32(target),
                                   earlierWithIdentity: earlierIdentity,
                                   earlierFromSourceRelation: latestEdgeBySourceRelation.updateValue(new, forKey: sourceRelation) ?? -1,
                                   earlierInSentence: latestEdgeBySentence[sentence]))
        latestEdgeBySentence[sentence] = new
        edges.append(edge)
    }

    /// Which nodes some edge links, by node index.
    func linkedNodes() -> [Bool] {
        var linked = [Bool](repeating: false, count: nodes.count)
        for l in edgeLinks {
            linked[Int(l.source)] = true
            linked[Int(l.target)] = true
        }
        return linked
    }

    /// The edges in evidence order (sentence, then the order they were
    /// found in), taken out of the analysis. Every edge of a sentence has
    /// the sentence's span as offsets, so this is the order of sorting them
    /// by evidence, stably.
    mutating func takeEdgesInEvidenceOrder() -> [Edge] {
        // order[k]: the edge that goes to position k.
        var order = [Int32](repeating: 0, count: edges.count)
        var k = edges.count
        for s in latestEdgeBySentence.indices.reversed() {
            var e = latestEdgeBySentence[s]
            while e >= 0 {
                k -= 1
                order[k] = e
                e = edgeLinks[Int(e)].earlierInSentence
            }
        }
        // Each cycle of the permutation is rotated with swaps in the buffer,
        // which move edges without counting references.
        var taken = edges
        edges = []
        var placed = [Bool](repeating: false, count: taken.count)
        taken.withUnsafeMutableBufferPointer { buffer in
            for start in buffer.indices where !placed[start] {
                var k = start
                while true {
                    placed[k] = true
                    let from = Int(order[k])
                    if from == start { break }
                    buffer.swapAt(k, from)
                    k = from
                }
            }
        }
        return taken
    }

    /// Surface forms are kept as aliases without quotes and a leading "the".
    static func cleanSurface(_ s: String) -> String {
        // Nearly always: ASCII with no quote, no space at either end and no
        // "the " or "The " to drop, which is the surface as it is.
        let plain = s.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard let first = bytes.first, let last = bytes.last, first != 0x20, last != 0x20 else { return false }
            for b in bytes where b >= 0x80 || b == 0x22 || b == 0x27 || b == 0x60 { return false }
            let article = bytes.count >= 4 && (bytes[0] == 0x74 || bytes[0] == 0x54) && bytes[1] == 0x68 && bytes[2] == 0x65
                && bytes[3] == 0x20
            return !article
        } ?? false
        if plain { return s }
        // Otherwise rebuilt as UTF-8 bytes: far cheaper than appending to a
        // `String.UnicodeScalarView`.
        var kept: [UInt8] = []
        kept.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars where !Tokenizer.isQuote(c) {
            if c.isASCII { kept.append(UInt8(c.value)) } else { kept.append(contentsOf: UTF8.encode(c)!) }
        }
        var lower = 0, upper = kept.count
        while lower < upper && kept[lower] == 0x20 { lower += 1 }
        while upper > lower && kept[upper - 1] == 0x20 { upper -= 1 }
        var t = String(decoding: kept[lower..<upper], as: UTF8.self)
        if t.hasPrefix("the ") || t.hasPrefix("The ") { t.removeFirst(4) }
        return t
    }
}

/// A key of the analysis's own tables, hashed once by FNV over its bytes
/// and then by that number: cheaper than hashing the strings again at every
/// lookup and every time a table grows.
struct KeyDigest<Key: Hashable & DigestibleKey & Sendable>: Hashable, Sendable {
    let key: Key
    let digest: UInt64

    init(_ key: Key) {
        self.key = key
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        key.digest(into: &h)
        digest = h
    }

    static func == (a: KeyDigest, b: KeyDigest) -> Bool { a.digest == b.digest && a.key == b.key }

    func hash(into hasher: inout Hasher) { hasher.combine(digest) }
}

/// What `KeyDigest` can hash.
protocol DigestibleKey {
    func digest(into h: inout UInt64)
}

extension String: DigestibleKey {
    /// Mixes the UTF-8 bytes into `h`, eight at a time.
    @inline(__always)
    func digest(into h: inout UInt64) {
        let k: UInt64 = 0x9E37_79B9_7F4A_7C15
        let done: Void? = utf8.withContiguousStorageIfAvailable { bytes in
            var n = bytes.count
            var tail: UInt64 = UInt64(n) << 56
            if let base = bytes.baseAddress {
                var p = UnsafeRawPointer(base)
                while n >= 8 {
                    h = (h ^ p.loadUnaligned(as: UInt64.self)) &* k
                    h ^= h >> 29
                    p += 8
                    n -= 8
                }
                if n > 0 && bytes.count >= 8 {
                    // The last eight bytes, shifted past those already mixed:
                    // the same bits as the byte loop, in one load.
                    tail |= (p + n - 8).loadUnaligned(as: UInt64.self) >> UInt64(8 * (8 - n))
                } else {
                    for i in 0..<n { tail |= UInt64(p.load(fromByteOffset: i, as: UInt8.self)) << UInt64(8 * i) }
                }
            }
            h = (h ^ tail) &* k
            h ^= h >> 29
        }
        if done == nil {
            for b in utf8 { h = (h ^ UInt64(b)) &* k }
            h = (h ^ 0xFF) &* k
        }
    }
}

extension NodeKey: DigestibleKey {
    func digest(into h: inout UInt64) { rawValue.digest(into: &h) }
}

/// What `DocumentAnalysis` keeps beside each edge: its ends, and the edge
/// before it with the same identity digest, the same source and relation
/// digest, and the same sentence (-1 for none).
private struct EdgeLinks {
    let source: Int32
    let target: Int32
    let earlierWithIdentity: Int32
    let earlierFromSourceRelation: Int32
    let earlierInSentence: Int32
}

extension DocumentAnalysis {
    /// The digest of a string or a key, as `KeyDigest` makes it.
    static func digest(_ s: String) -> UInt64 { KeyDigest(s).digest }

    static func digest(_ key: NodeKey) -> UInt64 { KeyDigest(key).digest }

    /// Two digests mixed into one.
    static func digest(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let k: UInt64 = 0x9E37_79B9_7F4A_7C15
        var h = (a &* k ^ b) &* k
        h ^= h >> 29
        return h
    }
}

/// One concern of extraction (sentences, mentions, coreference, proposals,
/// conditions, relations), run in order over a document.
public protocol ExtractionStage: Sendable {
    func run(_ analysis: inout DocumentAnalysis)
}
