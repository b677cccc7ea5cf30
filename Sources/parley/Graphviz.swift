import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `--render svg|png|pdf`: Graphviz `dot` on the DOT file just written.
enum Graphviz {
    static let installHint = "install Graphviz (Debian/Ubuntu: sudo apt-get install graphviz; Fedora: sudo dnf "
        + "install graphviz; macOS: brew install graphviz; others: https://graphviz.org/download/)"

    /// Renders; returns the file written, or nil after saying why not.
    static func render(_ dotPath: String, as type: String) -> String? {
        guard FileManager.default.fileExists(atPath: dotPath) else {
            Console.warn("--render needs the DOT file; add dot to --format")
            return nil
        }
        guard let dot = which("dot") else {
            Console.warn("Graphviz is not installed, so nothing was rendered; " + installHint
                         + ", then run: dot -T\(type) \(dotPath) -o \(renderedPath(dotPath, type))")
            return nil
        }
        let target = renderedPath(dotPath, type)
        let status: ChildStatus
        do {
            status = try run(dot, ["-T" + type, dotPath, "-o", target])
        } catch {
            Console.warn("cannot run \(dot): \(String(cString: strerror(error.code.rawValue))); " + installHint)
            return nil
        }
        guard status == .exited(0) else {
            Console.warn("dot could not render \(dotPath) (\(status)); for large "
                         + "graphs try: sfdp -T\(type) \(dotPath) -o \(target)")
            return nil
        }
        return target
    }

    static func renderedPath(_ dotPath: String, _ type: String) -> String {
        ((dotPath as NSString).deletingPathExtension as NSString).appendingPathExtension(type) ?? dotPath + "." + type
    }

    /// A program on the PATH, looked up here so that a missing Graphviz is
    /// reported without trying to start anything.
    static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = String(folder) + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// How the child ended.
    enum ChildStatus: Equatable, CustomStringConvertible {
        case exited(Int32)
        case signal(Int32)

        var description: String {
            switch self {
            case .exited(let code): return "exit status \(code)"
            case .signal(let number): return "killed by signal \(number)"
            }
        }
    }

    /// Runs `executable` with this process's environment and standard
    /// streams and waits for it. `posix_spawn` rather than Foundation's
    /// `Process`, which on Linux leaves an allocation behind that
    /// LeakSanitizer reports at exit, failing sanitizer runs of `parley`.
    static func run(_ executable: String, _ arguments: [String]) throws(POSIXError) -> ChildStatus {
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable, nil, nil, argv, environ)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EINVAL) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EINVAL) }
        }
        // WIFEXITED and WEXITSTATUS are macros Swift does not import.
        return status & 0x7F == 0 ? .exited((status >> 8) & 0xFF) : .signal(status & 0x7F)
    }
}
