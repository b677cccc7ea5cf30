import ParleyXML

/// Quoted DOT strings written straight into an output's buffer.
///
/// Every id and attribute value is double-quoted, so keywords (`node`,
/// `EDGE`) and colons (`a:b`, read as ports when bare) are plain text. In
/// the string, `\` becomes `\\` first (so `\N`, `\G`, `\l` in data are not
/// escString directives and a trailing `\` cannot swallow the closing
/// quote), then `"` becomes `\"`, LF becomes `\n`, CR is dropped, and every
/// other character XML cannot carry (C0 controls, U+FFFE, U+FFFF) becomes
/// U+FFFD, counted in the output's `replacementCount`.
struct DOTWriter {
    let out: XMLOutput

    @inline(__always) func raw(_ s: StaticString) { out.write(s) }
    @inline(__always) func raw(_ b: [UInt8]) { out.write(b) }
    @inline(__always) func number(_ n: Int) { out.write(decimal: n) }

    /// `"text"`.
    @inline(__always) func quoted(_ text: String) {
        out.write(byte: 0x22)
        escaped(text)
        out.write(byte: 0x22)
    }

    /// `name="text"` preceded by `, ` unless first.
    @inline(__always) func attribute(_ name: StaticString, _ value: String, first: Bool = false) {
        if !first { out.write(", ") }
        out.write(name)
        out.write("=\"")
        escaped(value)
        out.write(byte: 0x22)
    }

    /// The escaped bytes of `text`, without quotes, for reuse.
    static func escapedBytes(_ text: String) -> (bytes: [UInt8], replacements: Int) {
        var bytes = [UInt8]()
        var replacements = 0
        var copy = text
        copy.withUTF8 { src in
            bytes.reserveCapacity(src.count + 8)
            var i = 0
            while i < src.count {
                let b = src[i]
                i += 1
                switch b {
                case 0x5C: bytes += [0x5C, 0x5C]
                case 0x22: bytes += [0x5C, 0x22]
                case 0x0A: bytes += [0x5C, 0x6E]
                case 0x0D: break
                case 0x09: bytes.append(b)
                case 0..<0x20:
                    bytes += [0xEF, 0xBF, 0xBD]
                    replacements += 1
                case 0xEF where i + 1 < src.count && src[i] == 0xBF && src[i + 1] >= 0xBE:
                    bytes += [0xEF, 0xBF, 0xBD]
                    replacements += 1
                    i += 2
                default: bytes.append(b)
                }
            }
        }
        return (bytes, replacements)
    }

    /// Writes `text` escaped; its replacements are counted unless
    /// `counting` is false (text counted once where it was first written).
    @inline(__always)
    func escaped(_ text: String, counting: Bool = true) {
        var replaced = 0
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { src in
            replaced = escape(src)
        }
        if done == nil {
            var copy = text
            copy.makeContiguousUTF8()
            copy.utf8.withContiguousStorageIfAvailable { src in replaced = escape(src) }
        }
        if counting && replaced > 0 { out.noteReplacements(replaced) }
    }

    func escaped(_ text: Substring) {
        var replaced = 0
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { src in
            replaced = escape(src)
        }
        if done == nil { return escaped(String(text)) }
        if replaced > 0 { out.noteReplacements(replaced) }
    }

    /// Writes UTF-8 `bytes` escaped; counts replacements unless `counting`
    /// is false.
    @inline(__always)
    func escaped(_ bytes: UnsafeBufferPointer<UInt8>, counting: Bool = true) {
        let replaced = escape(bytes)
        if counting && replaced > 0 { out.noteReplacements(replaced) }
    }

    /// Writes `bytes` as they are when `plain` (nothing to escape), else
    /// escaped without counting replacements (text counted where it was
    /// first written).
    @inline(__always)
    func text(_ bytes: UnsafeBufferPointer<UInt8>, plain: Bool) {
        if plain { out.write(UnsafeRawBufferPointer(bytes)) } else { _ = escape(bytes) }
    }

    /// The first eight bytes of `bytes` as a little-endian word (0 when
    /// shorter), read ahead of `isPlain`.
    @inline(__always)
    static func firstWord(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard bytes.count >= 8, let base = bytes.baseAddress else { return 0 }
        return UInt64(littleEndian: UnsafeRawPointer(base).loadUnaligned(as: UInt64.self))
    }

    /// Whether no byte of `bytes` needs escaping; `first` is
    /// `firstWord(bytes)`.
    @inline(__always)
    static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>, first: UInt64) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var i = 0
        var special: UInt64 = 0
        if bytes.count >= 8 {
            special = specialBytes(first)
            i = 8
        }
        while i &+ 8 <= bytes.count {
            special |= specialBytes(UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)))
            i &+= 8
        }
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x20 || b == 0x22 || b == 0x5C || b == 0xEF { return false }
            i &+= 1
        }
        return special == 0
    }

    /// Bytes of a little-endian word that need a look: below 0x20, `"`,
    /// `\`, 0xEF. Only the lowest flagged byte is exact.
    @inline(__always)
    static func specialBytes(_ x: UInt64) -> UInt64 {
        func zeroBytes(_ v: UInt64) -> UInt64 { (v &- 0x0101_0101_0101_0101) & ~v & 0x8080_8080_8080_8080 }
        return ((x &- 0x2020_2020_2020_2020) & ~x & 0x8080_8080_8080_8080)
            | zeroBytes(x ^ 0x2222_2222_2222_2222) | zeroBytes(x ^ 0x5C5C_5C5C_5C5C_5C5C)
            | zeroBytes(x ^ 0xEFEF_EFEF_EFEF_EFEF)
    }

    /// Writes `src` escaped, in slices that fit the output's buffer (at
    /// most 3 output bytes per input byte); returns the replacements.
    private func escape(_ src: UnsafeBufferPointer<UInt8>) -> Int {
        let n = src.count
        let slice = out.reservationLimit / 3 - 8
        var replaced = 0
        var i = 0
        while i < n {
            let stop = min(n, i + slice)
            // 3 bytes out per byte in at worst, plus room for 8-byte stores.
            out.withUnsafeReservedBytes((stop - i + 2) * 3 + 8) { room in
                var o = 0
                while i < stop {
                    // Ordinary bytes eight at a time, up to the first special one.
                    while i &+ 8 <= stop {
                        let word = UInt64(littleEndian: UnsafeRawPointer(src.baseAddress! + i)
                            .loadUnaligned(as: UInt64.self))
                        let special = DOTWriter.specialBytes(word)
                        UnsafeMutableRawPointer(room.baseAddress! + o).storeBytes(of: word.littleEndian, as: UInt64.self)
                        if special == 0 {
                            o &+= 8
                            i &+= 8
                        } else {
                            let n = special.trailingZeroBitCount >> 3
                            o &+= n
                            i &+= n
                            break
                        }
                    }
                    guard i < stop else { break }
                    let b = src[i]
                    i += 1
                    if b >= 0x20 && b != 0x22 && b != 0x5C && b != 0xEF {
                        room[o] = b
                        o += 1
                        continue
                    }
                    switch b {
                    case 0x5C, 0x22:
                        room[o] = 0x5C
                        room[o + 1] = b
                        o += 2
                    case 0x0A:
                        room[o] = 0x5C
                        room[o + 1] = 0x6E
                        o += 2
                    case 0x0D: break
                    case 0x09:
                        room[o] = b
                        o += 1
                    case 0xEF:
                        let b1 = src[i], b2 = src[i + 1]
                        i += 2
                        if b1 == 0xBF && b2 >= 0xBE {
                            room[o] = 0xEF; room[o + 1] = 0xBF; room[o + 2] = 0xBD
                            replaced += 1
                        } else {
                            room[o] = b; room[o + 1] = b1; room[o + 2] = b2
                        }
                        o += 3
                    default:
                        room[o] = 0xEF; room[o + 1] = 0xBF; room[o + 2] = 0xBD
                        o += 3
                        replaced += 1
                    }
                }
                return o
            }
        }
        return replaced
    }
}
