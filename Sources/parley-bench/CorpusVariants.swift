import Foundation
import ParleyExtraction
import ParleyGraph
import ParleyOntology

/// A corpus of any size made from the seed articles, varied so that it is
/// not one text repeated: in each copy the states, people, armed groups and
/// bodies the lexicon knows are swapped for others of the same class (with
/// their matching demonyms, capitals and surnames), and the body paragraphs
/// are shuffled. Deterministic for a given seed.
struct CorpusVariants {
    /// How a name was written, so its replacement is written the same way.
    enum Form: Hashable {
        case label, name(Int), demonym(Int), metonym(Int), surname
    }

    /// A seed article cut into literal text and swappable names.
    struct Template {
        enum Piece { case text(String), entity(Int, Form) }
        var name: String
        var pieces: [Piece]
    }

    let entities: [LexiconEntity]
    /// Entity positions by class, the pools names are swapped within.
    let pools: [NodeType: [Int]]
    let templates: [Template]

    init(seeds: [(name: String, text: String)], lexicon: Lexicon) {
        let entities = lexicon.entities
        var surfaces: [String: (Int, Form)] = [:]
        func claim(_ s: String, _ e: Int, _ form: Form) {
            guard s.count >= 2, s.first?.isUppercase == true, surfaces[s] == nil else { return }
            surfaces[s] = (e, form)
        }
        for (e, entity) in entities.enumerated() {
            claim(entity.label, e, .label)
            for (k, n) in entity.names.enumerated() { claim(n, e, .name(k)) }
            for (k, n) in entity.demonyms.enumerated() { claim(n, e, .demonym(k)) }
            for (k, n) in entity.metonyms.enumerated() { claim(n, e, .metonym(k)) }
        }
        for (e, entity) in entities.enumerated() where entity.type == .actor {
            if let last = entity.label.split(separator: " ").last, last.count >= 4 { claim(String(last), e, .surname) }
        }
        var pools: [NodeType: [Int]] = [:]
        for (e, entity) in entities.enumerated() { pools[entity.type, default: []].append(e) }
        self.entities = entities
        self.pools = pools
        self.templates = seeds.map { CorpusVariants.template($0.name, $0.text, surfaces: surfaces) }
    }

    /// Cuts `text` at every lexicon name, longest match first, on word
    /// boundaries (words being runs of letters and digits).
    static func template(_ name: String, _ text: String, surfaces: [String: (Int, Form)]) -> Template {
        let scalars = Array(text.unicodeScalars)
        func isWord(_ s: Unicode.Scalar) -> Bool { s.properties.isAlphabetic || s.properties.numericType != nil }
        var words: [Range<Int>] = []
        var i = 0
        while i < scalars.count {
            guard isWord(scalars[i]) else { i += 1; continue }
            let start = i
            while i < scalars.count && isWord(scalars[i]) { i += 1 }
            words.append(start..<i)
        }
        func string(_ r: Range<Int>) -> String { String(String.UnicodeScalarView(scalars[r])) }
        var pieces: [Template.Piece] = []
        var copied = 0
        var k = 0
        while k < words.count {
            var matched = 0
            for n in stride(from: min(8, words.count - k), through: 1, by: -1) {
                let span = words[k].lowerBound..<words[k + n - 1].upperBound
                guard span.count <= 60, !scalars[span].contains("\n") else { continue }
                if let (e, form) = surfaces[string(span)] {
                    if span.lowerBound > copied { pieces.append(.text(string(copied..<span.lowerBound))) }
                    pieces.append(.entity(e, form))
                    copied = span.upperBound
                    matched = n
                    break
                }
            }
            k += max(matched, 1)
        }
        if copied < scalars.count { pieces.append(.text(string(copied..<scalars.count))) }
        return Template(name: name, pieces: pieces)
    }

    /// Documents of at least `megabytes` MB of UTF-8 in total, their size
    /// and the number of distinct texts among them.
    func documents(megabytes: Double, seed: UInt64) -> (documents: [SourceDocument], bytes: Int, distinct: Int) {
        var random = SplitMix64(seed: seed)
        var documents: [SourceDocument] = []
        var texts = Set<Int>()
        var bytes = 0
        var n = 0
        while Double(bytes) < megabytes * 1e6 {
            let template = templates[n % templates.count]
            let text = variant(of: template, random: &random)
            bytes += text.utf8.count
            texts.insert(text.hashValue)
            let name = String(format: "v%05d_", n) + template.name
            documents.append(SourceDocument(info: DocumentInfo(name: name, path: "bench-corpus/" + name), text: text))
            n += 1
        }
        return (documents, bytes, texts.count)
    }

    /// One copy of `template`: names swapped injectively within their pools,
    /// the title lines kept, the other paragraphs shuffled.
    func variant(of template: Template, random: inout SplitMix64) -> String {
        var mapping: [Int: Int] = [:]
        var used = Set<Int>()
        var text = ""
        for piece in template.pieces {
            switch piece {
            case .text(let s): text += s
            case .entity(let e, let form):
                if mapping[e] == nil {
                    let pool = pools[entities[e].type] ?? [e]
                    var target = pool[random.below(pool.count)]
                    var tries = 0
                    while used.contains(target) && tries < 8 { target = pool[random.below(pool.count)]; tries += 1 }
                    if used.contains(target) { target = e }
                    used.insert(target)
                    mapping[e] = target
                }
                text += surface(of: entities[mapping[e]!], form)
            }
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.count > 4 {
            for i in stride(from: lines.count - 1, to: 2, by: -1) {
                let j = 2 + random.below(i - 1)
                lines.swapAt(i, j)
            }
        }
        return lines.joined(separator: "\n")
    }

    func surface(of entity: LexiconEntity, _ form: Form) -> String {
        func pick(_ list: [String], _ k: Int) -> String { list.isEmpty ? entity.label : list[k % list.count] }
        switch form {
        case .label: return entity.label
        case .name(let k): return k < entity.names.count ? entity.names[k] : entity.label
        case .demonym(let k): return pick(entity.demonyms, k)
        case .metonym(let k): return pick(entity.metonyms, k)
        case .surname: return entity.label.split(separator: " ").last.map(String.init) ?? entity.label
        }
    }
}

/// A small, fast, seedable generator (SplitMix64), so every run varies the
/// corpus and the synthetic graphs the same way.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<n` (n > 0).
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }
}
