import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// A temporary folder made by a test and removed at its end (permissions
/// restored first, so `chmod 000` entries can be removed).
final class Scratch {
    let url: URL
    var path: String { url.path }

    init(_ name: String) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("parley-robust-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        _ = Process.run("/bin/chmod", ["-R", "u+rwx", url.path])
        try? FileManager.default.removeItem(at: url)
    }

    /// Writes `bytes` at `relative` (folders made as needed); returns the path.
    @discardableResult
    func file(_ relative: String, _ bytes: [UInt8]) throws -> String {
        let target = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: target)
        return target.path
    }

    @discardableResult
    func file(_ relative: String, _ text: String) throws -> String {
        try file(relative, Array(text.utf8))
    }

    @discardableResult
    func folder(_ relative: String) throws -> String {
        let target = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        return target.path
    }

    /// A symbolic link at `relative` holding `target` as written.
    @discardableResult
    func link(_ relative: String, to target: String) throws -> String {
        let at = url.appendingPathComponent(relative).path
        XCTAssertEqual(symlink(target, at), 0, "symlink \(at) -> \(target): \(String(cString: strerror(errno)))")
        return at
    }

    func path(_ relative: String) -> String { url.appendingPathComponent(relative).path }
}

/// What a finished process gave.
struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

extension Process {
    /// Runs `executable` with `arguments` to the end; output captured.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], in directory: String? = nil,
                    environment: [String: String]? = nil) -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.environment = childEnvironment(environment)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch {
            return ProcessResult(status: -1, stdout: "", stderr: "cannot run \(executable): \(error)")
        }
        // Read both pipes while the process runs, so a full pipe cannot block it.
        let errBox = DataBox()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errBox.data = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        let errData = errBox.data
        process.waitUntilExit()
        // Killed by a signal: 128 + the signal, as a shell reports it.
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return ProcessResult(status: status,
                             stdout: String(decoding: outData, as: UTF8.self),
                             stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// The environment for a child process: `environment` (nil: this process's
/// own) with `ASAN_OPTIONS` set to `PARLEY_CHILD_ASAN_OPTIONS` when that is
/// set. `scripts/sanitize address` turns LeakSanitizer off in the XCTest
/// runner (false positives of XCTest and Foundation) and back on, through
/// this, in every `parley` the tests start. Without the variable: unchanged.
func childEnvironment(_ environment: [String: String]? = nil) -> [String: String]? {
    guard let options = ProcessInfo.processInfo.environment["PARLEY_CHILD_ASAN_OPTIONS"] else { return environment }
    var result = environment ?? ProcessInfo.processInfo.environment
    result["ASAN_OPTIONS"] = options
    return result
}

/// Data filled by another thread, read after it finished (a group wait).
final class DataBox: @unchecked Sendable {
    var data = Data()
}

enum Tools {
    /// The repository root, from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// A program on the PATH, or nil.
    static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// A program the test needs: missing is a failure with the way to get it
    /// (scripts/install-test-deps installs them all).
    static func require(_ name: String, package: String) throws -> String {
        guard let found = which(name) else {
            XCTFail("\(name) is not installed: apt-get install \(package) (or scripts/install-test-deps)")
            throw XCTSkip("\(name) missing")
        }
        return found
    }

    /// The `parley` executable built with the tests: next to the test bundle.
    static func parley() throws -> String {
        // Bundle.main is the test runner (`….xctest` on Linux) in the build
        // folder; `Bundle.allBundles` is avoided (Foundation leaks it, which
        // LeakSanitizer reports).
        var candidates: [URL] = []
        if let executable = Bundle.main.executableURL { candidates.append(executable.deletingLastPathComponent()) }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for folder in candidates {
            let path = folder.appendingPathComponent("parley").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        XCTFail("the parley executable is not next to the test bundle (\(candidates.map(\.path))); run swift build first")
        throw XCTSkip("parley missing")
    }

    /// Whether this process runs with AddressSanitizer or ThreadSanitizer
    /// (their runtime is loaded), which make stack frames several times larger.
    static let underSanitizer: Bool = dlsym(nil, "__asan_init") != nil || dlsym(nil, "__tsan_init") != nil

    /// Whether this process can read a file whatever its mode (root).
    static var bypassesPermissions: Bool { geteuid() == 0 }
}

/// Seconds taken by `body`: the best of `repeats` runs (the minimum is the
/// least disturbed by other work on the machine).
func seconds(repeats: Int = 3, _ body: () throws -> Void) rethrows -> Double {
    // CPU time of this thread, not wall time: other processes on a busy
    // machine (a parallel build, CI neighbours) must not make a linear stage
    // look quadratic.
    func threadCPU() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
    var best = Double.infinity
    for _ in 0..<repeats {
        let start = threadCPU()
        try body()
        best = min(best, threadCPU() - start)
    }
    return best
}

/// Linux inotify on one folder: wakes the moment a file is created there,
/// where polling the folder would miss a file that lives for a millisecond.
final class DirectoryWatch {
    private let descriptor: Int32

    init(_ path: String) throws {
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0, inotify_add_watch(descriptor, path, UInt32(IN_CREATE)) >= 0 else {
            throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }

    deinit { close(descriptor) }

    /// Returns when a file whose name contains `fragment` is created, or
    /// after `timeout` seconds.
    func waitForCreation(containing fragment: String, timeout: Double) {
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { return }
            var waiting = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&waiting, 1, Int32(left * 1000) + 1) > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            var offset = 0
            while count > 0, offset + MemoryLayout<inotify_event>.size <= count {
                let (length, name) = buffer.withUnsafeBytes { raw -> (Int, String) in
                    let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    let start = offset + MemoryLayout<inotify_event>.size
                    let bytes = raw[start..<start + Int(event.len)].prefix { $0 != 0 }
                    return (Int(event.len), String(decoding: bytes, as: UTF8.self))
                }
                if name.contains(fragment) { return }
                offset += MemoryLayout<inotify_event>.size + length
            }
        }
    }
}
