#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// UTF-8 bytes decoded from another encoding, and whether invalid sequences
/// had to be replaced.
struct DecodedText {
    var utf8: [UInt8]
    var repaired: Bool
}

/// The byte-level work of `DocumentReader.decode`: every function is one
/// pass over its input.
enum TextDecoding {
    /// Signatures of binary formats an article folder may hold by mistake:
    /// PNG, JPEG, GIF, PDF, ZIP (docx, epub), gzip, ELF, WebP/WAV (RIFF),
    /// TIFF, 7z, bzip2, zstd, xz.
    static let binarySignatures: [[UInt8]] = [
        [0x89, 0x50, 0x4E, 0x47], [0xFF, 0xD8, 0xFF], Array("GIF8".utf8), Array("%PDF-".utf8),
        [0x50, 0x4B, 0x03, 0x04], [0x1F, 0x8B], [0x7F, 0x45, 0x4C, 0x46], Array("RIFF".utf8),
        [0x49, 0x49, 0x2A, 0x00], [0x4D, 0x4D, 0x00, 0x2A], [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C],
        [0x42, 0x5A, 0x68, 0x39], [0x28, 0xB5, 0x2F, 0xFD], [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00],
    ]

    /// UTF-32 or UTF-16 with a byte order mark: the encoding's name and the
    /// text as UTF-8. Nil when there is no such mark.
    static func unicodeWithBOM(_ bytes: [UInt8]) -> (name: String, text: DecodedText)? {
        if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return ("UTF-32LE", utf32(bytes.dropFirst(4), bigEndian: false)) }
        if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return ("UTF-32BE", utf32(bytes.dropFirst(4), bigEndian: true)) }
        if bytes.starts(with: [0xFF, 0xFE]) { return ("UTF-16LE", utf16(bytes.dropFirst(2), bigEndian: false)) }
        if bytes.starts(with: [0xFE, 0xFF]) { return ("UTF-16BE", utf16(bytes.dropFirst(2), bigEndian: true)) }
        return nil
    }

    /// UTF-16 without a byte order mark, recognised by its zero bytes: in the
    /// first 8 KiB, at least 70 % of the code units have a zero high byte
    /// and almost none a zero low byte (Latin-script text).
    static func utf16WithoutBOM(_ bytes: [UInt8]) -> (name: String, text: DecodedText)? {
        let pairs = min(bytes.count, 8192) / 2
        guard pairs >= 2 else { return nil }
        var zeroEven = 0, zeroOdd = 0
        for i in 0..<pairs {
            if bytes[2 * i] == 0 { zeroEven += 1 }
            if bytes[2 * i + 1] == 0 { zeroOdd += 1 }
        }
        if zeroOdd * 10 >= pairs * 7 && zeroEven * 20 < pairs {
            return ("UTF-16LE (no byte order mark)", utf16(bytes[...], bigEndian: false))
        }
        if zeroEven * 10 >= pairs * 7 && zeroOdd * 20 < pairs {
            return ("UTF-16BE (no byte order mark)", utf16(bytes[...], bigEndian: true))
        }
        return nil
    }

    /// Code units, unpaired surrogates and an odd last byte repaired.
    static func utf16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> DecodedText {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(bigEndian ? a << 8 | b : b << 8 | a)
            i += 2
        }
        let oddByte = bytes.count % 2 == 1
        if let valid = String(validating: units, as: UTF16.self) {
            return DecodedText(utf8: Array(valid.utf8), repaired: oddByte)
        }
        return DecodedText(utf8: Array(String(decoding: units, as: UTF16.self).utf8), repaired: true)
    }

    /// Code units, values that are not scalars replaced.
    static func utf32(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> DecodedText {
        var scalars = String.UnicodeScalarView()
        var repaired = bytes.count % 4 != 0
        var i = bytes.startIndex
        while i + 3 < bytes.endIndex {
            let b = (UInt32(bytes[i]), UInt32(bytes[i + 1]), UInt32(bytes[i + 2]), UInt32(bytes[i + 3]))
            let value = bigEndian ? b.0 << 24 | b.1 << 16 | b.2 << 8 | b.3 : b.3 << 24 | b.2 << 16 | b.1 << 8 | b.0
            if let scalar = Unicode.Scalar(value) {
                scalars.append(scalar)
            } else {
                scalars.append("\u{FFFD}")
                repaired = true
            }
            i += 4
        }
        return DecodedText(utf8: Array(String(scalars).utf8), repaired: repaired)
    }

    /// UTF-8 kept as it is; every byte that does not start a well-formed
    /// UTF-8 sequence is read as Windows-1252, so a Windows-1252 file and a
    /// UTF-8 file with a stray Windows-1252 byte both come out right.
    /// Returns the UTF-8 bytes, how many bytes were foreign and how many
    /// well-formed multi-byte sequences were seen.
    static func utf8OrWindows1252(_ bytes: [UInt8]) -> (utf8: [UInt8], foreign: Int, multibyte: Int) {
        if String(validating: bytes, as: UTF8.self) != nil { return (bytes, 0, 1) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 2)
        var foreign = 0, multibyte = 0
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 {
                out.append(b)
                i += 1
                continue
            }
            let n = sequenceLength(bytes, at: i)
            if n > 0 {
                out.append(contentsOf: bytes[i..<i + n])
                multibyte += 1
                i += n
            } else {
                appendUTF8(Windows1252.scalar(b), to: &out)
                foreign += 1
                i += 1
            }
        }
        return (out, foreign, multibyte)
    }

    /// The length of the well-formed UTF-8 sequence of 2 to 4 bytes at `i`
    /// (Unicode 15, table 3-7), 0 when there is none.
    static func sequenceLength(_ bytes: [UInt8], at i: Int) -> Int {
        let lead = bytes[i]
        let length: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xED: length = 3; high = 0x9F
        case 0xE1...0xEF: length = 3
        case 0xF0: length = 4; low = 0x90
        case 0xF4: length = 4; high = 0x8F
        case 0xF1...0xF3: length = 4
        default: return 0
        }
        guard i + length <= bytes.count, (low...high).contains(bytes[i + 1]) else { return 0 }
        for k in 2..<max(2, length) where !(0x80...0xBF).contains(bytes[i + k]) { return 0 }
        return length
    }

    static func appendUTF8(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        let v = scalar.value
        switch v {
        case 0..<0x80: out.append(UInt8(v))
        case 0x80..<0x800: out += [UInt8(0xC0 | v >> 6), UInt8(0x80 | v & 0x3F)]
        default: out += [UInt8(0xE0 | v >> 12), UInt8(0x80 | (v >> 6) & 0x3F), UInt8(0x80 | v & 0x3F)]
        }
    }

    /// Drops NUL bytes and turns CRLF and lone CR into LF, in place; returns
    /// how many NULs were dropped. Both are ASCII, never part of a longer
    /// UTF-8 sequence, so this works on bytes. Runs between occurrences are
    /// moved with `memmove`, fast even in debug builds.
    static func normalizeLineEndsAndNULs(_ bytes: inout [UInt8]) -> Int {
        let count = bytes.count
        var removed = 0
        let written = bytes.withUnsafeMutableBufferPointer { buffer -> Int in
            guard let base = buffer.baseAddress else { return 0 }
            var nextNUL = find(0x00, base, from: 0, count)
            var nextCR = find(0x0D, base, from: 0, count)
            var read = 0, write = 0
            while read < count {
                let stop = min(nextNUL, nextCR)
                if stop > read {
                    if write != read { memmove(base + write, base + read, stop - read) }
                    write += stop - read
                    read = stop
                }
                guard read < count else { break }
                if base[read] == 0 {
                    removed += 1
                    read += 1
                    nextNUL = find(0x00, base, from: read, count)
                } else {
                    base[write] = 0x0A
                    write += 1
                    read += 1
                    if read < count && base[read] == 0x0A { read += 1 }
                    nextCR = find(0x0D, base, from: read, count)
                }
            }
            return write
        }
        if written < count { bytes.removeSubrange(written...) }
        return removed
    }

    private static func find(_ byte: UInt8, _ base: UnsafeMutablePointer<UInt8>, from: Int, _ count: Int) -> Int {
        guard from < count, let hit = memchr(base + from, Int32(byte), count - from) else { return count }
        return hit.assumingMemoryBound(to: UInt8.self) - base
    }

    /// Nothing but white space (or nothing at all): ASCII checked on bytes,
    /// other scalars by their Unicode property, stopping at the first
    /// character that is not white space.
    static func isBlank(_ utf8: [UInt8], _ text: String) -> Bool {
        guard utf8.contains(where: { !(0x09...0x0D).contains($0) && $0 != 0x20 }) else { return true }
        guard utf8.contains(where: { $0 >= 0x80 }) else { return false }
        return text.unicodeScalars.allSatisfy { $0.properties.isWhitespace }
    }
}

/// Windows-1252, the usual encoding of text that is not UTF-8; its
/// 0x80-0x9F range holds curly quotes and dashes, unlike Latin-1 (which
/// it otherwise equals, so Latin-1 text is read right too). The five
/// undefined bytes become U+FFFD.
enum Windows1252 {
    private static let high: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ]

    static func scalar(_ byte: UInt8) -> Unicode.Scalar {
        if byte >= 0x80 && byte < 0xA0 { return Unicode.Scalar(high[Int(byte - 0x80)])! }
        return Unicode.Scalar(byte)
    }
}
