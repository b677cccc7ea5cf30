// XMLOutput: a streaming byte writer over libxml2's `xmlOutputBuffer`, with
// the XML 1.0 character filter and escaping the serializers need.
import CLibXML2
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why writing output failed: the operation that failed and the system error.
public enum XMLOutputError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `open(2)` of the output file failed.
    case open(path: String, errno: Int32)
    /// `xmlOutputBufferCreateIO` returned NULL (out of memory).
    case createBuffer
    /// `xmlOutputBufferWrite` (or its write callback) failed; `errno` is the
    /// system error of the failing `write(2)`, 0 when libxml2 failed alone.
    case write(operation: String, code: Int32, errno: Int32)
    /// `xmlOutputBufferClose` reported an error, or closing the file failed.
    case close(operation: String, code: Int32, errno: Int32)
    /// A write was attempted after `close()` or `discard()`.
    case closed(operation: String)

    public var description: String {
        switch self {
        case let .open(path, e): return "cannot open \(path) for writing: \(XMLOutputError.message(e))"
        case .createBuffer: return "xmlOutputBufferCreateIO failed (out of memory)"
        case let .write(op, code, e): return "\(op) failed (code \(code)): \(XMLOutputError.message(e))"
        case let .close(op, code, e): return "\(op) failed (code \(code)): \(XMLOutputError.message(e))"
        case let .closed(op): return "\(op) after the output was closed"
        }
    }

    static func message(_ e: Int32) -> String {
        e == 0 ? "libxml2 output error" : String(cString: strerror(e))
    }
}

/// Where the bytes go, owned by the writer and handed to libxml2 as the
/// context of its write callback. Keeps the `errno` of a failed write so the
/// error names it.
final class XMLOutputFileSink {
    let fd: Int32
    let ownsDescriptor: Bool
    var lastErrno: Int32 = 0

    init(fd: Int32, ownsDescriptor: Bool) {
        self.fd = fd
        self.ownsDescriptor = ownsDescriptor
    }

    /// Writes everything or fails: retries partial writes and EINTR.
    func writeAll(_ base: UnsafePointer<CChar>, _ length: Int) -> Int32 {
        var done = 0
        while done < length {
            let n = Glibc.write(fd, base + done, length - done)
            if n < 0 {
                if errno == EINTR { continue }
                lastErrno = errno
                return -1
            }
            done += n
        }
        return Int32(length)
    }
}

private func xmlOutputWriteCallback(_ context: UnsafeMutableRawPointer?, _ buffer: UnsafePointer<CChar>?,
                                    _ length: Int32) -> Int32 {
    guard let context, let buffer else { return -1 }
    let sink = Unmanaged<XMLOutputFileSink>.fromOpaque(context).takeUnretainedValue()
    return sink.writeAll(buffer, Int(length))
}

private func xmlOutputCloseCallback(_ context: UnsafeMutableRawPointer?) -> Int32 {
    guard let context else { return 0 }
    let sink = Unmanaged<XMLOutputFileSink>.fromOpaque(context).takeUnretainedValue()
    guard sink.ownsDescriptor else { return 0 }
    if Glibc.close(sink.fd) != 0 {
        sink.lastErrno = errno
        return -1
    }
    return 0
}

/// A streaming writer of UTF-8 bytes into a file through libxml2's
/// `xmlOutputBuffer`, for output too large to build in memory.
///
/// Markup is written as prepared bytes (`write(_: StaticString)`), text and
/// attribute values through `writeText` and `writeAttributeValue`, which map
/// every scalar outside the XML 1.0 `Char` production to U+FFFD (counted in
/// `replacementCount`) and escape what XML requires. Bytes are collected in
/// a large buffer and handed to libxml2 in big chunks.
///
/// Writes do not throw, so hot loops stay cheap: the first failure is kept
/// and later writes are dropped; `flush()` and `close()` throw it. Not
/// thread-safe: one writer per output.
public final class XMLOutput {
    @usableFromInline let storage: UnsafeMutablePointer<UInt8>
    @usableFromInline let capacity: Int
    @usableFromInline var count = 0
    @usableFromInline var flushedBytes = 0
    @usableFromInline var failure: XMLOutputError?
    private var buffer: xmlOutputBufferPtr?
    private let sink: XMLOutputFileSink
    private var sinkReference: Unmanaged<XMLOutputFileSink>?
    /// Scalars replaced by U+FFFD because XML 1.0 cannot carry them.
    public private(set) var replacementCount = 0

    /// Creates (or truncates) the file at `path` and writes into it.
    public convenience init(path: String, capacity: Int = 1 << 18) throws {
        let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw XMLOutputError.open(path: path, errno: errno) }
        do {
            try self.init(sink: XMLOutputFileSink(fd: fd, ownsDescriptor: true), capacity: capacity)
        } catch {
            _ = Glibc.close(fd)
            throw error
        }
    }

    /// Writes into an open file descriptor, which stays open after `close()`.
    public convenience init(fileDescriptor: Int32, capacity: Int = 1 << 18) throws {
        try self.init(sink: XMLOutputFileSink(fd: fileDescriptor, ownsDescriptor: false), capacity: capacity)
    }

    private init(sink: XMLOutputFileSink, capacity: Int) throws {
        self.sink = sink
        self.capacity = max(capacity, 4096)
        let reference = Unmanaged.passRetained(sink)
        guard let buffer = xmlOutputBufferCreateIO(xmlOutputWriteCallback, xmlOutputCloseCallback,
                                                   reference.toOpaque(), nil) else {
            reference.release()
            throw XMLOutputError.createBuffer
        }
        self.buffer = buffer
        self.sinkReference = reference
        self.storage = .allocate(capacity: self.capacity + 16)
    }

    deinit {
        if buffer != nil { discard() }
        storage.deallocate()
    }

    /// Bytes accepted so far (written or waiting in the buffer).
    public var bytesWritten: Int { flushedBytes + count }

    /// The first write error, if any; later writes have been dropped.
    public var error: XMLOutputError? { failure }

    // MARK: - Raw bytes

    /// Writes prepared markup, which must already be well-formed UTF-8 XML.
    @inlinable @inline(__always)
    public func write(_ markup: StaticString) {
        markup.withUTF8Buffer { write(UnsafeRawBufferPointer($0)) }
    }

    /// Writes prepared bytes (markup, or text escaped ahead of time).
    @inlinable @inline(__always)
    public func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { write($0) }
    }

    @inlinable @inline(__always)
    public func write(_ bytes: UnsafeRawBufferPointer) {
        let n = bytes.count
        if n > capacity - count {
            writeLarge(bytes)
            return
        }
        if n > 0 { (storage + count).update(from: bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), count: n) }
        count += n
    }

    @inlinable @inline(__always)
    public func write(byte: UInt8) {
        if count == capacity { flushBuffer() }
        storage[count] = byte
        count += 1
    }

    /// Writes a decimal integer (`-12`, `0`).
    @inlinable
    public func write(decimal value: Int) {
        if capacity - count < 20 { flushBuffer() }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        let written = withUnsafeMutableBytes(of: &digits) { scratch -> Int in
            var magnitude = value.magnitude
            var i = scratch.count
            repeat {
                i -= 1
                scratch[i] = UInt8(truncatingIfNeeded: magnitude % 10) &+ 0x30
                magnitude /= 10
            } while magnitude != 0
            if value < 0 { i -= 1; scratch[i] = 0x2D }
            let n = scratch.count - i
            (storage + count).update(from: scratch.baseAddress!.assumingMemoryBound(to: UInt8.self) + i, count: n)
            return n
        }
        count += written
    }

    /// Lends room for at least `minimumCount` bytes (at most the buffer
    /// size); `body` fills a prefix and returns its length. For callers with
    /// their own escaping (DOT).
    @inlinable
    public func withUnsafeReservedBytes(_ minimumCount: Int, _ body: (UnsafeMutableBufferPointer<UInt8>) -> Int) {
        precondition(minimumCount <= capacity, "reserve at most \(capacity) bytes at a time")
        if capacity - count < minimumCount { flushBuffer() }
        let room = UnsafeMutableBufferPointer(start: storage + count, count: capacity - count)
        let n = body(room)
        precondition(n >= 0 && n <= room.count)
        count += n
    }

    /// The largest reservation `withUnsafeReservedBytes` accepts.
    public var reservationLimit: Int { capacity }

    /// Adds replacements made by a caller's own filter to `replacementCount`.
    public func noteReplacements(_ n: Int) { replacementCount += n }

    @usableFromInline
    func writeLarge(_ bytes: UnsafeRawBufferPointer) {
        flushBuffer()
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        if bytes.count <= capacity {
            storage.update(from: base.assumingMemoryBound(to: UInt8.self), count: bytes.count)
            count = bytes.count
        } else {
            hand(base.assumingMemoryBound(to: UInt8.self), bytes.count)
        }
    }

    /// Hands the collected bytes to libxml2.
    @usableFromInline
    func flushBuffer() {
        if count > 0 { hand(storage, count) }
        count = 0
    }

    private func hand(_ base: UnsafePointer<UInt8>, _ length: Int) {
        guard failure == nil else { return }
        guard let buffer else {
            failure = .closed(operation: "xmlOutputBufferWrite")
            return
        }
        var offset = 0
        while offset < length {
            let chunk = Int32(min(length - offset, 1 << 30))
            let rc = base.withMemoryRebound(to: CChar.self, capacity: length) {
                xmlOutputBufferWrite(buffer, chunk, $0 + offset)
            }
            if rc < 0 {
                failure = .write(operation: "xmlOutputBufferWrite", code: rc, errno: sink.lastErrno)
                return
            }
            offset += Int(chunk)
        }
        flushedBytes += length
    }

    // MARK: - Escaped text

    /// Writes character data for element content: `& < >` escaped, CR as
    /// `&#13;`, `]]>` made harmless by the `>` escape, and every scalar that
    /// XML 1.0 forbids replaced by U+FFFD.
    public func writeText(_ text: String) {
        escape(text, table: XMLOutputEscaping.text)
    }

    /// Writes an attribute value for a `"`-delimited attribute: like
    /// `writeText`, plus `"` as `&quot;` and TAB, LF, CR as `&#9; &#10; &#13;`
    /// so they survive attribute-value normalisation.
    public func writeAttributeValue(_ value: String) {
        escape(value, table: XMLOutputEscaping.attribute)
    }

    /// The escaped bytes of `text` for an attribute value or element content,
    /// for markup prepared once and written many times. Replacements are
    /// counted when the bytes are made.
    public func escapedBytes(_ text: String, attribute: Bool) -> [UInt8] {
        let scratch = XMLOutput.scratch(for: text)
        scratch.escape(text, table: attribute ? XMLOutputEscaping.attribute : XMLOutputEscaping.text)
        replacementCount += scratch.replacementCount
        return Array(UnsafeBufferPointer(start: scratch.storage, count: scratch.count))
    }

    /// The escaped bytes of `text`, for callers without an output at hand,
    /// and how many scalars were replaced.
    public static func escape(_ text: String, attribute: Bool) -> (bytes: [UInt8], replacements: Int) {
        let scratch = XMLOutput.scratch(for: text)
        scratch.escape(text, table: attribute ? XMLOutputEscaping.attribute : XMLOutputEscaping.text)
        return (Array(UnsafeBufferPointer(start: scratch.storage, count: scratch.count)), scratch.replacementCount)
    }

    /// A writer that is never flushed, big enough for the worst case of
    /// `text` escaped in one slice.
    private static func scratch(for text: String) -> XMLOutput {
        try! XMLOutput(sink: XMLOutputFileSink(fd: -1, ownsDescriptor: false),
                       capacity: (text.utf8.count + 8) * 6 + 64)
    }

    private func escape(_ text: String, table: XMLOutputEscaping.Table) {
        if let done: Void = text.utf8.withContiguousStorageIfAvailable({ escape($0, table: table) }) {
            return done
        }
        var copy = text
        copy.makeContiguousUTF8()
        copy.utf8.withContiguousStorageIfAvailable { escape($0, table: table) }
    }

    /// Escapes `source` (valid UTF-8) into the buffer in slices whose worst
    /// case (6 output bytes per input byte) fits the free space.
    private func escape(_ source: UnsafeBufferPointer<UInt8>, table: XMLOutputEscaping.Table) {
        guard let src = source.baseAddress else { return }
        let n = source.count
        let slice = max(capacity / 6 - 4, 1)
        var i = 0
        while i < n {
            let stop = min(n, i + slice)
            if (stop - i + 3) * 6 > capacity - count { flushBuffer() }
            var o = storage + count
            i = table.escape(src, from: i, to: stop, length: n, into: &o, replacements: &replacementCount)
            count = o - storage
        }
    }

    // MARK: - Closing

    /// Hands buffered bytes to libxml2 and its buffer to the file; throws the
    /// first write error.
    public func flush() throws {
        flushBuffer()
        if let failure { throw failure }
        guard let buffer else { throw XMLOutputError.closed(operation: "xmlOutputBufferFlush") }
        let rc = xmlOutputBufferFlush(buffer)
        if rc < 0 {
            let e = XMLOutputError.write(operation: "xmlOutputBufferFlush", code: rc, errno: sink.lastErrno)
            failure = e
            throw e
        }
    }

    /// Writes everything out and closes libxml2's buffer (and the file when
    /// the writer opened it). Returns the number of bytes written.
    @discardableResult
    public func close() throws -> Int {
        flushBuffer()
        guard let buffer else { throw XMLOutputError.closed(operation: "xmlOutputBufferClose") }
        self.buffer = nil
        let rc = xmlOutputBufferClose(buffer)
        sinkReference?.release()
        sinkReference = nil
        if let failure { throw failure }
        if rc < 0 {
            let e = XMLOutputError.close(operation: "xmlOutputBufferClose", code: rc, errno: sink.lastErrno)
            failure = e
            throw e
        }
        return bytesWritten
    }

    /// Closes without writing what is still buffered (after an error, when
    /// the output will be thrown away).
    public func discard() {
        count = 0
        if failure == nil { failure = .closed(operation: "write") }
        guard let buffer else { return }
        self.buffer = nil
        _ = xmlOutputBufferClose(buffer)
        sinkReference?.release()
        sinkReference = nil
    }
}

/// The byte tables behind `XMLOutput`'s escaping.
enum XMLOutputEscaping {
    /// What to do with each byte value; 0 copies the byte.
    struct Table: Sendable {
        let actions: [UInt8]
        let words = Words()

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
            UnsafeMutableRawPointer(o).storeBytes(of: word, as: UInt64.self)
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
}
