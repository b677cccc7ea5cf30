// XMLOutput: its errors and the file sink behind libxml2's write callback.
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
