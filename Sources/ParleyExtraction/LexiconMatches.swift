import Foundation
import ParleyOntology

/// The lexicon phrases starting at a token, longest first (`Token.matches`).
///
/// Every rule asks a token for its phrases, many times over, and copies
/// tokens as it goes; so the list is plain data: up to three phrases packed
/// in integers (the count in the spare bits 24-31 of the first), and a
/// longer list (rare) kept in memory of the process (`Spilled`, interned by
/// content, so it holds only the distinct lists the lexicon can give) by its
/// address. Reading or copying one allocates, locks and counts nothing.
public struct LexiconMatches: RandomAccessCollection, Hashable, @unchecked Sendable {
    private var first: UInt64 = 0
    /// The count of a spilled list.
    private var second: UInt64 = 0
    private var third: UInt64 = 0
    /// The whole list, when it does not fit inline.
    private var spilled: UnsafePointer<LexiconMatch>?

    public init() {}

    public init<S: Sequence>(_ matches: S) where S.Element == LexiconMatch {
        for m in matches { append(m) }
    }

    @inline(__always)
    private var inlineCount: Int { Int((first >> 24) & 0xFF) }

    public var startIndex: Int { 0 }
    public var endIndex: Int { spilled == nil ? inlineCount : Int(second) }

    public subscript(i: Int) -> LexiconMatch {
        if let spilled {
            precondition(i >= 0 && i < Int(second), "LexiconMatches index out of range")
            return spilled[i]
        }
        precondition(i >= 0 && i < inlineCount, "LexiconMatches index out of range")
        return LexiconMatches.unpack(i == 0 ? first : (i == 1 ? second : third))
    }

    mutating func append(_ m: LexiconMatch) {
        if spilled == nil, inlineCount < 3, let p = LexiconMatches.pack(m) {
            switch inlineCount {
            case 0: first = p | 1 << 24
            case 1: second = p; first += 1 << 24
            default: third = p; first += 1 << 24
            }
            return
        }
        let list = Array(self) + [m]
        first = 0; third = 0
        second = UInt64(list.count)
        spilled = Spilled.storage(of: list)
    }

    /// The first trigger phrase: its length and `Lexicon.triggers` index.
    /// Read off the packed tags, without unpacking the other phrases (a
    /// word list's name is looked up to unpack it).
    var firstTrigger: (length: Int, index: Int)? {
        if let spilled {
            for i in 0..<Int(second) { if case .trigger(let t) = spilled[i].hit { return (spilled[i].length, t) } }
            return nil
        }
        for i in 0..<inlineCount {
            let p = i == 0 ? first : (i == 1 ? second : third)
            if (p >> 16) & 0xFF == LexiconMatches.triggerTag { return (Int(p & 0xFFFF), Int(p >> 32)) }
        }
        return nil
    }

    public static func == (a: LexiconMatches, b: LexiconMatches) -> Bool { a.elementsEqual(b) }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for m in self { hasher.combine(m) }
    }

    // MARK: Packing: length in bits 0-15, case in 16-23, payload in 32-63.

    private static let lists = WordListName.allCases
    /// The packed tag of a trigger phrase (`pack`), which `firstTrigger` reads.
    private static let triggerTag: UInt64 = 4

    private static func pack(_ m: LexiconMatch) -> UInt64? {
        guard m.length >= 0, m.length <= 0xFFFF else { return nil }
        let tag: UInt64, payload: Int
        switch m.hit {
        case .name(let i): tag = 0; payload = i
        case .demonym(let i): tag = 1; payload = i
        case .metonym(let i): tag = 2; payload = i
        case .roleTitle(let i): tag = 3; payload = i
        case .trigger(let i): tag = triggerTag; payload = i
        case .proposalNoun(let i): tag = 5; payload = i
        case .conditionCue(let i): tag = 6; payload = i
        case .anaphor(let i): tag = 7; payload = i
        case .word(let list):
            tag = 8
            guard let i = lists.firstIndex(of: list) else { return nil }
            payload = i
        }
        guard payload >= 0, payload <= Int(UInt32.max) else { return nil }
        return UInt64(m.length) | tag << 16 | UInt64(payload) << 32
    }

    @inline(__always)
    private static func unpack(_ p: UInt64) -> LexiconMatch {
        let payload = Int(p >> 32)
        let hit: LexiconHit
        switch (p >> 16) & 0xFF {
        case 0: hit = .name(payload)
        case 1: hit = .demonym(payload)
        case 2: hit = .metonym(payload)
        case 3: hit = .roleTitle(payload)
        case triggerTag: hit = .trigger(payload)
        case 5: hit = .proposalNoun(payload)
        case 6: hit = .conditionCue(payload)
        case 7: hit = .anaphor(payload)
        default: hit = .word(lists[payload])
        }
        return LexiconMatch(length: Int(p & 0xFFFF), hit: hit)
    }
}

/// Lists of lexicon phrases too long to keep inline, for the life of the
/// process, at fixed addresses. A list is added once (by content), so this
/// holds the distinct long lists the lexicons in use can give, not one per
/// token; only adding takes the lock.
private enum Spilled {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var stored: [[LexiconMatch]: UnsafeMutablePointer<LexiconMatch>] = [:]

    static func storage(of list: [LexiconMatch]) -> UnsafePointer<LexiconMatch> {
        lock.lock()
        defer { lock.unlock() }
        if let p = stored[list] { return UnsafePointer(p) }
        let p = UnsafeMutablePointer<LexiconMatch>.allocate(capacity: max(1, list.count))
        p.initialize(from: list, count: list.count)
        stored[list] = p
        return UnsafePointer(p)
    }
}
