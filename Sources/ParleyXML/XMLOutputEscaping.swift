// XMLOutput: the XML 1.0 character filter and escaping, a byte table
// and a word-at-a-time scan.

/// The byte tables behind `XMLOutput`'s escaping.
enum XMLOutputEscaping {
    /// What to do with each byte value; 0 copies the byte.
    struct Table: Sendable {
        let actions: [UInt8]
        let words = Words()
        let attribute: Bool

        static let copy: UInt8 = 0, invalid: UInt8 = 1, amp: UInt8 = 2, lt: UInt8 = 3, gt: UInt8 = 4,
                   quot: UInt8 = 5, tab: UInt8 = 6, lf: UInt8 = 7, cr: UInt8 = 8, ef: UInt8 = 9

        init(attribute: Bool) {
            var a = [UInt8](repeating: Table.copy, count: 256)
            for b in 0..<0x20 { a[b] = Table.invalid }
            a[0x26] = Table.amp
            a[0x3C] = Table.lt
            a[0x3E] = Table.gt
            a[0x0D] = Table.cr
            a[0x09] = attribute ? Table.tab : Table.copy
            a[0x0A] = attribute ? Table.lf : Table.copy
            if attribute { a[0x22] = Table.quot }
            a[0xEF] = Table.ef  // U+FFFE and U+FFFF start with EF BF
            actions = a
            self.attribute = attribute
        }

        /// Escapes `src[i..<stop]` (may run up to two bytes past `stop` to
        /// finish a scalar) into `o`; returns where it stopped.
        @inline(__always)
        func escape(_ src: UnsafePointer<UInt8>, from start: Int, to stop: Int, length: Int,
                    into o: inout UnsafeMutablePointer<UInt8>, replacements: inout Int) -> Int {
            actions.withUnsafeBufferPointer { actions in
                var i = start
                var out = o
                while i < stop {
                    // Ordinary bytes eight at a time, up to the first special one.
                    while i &+ 8 <= stop {
                        let word = UInt64(littleEndian: UnsafeRawPointer(src + i).loadUnaligned(as: UInt64.self))
                        let special = XMLOutputEscaping.specialBytes(word, attribute: attribute)
                        UnsafeMutableRawPointer(out).storeBytes(of: word.littleEndian, as: UInt64.self)
                        if special == 0 {
                            out += 8
                            i &+= 8
                        } else {
                            let n = special.trailingZeroBitCount >> 3
                            out += n
                            i &+= n
                            break
                        }
                    }
                    guard i < stop else { break }
                    let b = src[i]
                    let action = actions[Int(b)]
                    i += 1
                    if action == Table.copy {
                        out.pointee = b
                        out += 1
                        continue
                    }
                    switch action {
                    case Table.amp: out = put(out, words.amp, 5)
                    case Table.lt: out = put(out, words.lt, 4)
                    case Table.gt: out = put(out, words.gt, 4)
                    case Table.quot: out = put(out, words.quot, 6)
                    case Table.tab: out = put(out, words.tab, 4)
                    case Table.lf: out = put(out, words.lf, 5)
                    case Table.cr: out = put(out, words.cr, 5)
                    case Table.invalid:
                        out = put(out, words.replacement, 3)
                        replacements += 1
                    default: // 0xEF leads a three-byte scalar; EF BF BE/BF are U+FFFE/U+FFFF
                        let b1 = src[i], b2 = src[i + 1]
                        i += 2
                        if b1 == 0xBF && b2 >= 0xBE {
                            out = put(out, words.replacement, 3)
                            replacements += 1
                        } else {
                            out[0] = b
                            out[1] = b1
                            out[2] = b2
                            out += 3
                        }
                    }
                }
                o = out
                return i
            }
        }

        /// Stores a short constant with one 8-byte store; the buffer keeps
        /// 16 bytes of slack past its capacity for this.
        @inline(__always)
        private func put(_ o: UnsafeMutablePointer<UInt8>, _ word: UInt64, _ n: Int) -> UnsafeMutablePointer<UInt8> {
            UnsafeMutableRawPointer(o).storeBytes(of: word.littleEndian, as: UInt64.self)
            return o + n
        }
    }

    /// Escape sequences as little-endian words, stored with one write each.
    struct Words: Sendable {
        let amp = word("&amp;"), lt = word("&lt;"), gt = word("&gt;"), quot = word("&quot;")
        let tab = word("&#9;"), lf = word("&#10;"), cr = word("&#13;"), replacement = word("\u{FFFD}")

        static func word(_ s: String) -> UInt64 {
            var w: UInt64 = 0
            for (k, b) in s.utf8.enumerated() { w |= UInt64(b) << (8 * UInt64(k)) }
            return w
        }
    }

    static let text = Table(attribute: false)
    static let attribute = Table(attribute: true)

    /// The high bit set in each byte of `v` that is zero; exact for the
    /// lowest such byte (borrows only run upwards).
    @inline(__always)
    static func zeroBytes(_ v: UInt64) -> UInt64 {
        (v &- 0x0101_0101_0101_0101) & ~v & 0x8080_8080_8080_8080
    }

    /// Bytes of a little-endian word that the escaper must look at: below
    /// 0x20, `&`, `<`, `>`, 0xEF (and `"` in attributes). Only the lowest
    /// flagged byte is exact, which is all the caller uses.
    @inline(__always)
    static func specialBytes(_ x: UInt64, attribute: Bool) -> UInt64 {
        var m = (x &- 0x2020_2020_2020_2020) & ~x & 0x8080_8080_8080_8080
        m |= zeroBytes(x ^ 0x2626_2626_2626_2626)
        m |= zeroBytes(x ^ 0x3C3C_3C3C_3C3C_3C3C)
        m |= zeroBytes(x ^ 0x3E3E_3E3E_3E3E_3E3E)
        m |= zeroBytes(x ^ 0xEFEF_EFEF_EFEF_EFEF)
        if attribute { m |= zeroBytes(x ^ 0x2222_2222_2222_2222) }
        return m
    }
}
