import Foundation
import ParleyGraph

/// An article ready for extraction: its metadata and its text as Unicode
/// scalars. Offsets everywhere in Parley count these scalars (code points),
/// after line ends were normalised to LF, so `start..<end` indexes
/// `scalars` directly and matches Python's `str` slicing of the same text.
public struct SourceDocument: Sendable {
    public var info: DocumentInfo
    public var scalars: [Unicode.Scalar]

    public init(info: DocumentInfo, text: String) {
        self.info = info
        self.scalars = SourceDocument.scalars(of: text)
    }

    /// The scalars of `text`, decoded straight from its UTF-8 (valid, since
    /// it is a String) into an array of the right size.
    static func scalars(of text: String) -> [Unicode.Scalar] {
        var text = text
        return text.withUTF8 { bytes in
            var count = 0
            for b in bytes where b & 0xC0 != 0x80 { count += 1 }
            return [Unicode.Scalar](unsafeUninitializedCapacity: count) { out, initialized in
                var i = 0, n = 0
                while i < bytes.count {
                    let b0 = UInt32(bytes[i])
                    var v: UInt32
                    if b0 < 0x80 {
                        v = b0
                        i += 1
                    } else if b0 < 0xE0 {
                        v = (b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                        i += 2
                    } else if b0 < 0xF0 {
                        v = (b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                        i += 3
                    } else {
                        v = (b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
                            | UInt32(bytes[i + 3] & 0x3F)
                        i += 4
                    }
                    (out.baseAddress! + n).initialize(to: Unicode.Scalar(v)!)
                    n += 1
                }
                initialized = n
            }
        }
    }

    public var text: String { SourceDocument.string(scalars[...]) }

    /// The text of `range`, as written.
    public func text(_ range: Range<Int>) -> String {
        SourceDocument.string(scalars[range])
    }

    /// Scalars as a string, encoded straight into the string's storage.
    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var utf8Count = 0
        for s in scalars { utf8Count += UTF8.width(s) }
        guard utf8Count > 0 else { return "" }
        return String(unsafeUninitializedCapacity: utf8Count) { buffer in
            var i = 0
            for s in scalars {
                let v = s.value
                if v < 0x80 {
                    buffer[i] = UInt8(truncatingIfNeeded: v)
                    i += 1
                } else {
                    for b in UTF8.encode(s)! {
                        buffer[i] = b
                        i += 1
                    }
                }
            }
            return i
        }
    }
}
