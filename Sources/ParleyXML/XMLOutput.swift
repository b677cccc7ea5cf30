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
/// and later writes are dropped; `flush()` and `close()` throw it, with
/// libxml2's own message, which it is never left to print. Not thread-safe:
/// one writer per output.
public final class XMLOutput {
    @usableFromInline let storage: UnsafeMutablePointer<UInt8>
    @usableFromInline let capacity: Int
    /// Bytes waiting in `storage` and replacements made, kept behind a
    /// pointer: stored class properties would cost a dynamic exclusivity
    /// check on every write from another module.
    @usableFromInline let counters: UnsafeMutablePointer<Int>
    @usableFromInline var count: Int {
        @inline(__always) get { counters[0] }
        @inline(__always) set { counters[0] = newValue }
    }
    @usableFromInline var flushedBytes = 0
    @usableFromInline var failure: XMLOutputError?
    private var buffer: xmlOutputBufferPtr?
    private let sink: XMLOutputFileSink
    private var sinkReference: Unmanaged<XMLOutputFileSink>?
    /// What libxml2 reported during this writer's calls.
    private let messages: XMLOutputMessages
    /// Scalars replaced by U+FFFD because XML 1.0 cannot carry them.
    public private(set) var replacementCount: Int {
        get { counters[1] }
        set { counters[1] = newValue }
    }

    /// Creates (or truncates) the file at `path` and writes into it.
    public convenience init(path: String, capacity: Int = 1 << 18) throws {
        let fd = XMLOutputFileSink.openFile(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw XMLOutputError.open(path: path, errno: errno) }
        do {
            try self.init(sink: XMLOutputFileSink(fd: fd, ownsDescriptor: true), capacity: capacity)
        } catch {
            _ = XMLOutputFileSink.closeFile(fd)
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
        let messages = XMLOutputMessages()
        self.messages = messages
        let reference = Unmanaged.passRetained(sink)
        guard let buffer = messages.collecting({
            xmlOutputBufferCreateIO(xmlOutputSinkWrite, xmlOutputSinkClose, reference.toOpaque(), nil)
        }) else {
            reference.release()
            throw XMLOutputError.createBuffer
        }
        self.buffer = buffer
        self.sinkReference = reference
        self.storage = .allocate(capacity: self.capacity + 16)
        self.counters = .allocate(capacity: 2)
        self.counters.initialize(repeating: 0, count: 2)
    }

    deinit {
        if buffer != nil { discard() }
        storage.deallocate()
        counters.deallocate()
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
            let rc = messages.collecting {
                base.withMemoryRebound(to: CChar.self, capacity: length) {
                    xmlOutputBufferWrite(buffer, chunk, $0 + offset)
                }
            }
            if rc < 0 {
                failure = .write(operation: "xmlOutputBufferWrite", code: rc, errno: sink.lastErrno,
                                 message: messages.first)
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

    /// `writeText` for UTF-8 bytes (which must be valid UTF-8).
    public func writeText(_ utf8: UnsafeBufferPointer<UInt8>) {
        escape(utf8, table: XMLOutputEscaping.text)
    }

    /// `writeAttributeValue` for UTF-8 bytes (which must be valid UTF-8).
    public func writeAttributeValue(_ utf8: UnsafeBufferPointer<UInt8>) {
        escape(utf8, table: XMLOutputEscaping.attribute)
    }

    /// The escaped bytes of `text` for an attribute value or element content,
    /// for markup prepared once and written many times. Replacements are
    /// counted when the bytes are made.
    public func escapedBytes(_ text: String, attribute: Bool) -> [UInt8] {
        let (bytes, replaced) = XMLOutput.escape(text, attribute: attribute)
        replacementCount += replaced
        return bytes
    }

    /// The escaped bytes of `text`, for callers without an output at hand,
    /// and how many scalars were replaced.
    public static func escape(_ text: String, attribute: Bool) -> (bytes: [UInt8], replacements: Int) {
        var copy = text
        return copy.withUTF8 { src in
            var replaced = 0
            let table = attribute ? XMLOutputEscaping.attribute : XMLOutputEscaping.text
            // Worst case 6 bytes per input byte, plus the 8-byte store slack.
            let bytes = [UInt8](unsafeUninitializedCapacity: src.count * 6 + 16) { buffer, initialized in
                guard let base = src.baseAddress, let out = buffer.baseAddress else {
                    initialized = 0
                    return
                }
                var o = out
                _ = table.escape(base, from: 0, to: src.count, length: src.count, into: &o, replacements: &replaced)
                initialized = o - out
            }
            // Keep only what was written: callers hold these per node, and the
            // worst-case capacity is six times the text.
            return (bytes.count * 2 < bytes.capacity ? Array(bytes) : bytes, replaced)
        }
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
            i = table.escape(src, from: i, to: stop, length: n, into: &o, replacements: &counters[1])
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
        let rc = messages.collecting { xmlOutputBufferFlush(buffer) }
        if rc < 0 {
            let e = XMLOutputError.write(operation: "xmlOutputBufferFlush", code: rc, errno: sink.lastErrno,
                                         message: messages.first)
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
        let rc = messages.collecting { xmlOutputBufferClose(buffer) }
        sinkReference?.release()
        sinkReference = nil
        if let failure { throw failure }
        if rc < 0 {
            let e = XMLOutputError.close(operation: "xmlOutputBufferClose", code: rc, errno: sink.lastErrno,
                                         message: messages.first)
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
        _ = messages.collecting { xmlOutputBufferClose(buffer) }
        sinkReference?.release()
        sinkReference = nil
    }
}
