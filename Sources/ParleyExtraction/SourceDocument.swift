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

    public var text: String { String(String.UnicodeScalarView(scalars)) }

    /// The text of `range`, as written.
    public func text(_ range: Range<Int>) -> String {
        String(String.UnicodeScalarView(scalars[range]))
    }
}
