import ParleyXML
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why an output file could not be put in place.
public enum AtomicFileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The temporary file beside the target could not be created.
    case createTemporary(path: String, errno: Int32)
    /// `fsync` or `close` of the temporary file failed.
    case finish(path: String, operation: String, errno: Int32)
    /// Renaming the finished temporary file onto the target failed.
    case rename(from: String, to: String, errno: Int32)

    public var description: String {
        switch self {
        case let .createTemporary(path, e):
            return "cannot create temporary file \(path): \(String(cString: strerror(e)))"
        case let .finish(path, op, e):
            return "\(op) of \(path) failed: \(String(cString: strerror(e)))"
        case let .rename(from, to, e):
            return "cannot rename \(from) to \(to): \(String(cString: strerror(e)))"
        }
    }
}

/// Writes a file so that readers see either the old file or the complete new
/// one, never a partial one: the bytes go to a temporary file in the same
/// folder (so `rename(2)` is atomic), which replaces the target only when
/// everything was written. On any error the temporary file is removed and
/// the previous output is left as it was.
public enum AtomicFile {
    /// Runs `body` with an output into a fresh temporary file beside `path`,
    /// then renames it to `path`. Rethrows `body`'s error after cleaning up.
    public static func write<T>(to path: String, _ body: (XMLOutput) throws -> T) throws -> T {
        var temporary = temporaryPath(for: path)
        var fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        var attempts = 1
        while fd < 0 && errno == EEXIST && attempts < 100 {
            temporary = temporaryPath(for: path)
            fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            attempts += 1
        }
        guard fd >= 0 else { throw AtomicFileError.createTemporary(path: temporary, errno: errno) }
        var descriptorOpen = true
        var succeeded = false
        defer {
            if descriptorOpen { _ = close(fd) }
            if !succeeded { _ = unlink(temporary) }
        }
        let output = try XMLOutput(fileDescriptor: fd)
        let result: T
        do {
            result = try body(output)
            try output.close()
        } catch {
            output.discard()
            throw error
        }
        // On disk before the rename, so a power loss cannot leave an empty
        // file under the final name.
        if fsync(fd) != 0 {
            throw AtomicFileError.finish(path: temporary, operation: "fsync", errno: errno)
        }
        descriptorOpen = false
        if close(fd) != 0 {
            throw AtomicFileError.finish(path: temporary, operation: "close", errno: errno)
        }
        if rename(temporary, path) != 0 {
            throw AtomicFileError.rename(from: temporary, to: path, errno: errno)
        }
        succeeded = true
        return result
    }

    /// `dir/.name.tmp-<pid>-<random>`: hidden, in the target's folder, and
    /// distinct for concurrent writers (`O_EXCL` catches the rest).
    static func temporaryPath(for path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        return folder + "." + name + ".tmp-" + String(getpid()) + "-" + String(UInt32.random(in: 0 ... .max), radix: 36)
    }
}
