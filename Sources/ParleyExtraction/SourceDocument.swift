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
        self.scalars = Array(text.unicodeScalars)
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
