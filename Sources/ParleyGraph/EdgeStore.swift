import Foundation

/// One edge as the graph keeps it: 60 bytes of numbers, its ends as node
/// positions and its strings as positions in the store's tables, so a
/// graph of millions of edges holds no per-edge string object.
///
/// Package API, for the serializers: other code reads `Edge` values
/// through `CorpusGraph.edges`.
package struct EdgeRecord: Sendable, Hashable {
    /// Node positions in `CorpusGraph.nodes`. A negative value `-1 - k`
    /// names `EdgeStore.missingKeys[k]`: an edge of a graph built from parts
    /// (a reader, a test) naming a node that is not in it.
    package var source: Int32
    package var target: Int32
    /// Position in `EdgeStore.relations`.
    package var relation: Int32
    package var document: Int32
    package var sentence: Int32
    package var start: Int32
    package var end: Int32
    /// Position in `EdgeStore.texts`.
    package var trigger: Int32
    /// Position in `EdgeStore.texts`, or -1 when there is no attribution.
    package var attribution: Int32
    /// The next edge with the same source, relation and target (a parallel
    /// edge) in edge order, or 0 when there is none. Set by `finalize()`.
    package var nextParallel: Int32
    /// Bytes of the evidence in `EdgeStore.evidence`: a 40-bit offset, split
    /// so the record needs no 8-byte alignment.
    var evidenceLow: UInt32
    package var evidenceCount: UInt32
    var confidenceLow: UInt32
    var confidenceHigh: UInt32
    var evidenceHigh: UInt8
    /// Bits 0–1 modality, bit 2 negated, bit 3 first of its parallel edges.
    var flags: UInt8

    static let negatedFlag: UInt8 = 4
    static let firstParallelFlag: UInt8 = 8

    package var evidenceOffset: Int { Int(evidenceHigh) << 32 | Int(evidenceLow) }

    package var confidence: Double {
        Double(bitPattern: UInt64(confidenceHigh) << 32 | UInt64(confidenceLow))
    }

    package var modality: Modality {
        switch flags & 3 {
        case 0: return .asserted
        case 1: return .possible
        default: return .conditional
        }
    }

    package var negated: Bool { flags & Self.negatedFlag != 0 }

    /// Whether no earlier edge has the same source, relation and target.
    package var isFirstParallel: Bool { flags & Self.firstParallelFlag != 0 }

    static func modalityBits(_ modality: Modality) -> UInt8 {
        switch modality {
        case .asserted: return 0
        case .possible: return 1
        case .conditional: return 2
        }
    }
}

/// Distinct values by position, each stored once.
package struct InternTable<Value: Hashable & Sendable>: Sendable {
    package private(set) var values: [Value] = []
    private var positions: [Value: Int32] = [:]

    mutating func intern(_ value: Value) -> Int32 {
        if let k = positions[value] { return k }
        let k = Int32(values.count)
        positions[value] = k
        values.append(value)
        return k
    }

    package subscript(_ k: Int32) -> Value { values[Int(k)] }
}

/// The edges of a corpus graph, by column: fixed-size records, every
/// evidence sentence in one byte buffer, and relation names, triggers and
/// attributions each stored once. About 60 bytes per edge plus its
/// evidence text, where an array of `Edge` values costs 128 bytes plus a
/// string object per evidence.
package struct EdgeStore: Sendable {
    package private(set) var records: [EdgeRecord] = []
    /// The UTF-8 of every evidence sentence; an edge stating the same
    /// sentence as the edge added before it shares its bytes.
    package private(set) var evidence: [UInt8] = []
    package private(set) var relations = InternTable<RelationName>()
    /// Triggers and attributions.
    package private(set) var texts = InternTable<String>()
    /// Keys named by edges that are not nodes of the graph.
    package private(set) var missingKeys = InternTable<NodeKey>()
    /// Whether `nextParallel` and the first-parallel flags describe the
    /// edges in their current order (false after an `append` until the
    /// graph is finalized).
    package private(set) var parallelLinksValid = true

    package var count: Int { records.count }

    /// The reference of a key that is not a node.
    mutating func missing(_ key: NodeKey) -> Int32 { -1 - missingKeys.intern(key) }

    mutating func append(_ edge: Edge, source: Int32, target: Int32) {
        let p = edge.provenance
        var offset = evidence.count
        var length = 0
        var copy = p.evidence
        copy.withUTF8 { bytes in
            length = bytes.count
            // Edges of one sentence follow each other and share its text;
            // compared with memcmp (a generic element loop costs ~20
            // instructions a byte, in the merge that no thread shares).
            if let last = records.last, Int(last.evidenceCount) == length, length > 0,
               evidence.withUnsafeBufferPointer({ all in
                   memcmp(all.baseAddress! + last.evidenceOffset, bytes.baseAddress!, length) == 0
               }) {
                offset = last.evidenceOffset
            } else {
                evidence.append(contentsOf: bytes)
            }
        }
        precondition(offset + length < 1 << 40 && length <= Int(UInt32.max), "evidence text beyond 1 TB")
        precondition(records.count < Int(Int32.max), "more than 2^31 edges")
        let bits = p.confidence.bitPattern
        records.append(EdgeRecord(
            source: source, target: target, relation: relations.intern(edge.relation),
            document: p.document.rawValue, sentence: p.sentence, start: p.start, end: p.end,
            trigger: texts.intern(p.trigger), attribution: p.attribution.map { texts.intern($0) } ?? -1,
            nextParallel: 0, evidenceLow: UInt32(truncatingIfNeeded: offset), evidenceCount: UInt32(length),
            confidenceLow: UInt32(truncatingIfNeeded: bits), confidenceHigh: UInt32(truncatingIfNeeded: bits >> 32),
            evidenceHigh: UInt8(truncatingIfNeeded: offset >> 32),
            flags: EdgeRecord.modalityBits(p.modality) | (p.negated ? EdgeRecord.negatedFlag : 0)))
        parallelLinksValid = false
    }

    /// The evidence of `record` as a string.
    package func evidenceText(_ record: EdgeRecord) -> String {
        evidence.withUnsafeBufferPointer { all in
            String(decoding: all[record.evidenceOffset..<record.evidenceOffset + Int(record.evidenceCount)],
                   as: UTF8.self)
        }
    }

    /// Calls `body` with the records and the evidence bytes, for loops
    /// over millions of edges without reference counting.
    package func withStorage<R>(_ body: (UnsafeBufferPointer<EdgeRecord>, UnsafeBufferPointer<UInt8>) throws -> R)
        rethrows -> R {
        try records.withUnsafeBufferPointer { r in try evidence.withUnsafeBufferPointer { e in try body(r, e) } }
    }

    /// The edge at `i`, with its ends named by `key`.
    func edge(_ i: Int, key: (Int32) -> NodeKey) -> Edge {
        let r = records[i]
        let provenance = Provenance(
            document: DocumentID(rawValue: r.document), sentence: r.sentence, start: r.start, end: r.end,
            evidence: evidenceText(r), confidence: r.confidence, modality: r.modality, negated: r.negated,
            trigger: texts[r.trigger], attribution: r.attribution < 0 ? nil : texts[r.attribution])
        return Edge(relation: relations[r.relation], source: key(r.source), target: key(r.target),
                    provenance: provenance)
    }

    // MARK: - Settling

    /// Moves every node reference from old to new positions (`position[old]`),
    /// and turns references to missing keys that `resolve` now finds into
    /// node positions.
    mutating func renumberNodes(_ position: [Int32], resolve: (NodeKey) -> Int32?) {
        var resolved: [Int32: Int32] = [:]
        for (k, key) in missingKeys.values.enumerated() {
            if let p = resolve(key) { resolved[-1 - Int32(k)] = p }
        }
        records.withUnsafeMutableBufferPointer { records in
            for i in records.indices {
                let s = records[i].source, t = records[i].target
                records[i].source = s >= 0 ? position[Int(s)] : resolved[s] ?? s
                records[i].target = t >= 0 ? position[Int(t)] : resolved[t] ?? t
            }
        }
    }

    /// Sorts the edges by where their evidence stands: document, sentence,
    /// start offset, relation name, source key, target key, trigger; equal
    /// edges keep their order. `keyOrder` compares two node references by
    /// key. Then links parallel edges.
    mutating func sortByEvidence(keyOrder: (Int32, Int32) -> Bool) {
        let relationRank = Self.ranks(relations.values)
        let textRank = Self.ranks(texts.values)
        func before(_ a: EdgeRecord, _ b: EdgeRecord) -> Bool {
            if a.document != b.document { return a.document < b.document }
            if a.sentence != b.sentence { return a.sentence < b.sentence }
            if a.start != b.start { return a.start < b.start }
            if a.relation != b.relation { return relationRank[Int(a.relation)] < relationRank[Int(b.relation)] }
            if a.source != b.source { return keyOrder(a.source, b.source) }
            if a.target != b.target { return keyOrder(a.target, b.target) }
            return textRank[Int(a.trigger)] < textRank[Int(b.trigger)]
        }
        let order = records.withUnsafeBufferPointer { r -> [Int32]? in
            func stableBefore(_ i: Int32, _ j: Int32) -> Bool {
                let a = r[Int(i)], b = r[Int(j)]
                if before(a, b) { return true }
                if before(b, a) { return false }
                return i < j
            }
            // Edges usually come in document order, each document's in
            // evidence order (sentence, then start): then only runs of edges
            // at one spot may need sorting, each on its own.
            var unsortedRuns: [Range<Int>] = []
            var runStart = 0, runIsSorted = true
            for i in r.indices.dropFirst() {
                let a = r[i - 1], b = r[i]
                if (a.document, a.sentence, a.start) == (b.document, b.sentence, b.start) {
                    if runIsSorted && before(b, a) { runIsSorted = false }
                    continue
                }
                if (b.document, b.sentence, b.start) < (a.document, a.sentence, a.start) {
                    return Array(Int32(0)..<Int32(r.count)).sorted(by: stableBefore)
                }
                if !runIsSorted { unsortedRuns.append(runStart..<i) }
                runStart = i
                runIsSorted = true
            }
            if !runIsSorted { unsortedRuns.append(runStart..<r.count) }
            guard !unsortedRuns.isEmpty else { return nil }
            var order = Array(Int32(0)..<Int32(r.count))
            for run in unsortedRuns { order[run].sort(by: stableBefore) }
            return order
        }
        if let order { records = order.map { records[Int($0)] } }
        linkParallelEdges()
    }

    /// Sets `nextParallel` and the first-parallel flags for the current order.
    mutating func linkParallelEdges() {
        let next = Self.parallelLinks(records)
        records.withUnsafeMutableBufferPointer { r in
            for i in r.indices {
                r[i].nextParallel = next[i]
                r[i].flags |= EdgeRecord.firstParallelFlag
            }
            for i in r.indices where next[i] != 0 {
                r[Int(next[i])].flags &= ~EdgeRecord.firstParallelFlag
            }
        }
        parallelLinksValid = true
    }

    /// For each edge, the next edge with the same source, relation and
    /// target, or 0.
    package static func parallelLinks(_ records: [EdgeRecord]) -> [Int32] {
        struct Triple: Hashable { var source: Int32, relation: Int32, target: Int32 }
        var last: [Triple: Int32] = [:]
        last.reserveCapacity(records.count)
        var next = [Int32](repeating: 0, count: records.count)
        records.withUnsafeBufferPointer { r in
            for i in r.indices {
                let key = Triple(source: r[i].source, relation: r[i].relation, target: r[i].target)
                if let previous = last.updateValue(Int32(i), forKey: key) { next[Int(previous)] = Int32(i) }
            }
        }
        return next
    }

    /// The rank of each value in sorted order.
    static func ranks<T: Comparable>(_ values: [T]) -> [Int32] {
        var rank = [Int32](repeating: 0, count: values.count)
        for (r, k) in values.indices.sorted(by: { values[$0] < values[$1] }).enumerated() { rank[k] = Int32(r) }
        return rank
    }
}
