// XMLOutput: its errors and the file sink behind libxml2's write callback.
import CLibXML2
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why writing output failed: the operation that failed, the system error
/// and what libxml2 said about it.
public enum XMLOutputError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `open(2)` of the output file failed.
    case open(path: String, errno: Int32)
    /// `xmlOutputBufferCreateIO` returned NULL (out of memory).
    case createBuffer
    /// `xmlOutputBufferWrite` (or its write callback) failed; `errno` is the
    /// system error of the failing `write(2)`, 0 when libxml2 failed alone;
    /// `message` is libxml2's own report ("write error"), nil when it made none.
    case write(operation: String, code: Int32, errno: Int32, message: String?)
    /// `xmlOutputBufferClose` reported an error, or closing the file failed.
    case close(operation: String, code: Int32, errno: Int32, message: String?)
    /// A write was attempted after `close()` or `discard()`.
    case closed(operation: String)

    public var description: String {
        switch self {
        case let .open(path, e): return "cannot open \(path) for writing: \(XMLOutputError.message(e))"
        case .createBuffer: return "xmlOutputBufferCreateIO failed (out of memory)"
        case let .write(op, code, e, m): return "\(op) failed (code \(code)): \(XMLOutputError.message(e, m))"
        case let .close(op, code, e, m): return "\(op) failed (code \(code)): \(XMLOutputError.message(e, m))"
        case let .closed(op): return "\(op) after the output was closed"
        }
    }

    static func message(_ e: Int32, _ libxml2: String? = nil) -> String {
        switch (e, libxml2) {
        case (0, nil): return "libxml2 output error"
        case (0, let said?): return "libxml2: \(said)"
        case (_, nil): return String(cString: strerror(e))
        case (_, let said?): return String(cString: strerror(e)) + " (libxml2: \(said))"
        }
    }
}

/// Keeps libxml2's reports while an `XMLOutput` calls into it, so that
/// libxml2 prints nothing itself ("I/O error : write error" on a full disk)
/// and the typed error carries the message instead.
///
/// libxml2 2.9 has no per-buffer error handler; its structured handler is a
/// per-thread global. Each call is wrapped in `collecting`, which points this
/// thread's handler here and restores the previous one after, so writers on
/// other threads, and a parse in progress on this one, are not disturbed.
final class XMLOutputMessages {
    /// The first error libxml2 reported, without its trailing newline.
    private(set) var first: String?

    func collecting<Result>(_ body: () -> Result) -> Result {
        let previousHandler = __xmlStructuredError()?.pointee
        let previousContext = __xmlStructuredErrorContext()?.pointee
        xmlSetStructuredErrorFunc(Unmanaged.passUnretained(self).toOpaque(), xmlOutputMessageHandler)
        defer { xmlSetStructuredErrorFunc(previousContext, previousHandler) }
        return withExtendedLifetime(self) { body() }
    }

    fileprivate func record(_ error: UnsafePointer<xmlError>) {
        guard first == nil else { return }
        var message = error.pointee.message.map { String(cString: $0) } ?? "error \(error.pointee.code)"
        while let last = message.last, last.isWhitespace { message.removeLast() }
        first = message
    }
}

private let xmlOutputMessageHandler: xmlStructuredErrorFunc = { userData, error in
    guard let userData, let error else { return }
    Unmanaged<XMLOutputMessages>.fromOpaque(userData).takeUnretainedValue().record(error)
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

    /// `open(2)` and `close(2)`, callable where `XMLOutput.close()` hides them.
    static func openFile(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { open(path, flags, mode) }
    static func closeFile(_ fd: Int32) -> Int32 { close(fd) }

    /// Writes everything or fails: retries partial writes and EINTR.
    func writeAll(_ base: UnsafePointer<CChar>, _ length: Int) -> Int32 {
        var done = 0
        while done < length {
            let n = write(fd, base + done, length - done)
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

func xmlOutputSinkWrite(_ context: UnsafeMutableRawPointer?, _ buffer: UnsafePointer<CChar>?,
                                    _ length: Int32) -> Int32 {
    guard let context, let buffer else { return -1 }
    let sink = Unmanaged<XMLOutputFileSink>.fromOpaque(context).takeUnretainedValue()
    return sink.writeAll(buffer, Int(length))
}

func xmlOutputSinkClose(_ context: UnsafeMutableRawPointer?) -> Int32 {
    guard let context else { return 0 }
    let sink = Unmanaged<XMLOutputFileSink>.fromOpaque(context).takeUnretainedValue()
    guard sink.ownsDescriptor else { return 0 }
    if XMLOutputFileSink.closeFile(sink.fd) != 0 {
        sink.lastErrno = errno
        return -1
    }
    return 0
}
