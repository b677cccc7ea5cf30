import Foundation

/// Words numbered 0, 1, 2, ... with a lookup that hashes the UTF-8 bytes of
/// an ASCII word directly: no `Hasher` seeding, no SipHash, no Unicode
/// normalisation. The extractors ask such tables about nearly every token,
/// so this is where `Set<String>` spent most of its time.
///
/// Answers are those of `String` equality (canonical equivalence): an ASCII
/// query is matched byte for byte against the NFC forms of the words that
/// are ASCII in NFC (the only ones it can equal), and any other query goes
/// to a `Dictionary<String, Int32>` holding every word.
struct WordTable: Sendable {
    /// Open addressing over `slots` (a power of two): each slot is -1 or
    /// the index of an ASCII key in `keyStart`.
    private var slots: [Int32] = []
    private var mask = 0
    /// ASCII keys laid end to end in `bytes`; key `i` is
    /// `bytes[keyStart[i]..<keyStart[i + 1]]`, its id `keyID[i]`.
    private var bytes: [UInt8] = []
    private var keyStart: [Int32] = [0]
    private var keyID: [Int32] = []
    private var keyHash: [UInt32] = []
    /// Every word with its id, for queries that are not ASCII.
    private var exact: [String: Int32] = [:]
    /// Lengths (in bytes, below 64) some ASCII key has: a query of another
    /// length is a miss without hashing.
    private var lengths: UInt64 = 0
    /// Number of distinct words (canonically distinct), the next id.
    private(set) var count = 0

    init() {}

    init<S: Sequence>(_ words: S) where S.Element == String {
        for w in words { _ = insert(w) }
    }

    /// The id of `word`, adding it if it is new.
    @discardableResult
    mutating func insert(_ word: String) -> Int32 {
        if let id = exact[word] { return id }
        let id = Int32(count)
        count += 1
        exact[word] = id
        // An ASCII query can only equal a word whose NFC form is ASCII.
        let nfc = word.utf8.allSatisfy { $0 < 0x80 } ? word : word.precomposedStringWithCanonicalMapping
        let utf8 = Array(nfc.utf8)
        if utf8.allSatisfy({ $0 < 0x80 }) { addASCII(utf8, id: id) }
        return id
    }

    private mutating func addASCII(_ key: [UInt8], id: Int32) {
        let hash = key.withUnsafeBufferPointer { WordTable.hash($0) }
        // Two canonically distinct words cannot share an NFC form, so the
        // key is new.
        bytes.append(contentsOf: key)
        keyStart.append(Int32(bytes.count))
        keyID.append(id)
        keyHash.append(hash)
        if key.count < 64 { lengths |= 1 << UInt64(key.count) } else { lengths |= 1 << 63 }
        if keyID.count * 2 > slots.count { rehash(max(16, slots.count * 2)) } else { place(keyID.count - 1) }
    }

    private mutating func rehash(_ size: Int) {
        slots = Array(repeating: -1, count: size)
        mask = size - 1
        for k in keyID.indices { place(k) }
    }

    private mutating func place(_ k: Int) {
        var i = Int(keyHash[k]) & mask
        while slots[i] >= 0 { i = (i + 1) & mask }
        slots[i] = Int32(k)
    }

    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for b in key { h = (h ^ UInt32(b)) &* 16_777_619 }
        return h ^ (h >> 15)
    }

    /// The id of an ASCII word given as bytes; -1 when it is not in the
    /// table, -2 when the bytes are not all ASCII (ask `id(of:)`).
    @inline(__always)
    func id(asciiBytes key: UnsafeBufferPointer<UInt8>) -> Int32 {
        let n = key.count
        if n < 63, lengths & (1 << UInt64(n)) == 0 {
            // No key of this length; still tell a non-ASCII query apart.
            for b in key where b >= 0x80 { return -2 }
            return -1
        }
        var h: UInt32 = 2_166_136_261
        for b in key {
            if b >= 0x80 { return -2 }
            h = (h ^ UInt32(b)) &* 16_777_619
        }
        h ^= h >> 15
        guard !slots.isEmpty else { return -1 }
        return slots.withUnsafeBufferPointer { slots in
            var i = Int(h) & mask
            while true {
                let k = Int(slots[i])
                if k < 0 { return -1 }
                if keyHash[k] == h {
                    let s = Int(keyStart[k]), e = Int(keyStart[k + 1])
                    if e - s == n, bytes.withUnsafeBufferPointer({ b in
                        memcmp(b.baseAddress! + s, key.baseAddress!, n) == 0
                    }) {
                        return keyID[k]
                    }
                }
                i = (i + 1) & mask
            }
        }
    }

    /// The id of `word`, or nil when it is not in the table.
    @inline(__always)
    func id(of word: String) -> Int32? {
        let fast = word.utf8.withContiguousStorageIfAvailable { id(asciiBytes: $0) } ?? -2
        if fast >= 0 { return fast }
        if fast == -1 { return nil }
        return exact[word]
    }
}

/// A fixed set of words, for the membership tests the extraction rules make
/// on every token (`words.modals.contains(tokens[k].lower)`): the same
/// answers as `Set<String>`, without its per-lookup hashing cost.
struct WordSet: Sendable, ExpressibleByArrayLiteral, Sequence {
    private var table: WordTable
    /// The words in the order given, without repeats.
    private var words: [String] = []

    init() { table = WordTable() }

    init<S: Sequence>(_ words: S) where S.Element == String {
        table = WordTable()
        for w in words where table.id(of: w) == nil {
            table.insert(w)
            self.words.append(w)
        }
    }

    init(arrayLiteral words: String...) { self.init(words) }

    @inline(__always)
    func contains(_ word: String) -> Bool { table.id(of: word) != nil }

    /// Whether the word whose UTF-8 bytes (all ASCII) are `bytes` is in the set.
    @inline(__always)
    func contains(asciiBytes bytes: UnsafeBufferPointer<UInt8>) -> Bool { table.id(asciiBytes: bytes) >= 0 }

    var count: Int { words.count }
    var isEmpty: Bool { words.isEmpty }

    func makeIterator() -> IndexingIterator<[String]> { words.makeIterator() }

    /// Both sets' words.
    func union(_ other: WordSet) -> WordSet { WordSet(words + other.words) }
}
