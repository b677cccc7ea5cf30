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
    /// A slot of the open-addressing table: an ASCII key, told apart by its
    /// length and its first and last eight bytes (`WordTable.words`), which
    /// cover every byte of a key of up to 16 bytes; longer keys are also
    /// compared byte for byte (`bytes[offset...]`). `id` is -1 in an empty
    /// slot.
    private struct Slot {
        var first: UInt64 = 0
        var last: UInt64 = 0
        var length: Int32 = 0
        var id: Int32 = -1
        var offset: Int32 = 0
    }

    private let slots: UnsafePointer<Slot>
    /// A 16-bit tag of each slot's hash (0: empty), probed before the slot:
    /// the tags of even the lexicon's vocabulary fit in the first-level
    /// cache, and most lookups (misses) read nothing else.
    private let tags: UnsafePointer<UInt16>
    private let mask: Int
    /// The bytes of keys longer than 16, end to end.
    private let bytes: UnsafePointer<UInt8>
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

    /// The first and last eight bytes of `n` bytes at `p` as integers (for
    /// fewer than eight, loads of four or single bytes that still cover
    /// every byte): with `n`, they determine the bytes when `n` <= 16.
    @inline(__always)
    static func words(_ p: UnsafeRawPointer, _ n: Int) -> (first: UInt64, last: UInt64) {
        if n >= 8 { return (p.loadUnaligned(as: UInt64.self), (p + (n - 8)).loadUnaligned(as: UInt64.self)) }
        if n >= 4 {
            return (UInt64(p.loadUnaligned(as: UInt32.self)), UInt64((p + (n - 4)).loadUnaligned(as: UInt32.self)))
        }
        guard n > 0 else { return (0, 0) }
        let v = UInt64(p.load(as: UInt8.self)) | UInt64((p + n / 2).load(as: UInt8.self)) << 8
            | UInt64((p + (n - 1)).load(as: UInt8.self)) << 16
        return (v, 0)
    }

    @inline(__always)
    static func tag(_ h: UInt64) -> UInt16 { UInt16(truncatingIfNeeded: h >> 48) | 1 }

    @inline(__always)
    static func hash(_ w: (first: UInt64, last: UInt64), _ n: Int) -> UInt64 {
        var h = (w.first ^ (w.last &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(n)) &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 31
        return h
    }

    /// The id of an ASCII word given as bytes; -1 when it is not in the
    /// table, -2 when the bytes are not all ASCII (ask `id(of:)`).
    @inline(__always)
    func id(asciiBytes key: UnsafeBufferPointer<UInt8>) -> Int32 {
        let n = key.count
        guard n > 0, let base = key.baseAddress else { return lengths & 1 == 0 ? -1 : lookup(n: 0, (0, 0), key) }
        let w = WordTable.words(UnsafeRawPointer(base), n)
        if n <= 16 {
            // The two words cover every byte.
            if (w.first | w.last) & 0x8080_8080_8080_8080 != 0 { return -2 }
        } else {
            for b in key where b >= 0x80 { return -2 }
        }
        if lengths & (1 << UInt64(min(n, 63))) == 0 { return -1 }
        return lookup(n: n, w, key)
    }

    @inline(__always)
    private func lookup(n: Int, _ w: (first: UInt64, last: UInt64), _ key: UnsafeBufferPointer<UInt8>) -> Int32 {
        let h = WordTable.hash(w, n)
        let tag = WordTable.tag(h)
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let t = tags[i]
            if t == 0 { return -1 }
            if t == tag {
                let slot = slots[i]
                if Int(slot.length) == n, slot.first == w.first, slot.last == w.last,
                   n <= 16 || memcmp(bytes + Int(slot.offset), key.baseAddress!, n) == 0 {
                    return slot.id
                }
            }
            i = (i + 1) & mask
        }
    }

    /// `hash` of a word whose UTF-8 bytes are all ASCII, as `Token` keeps
    /// it for its lower case; 0 for any other word (0 means "not known").
    static func asciiHash(_ word: String) -> UInt64 {
        word.utf8.withContiguousStorageIfAvailable { bytes -> UInt64 in
            guard let base = bytes.baseAddress, bytes.allSatisfy({ $0 < 0x80 }) else { return 0 }
            return hash(words(UnsafeRawPointer(base), bytes.count), bytes.count)
        } ?? 0
    }

    /// False when no ASCII word of the table has this `hash`: a probe that
    /// reads only the tags, so a lookup that misses (most do) never touches
    /// the word itself. True means "perhaps": ask `id(of:)`.
    @inline(__always)
    func mayContain(hash h: UInt64) -> Bool {
        let tag = WordTable.tag(h)
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let t = tags[i]
            if t == 0 { return false }
            if t == tag { return true }
            i = (i + 1) & mask
        }
    }

    /// The id of `word`, whose `asciiHash` is `hash` (0: not known): the
    /// hash rules most words out without reading them.
    @inline(__always)
    func id(of word: @autoclosure () -> String, hash: UInt64) -> Int32? {
        if hash != 0 && !mayContain(hash: hash) { return nil }
        return id(of: word())
    }

    /// The id of `word`, or nil when it is not in the table.
    @inline(__always)
    func id(of word: String) -> Int32? {
        let fast = word.utf8.withContiguousStorageIfAvailable { id(asciiBytes: $0) } ?? -2
        if fast >= 0 { return fast }
        if fast == -1 { return nil }
        return storage.exact[word]
    }

    private init(_ storage: Storage, slots: UnsafePointer<Slot>, tags: UnsafePointer<UInt16>, mask: Int,
                 bytes: UnsafePointer<UInt8>, lengths: UInt64, count: Int) {
        self.storage = storage
        self.slots = slots
        self.tags = tags
        self.mask = mask
        self.bytes = bytes
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
            let slots = allocate(Slot.self, size, fill: Slot())
            let tags = allocate(UInt16.self, size, fill: 0)
            let long = ascii.filter { $0.key.count > 16 }.reduce(0) { $0 + $1.key.count }
            let bytes = allocate(UInt8.self, max(1, long), fill: 0)
            var lengths: UInt64 = 0
            var offset = 0
            for (key, id) in ascii {
                var slot = Slot()
                slot.length = Int32(key.count)
                slot.id = id
                let w = key.withUnsafeBytes { WordTable.words($0.baseAddress ?? UnsafeRawPointer(bytes), key.count) }
                slot.first = w.first
                slot.last = w.last
                if key.count > 16 {
                    slot.offset = Int32(offset)
                    for (j, b) in key.enumerated() { bytes[offset + j] = b }
                    offset += key.count
                }
                lengths |= 1 << UInt64(min(key.count, 63))
                let h = WordTable.hash(w, key.count)
                var i = Int(truncatingIfNeeded: h) & (size - 1)
                while tags[i] != 0 { i = (i + 1) & (size - 1) }
                slots[i] = slot
                tags[i] = WordTable.tag(h)
            }
            let table = WordTable(self, slots: slots, tags: tags, mask: size - 1, bytes: bytes, lengths: lengths,
                                  count: words.count)
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
/// on every token (`tokens.word(k, in: words.modals)`): the same
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

    /// Whether the token's lower case is in the set. The token carries the
    /// hash of its lower case, so a miss (nearly every token) is decided
    /// without reading the string.
    @inline(__always)
    func contains(_ token: Token) -> Bool { contains(token.lower, hash: token.lowerHash) }

    /// Whether `word`, whose `WordTable.asciiHash` is `hash`, is in the set.
    @inline(__always)
    func contains(_ word: @autoclosure () -> String, hash: UInt64) -> Bool {
        if hash != 0 && !pointer.pointee.mayContain(hash: hash) { return false }
        return pointer.pointee.id(of: word()) != nil
    }

    /// Whether the word whose UTF-8 bytes (all ASCII) are `bytes` is in the set.
    @inline(__always)
    func contains(asciiBytes bytes: UnsafeBufferPointer<UInt8>) -> Bool { pointer.pointee.id(asciiBytes: bytes) >= 0 }

    var count: Int { pointer.pointee.count }
    var isEmpty: Bool { pointer.pointee.count == 0 }

    func makeIterator() -> IndexingIterator<[String]> { table.words.makeIterator() }

    /// Both sets' words.
    func union(_ other: WordSet) -> WordSet { WordSet(table.words + other.table.words) }
}

extension Array where Element == Token {
    /// Whether the lower case of token `k` is in `words`: `words.contains(self[k])`
    /// without copying the token (and counting references on its strings)
    /// to ask.
    @inline(__always)
    func word(_ k: Int, in words: WordSet) -> Bool { words.contains(self[k].lower, hash: self[k].lowerHash) }

    /// The id of the lower case of token `k` in `table`, nil when it is not
    /// there; as `word(_:in:)`, without copying the token.
    @inline(__always)
    func wordID(_ k: Int, in table: WordTable) -> Int32? { table.id(of: self[k].lower, hash: self[k].lowerHash) }
}
