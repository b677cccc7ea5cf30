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
///
/// Tables are interned for the life of the process (`interned(_:)`, by
/// their words: every pipeline built from one lexicon shares them) and a
/// `WordTable` is plain pointers into one: the stages copy their word sets
/// with themselves for every sentence, on every worker thread, and a copy
/// costs no reference counting.
struct WordTable: @unchecked Sendable {
    /// Open addressing over `slots` (a power of two): each slot is -1 or
    /// the index of an ASCII key.
    private let slots: UnsafePointer<Int32>
    private let mask: Int
    /// ASCII keys laid end to end in `bytes`; key `i` is
    /// `bytes[keyStart[i]..<keyStart[i + 1]]`, its id `keyID[i]`.
    private let bytes: UnsafePointer<UInt8>
    private let keyStart: UnsafePointer<Int32>
    private let keyID: UnsafePointer<Int32>
    private let keyHash: UnsafePointer<UInt32>
    /// Lengths (in bytes, below 63) some ASCII key has: a query of another
    /// length is a miss without hashing; bit 63 stands for all longer ones.
    private let lengths: UInt64
    /// Every word with its id, for queries that are not ASCII.
    private unowned(unsafe) let storage: Storage
    /// Number of distinct words (canonically distinct).
    let count: Int
    /// The distinct words, in the order given.
    var words: [String] { storage.words }

    /// The table of `words`, ids in order of first appearance; repeats
    /// (canonically equal words) share the first one's id.
    static func interned(_ words: [String]) -> WordTable { Storage.interned(words).table }

    /// `interned(words)`, kept in memory that lives as long.
    static func internedPointer(_ words: [String]) -> UnsafePointer<WordTable> { Storage.interned(words).pointer }

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
        if lengths & (1 << UInt64(min(n, 63))) == 0 {
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
        var i = Int(h) & mask
        while true {
            let k = Int(slots[i])
            if k < 0 { return -1 }
            if keyHash[k] == h {
                let s = Int(keyStart[k])
                if Int(keyStart[k + 1]) - s == n, memcmp(bytes + s, key.baseAddress!, n) == 0 { return keyID[k] }
            }
            i = (i + 1) & mask
        }
    }

    /// The id of `word`, or nil when it is not in the table.
    @inline(__always)
    func id(of word: String) -> Int32? {
        let fast = word.utf8.withContiguousStorageIfAvailable { id(asciiBytes: $0) } ?? -2
        if fast >= 0 { return fast }
        if fast == -1 { return nil }
        return storage.exact[word]
    }

    private init(_ storage: Storage, slots: UnsafePointer<Int32>, mask: Int, bytes: UnsafePointer<UInt8>,
                 keyStart: UnsafePointer<Int32>, keyID: UnsafePointer<Int32>, keyHash: UnsafePointer<UInt32>,
                 lengths: UInt64, count: Int) {
        self.storage = storage
        self.slots = slots
        self.mask = mask
        self.bytes = bytes
        self.keyStart = keyStart
        self.keyID = keyID
        self.keyHash = keyHash
        self.lengths = lengths
        self.count = count
    }

    /// What a table points into, kept by `interned` for the life of the
    /// process.
    private final class Storage: @unchecked Sendable {
        let words: [String]
        let exact: [String: Int32]
        private(set) var table: WordTable!
        /// `table`, at an address that does not move.
        private(set) var pointer: UnsafePointer<WordTable>!
        private var allocations: [UnsafeMutableRawPointer] = []

        private init(_ given: [String]) {
            var exact: [String: Int32] = [:]
            var words: [String] = []
            var ascii: [(key: [UInt8], id: Int32)] = []
            for w in given where exact[w] == nil {
                let id = Int32(words.count)
                exact[w] = id
                words.append(w)
                // An ASCII query can only equal a word whose NFC form is
                // ASCII; two canonically distinct words have distinct NFC forms.
                let nfc = w.utf8.allSatisfy { $0 < 0x80 } ? w : w.precomposedStringWithCanonicalMapping
                let utf8 = Array(nfc.utf8)
                if utf8.allSatisfy({ $0 < 0x80 }) { ascii.append((utf8, id)) }
            }
            self.words = words
            self.exact = exact

            let size = max(16, (ascii.count * 2).nextPowerOfTwo)
            let slots = allocate(Int32.self, size, fill: -1)
            let bytes = allocate(UInt8.self, max(1, ascii.reduce(0) { $0 + $1.key.count }), fill: 0)
            let keyStart = allocate(Int32.self, ascii.count + 1, fill: 0)
            let keyID = allocate(Int32.self, max(1, ascii.count), fill: 0)
            let keyHash = allocate(UInt32.self, max(1, ascii.count), fill: 0)
            var lengths: UInt64 = 0
            var offset = 0
            for (k, (key, id)) in ascii.enumerated() {
                for (j, b) in key.enumerated() { bytes[offset + j] = b }
                offset += key.count
                keyStart[k + 1] = Int32(offset)
                keyID[k] = id
                let h = key.withUnsafeBufferPointer { WordTable.hash($0) }
                keyHash[k] = h
                lengths |= 1 << UInt64(min(key.count, 63))
                var i = Int(h) & (size - 1)
                while slots[i] >= 0 { i = (i + 1) & (size - 1) }
                slots[i] = Int32(k)
            }
            let table = WordTable(self, slots: slots, mask: size - 1, bytes: bytes, keyStart: keyStart, keyID: keyID,
                                  keyHash: keyHash, lengths: lengths, count: words.count)
            self.table = table
            pointer = UnsafePointer(allocate(WordTable.self, 1, fill: table))
        }

        private func allocate<T>(_ type: T.Type, _ count: Int, fill: T) -> UnsafeMutablePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: count)
            p.initialize(repeating: fill, count: count)
            allocations.append(UnsafeMutableRawPointer(p))
            return p
        }

        deinit {
            for p in allocations { p.deallocate() }
        }

        private static let lock = NSLock()
        nonisolated(unsafe) private static var all: [[String]: Storage] = [:]

        /// The one table of these words; never freed.
        static func interned(_ words: [String]) -> Storage {
            lock.lock()
            defer { lock.unlock() }
            if let s = all[words] { return s }
            let s = Storage(words)
            all[words] = s
            return s
        }
    }
}

private extension Int {
    var nextPowerOfTwo: Int { self <= 1 ? 1 : 1 << (Int.bitWidth - (self - 1).leadingZeroBitCount) }
}

/// A fixed set of words, for the membership tests the extraction rules make
/// on every token (`words.modals.contains(tokens[k].lower)`): the same
/// answers as `Set<String>`, without its per-lookup hashing cost, and
/// copied without reference counting (see `WordTable`).
struct WordSet: @unchecked Sendable, ExpressibleByArrayLiteral, Sequence {
    /// The interned table: one pointer, so that a struct of word sets
    /// (`WordSets`) stays small enough to copy.
    private let pointer: UnsafePointer<WordTable>
    private var table: WordTable { pointer.pointee }

    init() { self.init([String]()) }

    init<S: Sequence>(_ words: S) where S.Element == String {
        pointer = WordTable.internedPointer(Array(words))
    }

    init(arrayLiteral words: String...) { self.init(words) }

    @inline(__always)
    func contains(_ word: String) -> Bool { pointer.pointee.id(of: word) != nil }

    /// Whether the word whose UTF-8 bytes (all ASCII) are `bytes` is in the set.
    @inline(__always)
    func contains(asciiBytes bytes: UnsafeBufferPointer<UInt8>) -> Bool { pointer.pointee.id(asciiBytes: bytes) >= 0 }

    var count: Int { pointer.pointee.count }
    var isEmpty: Bool { pointer.pointee.count == 0 }

    func makeIterator() -> IndexingIterator<[String]> { table.words.makeIterator() }

    /// Both sets' words.
    func union(_ other: WordSet) -> WordSet { WordSet(table.words + other.table.words) }
}
