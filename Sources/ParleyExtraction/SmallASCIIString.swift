/// Short ASCII strings made from their bytes in registers.
///
/// The tokenizer makes one or two strings per token, nearly all of them
/// ASCII and under 16 bytes: Swift keeps such a string inline (a "small
/// string", no allocation), but its public initialisers still call into the
/// runtime and validate the bytes as UTF-8, some 200 instructions a string,
/// a tenth of the whole extraction. ASCII needs no validation, and a small
/// ASCII string is its bytes in two words with a count in the top byte, so
/// it is built here as those two words.
///
/// That layout is the standard library's, not public API: `layoutHolds`
/// checks it once against strings built the public way, and when it does
/// not hold (another platform, another runtime) `string` takes the public
/// path.
enum SmallASCIIString {
    /// Longest string kept inline.
    static let capacity = 15

    /// The string of the first `count` bytes (ASCII, `count` <= 15) of
    /// `bytes`, the first eight in `bytes.0`, little-endian; bytes past
    /// `count` must be zero.
    @inline(__always)
    static func string(_ bytes: (UInt64, UInt64), count: Int) -> String {
        guard layoutHolds else { return publicString(bytes, count: count) }
        return unsafeBitCast(bits(bytes, count: count), to: String.self)
    }

    /// The raw words of the small string: the bytes, and the discriminator
    /// (small, ASCII, immortal: 0xE) with the count in the top byte.
    @inline(__always)
    private static func bits(_ bytes: (UInt64, UInt64), count: Int) -> (UInt64, UInt64) {
        (bytes.0, bytes.1 | (0xE0 | UInt64(count)) << 56)
    }

    private static func publicString(_ bytes: (UInt64, UInt64), count: Int) -> String {
        withUnsafeBytes(of: bytes) { String(decoding: $0.prefix(count), as: UTF8.self) }
    }

    /// Whether strings made the public way are, bit for bit, what `bits`
    /// gives, for every length and a spread of bytes: reading a string's
    /// bits is safe whatever the layout, so nothing is built from bits
    /// unless this holds.
    static let layoutHolds: Bool = {
        guard MemoryLayout<String>.size == 16, UInt64(1).littleEndian == 1 else { return false }
        for count in 0...capacity {
            var words: (UInt64, UInt64) = (0, 0)
            withUnsafeMutableBytes(of: &words) { raw in
                for i in 0..<count { raw[i] = UInt8(0x21 + (i * 7 + count) % 0x5E) }
            }
            let made = unsafeBitCast(publicString(words, count: count), to: (UInt64, UInt64).self)
            guard made == bits(words, count: count) else { return false }
        }
        return true
    }()
}
