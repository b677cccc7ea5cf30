#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Foundation

/// Clocks and memory gauges for the benchmark: wall time, process CPU time,
/// resident memory and its high-water mark (Linux `/proc/self/status`).
enum Measure {
    /// Monotonic wall-clock seconds.
    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// User plus system CPU seconds of the whole process (every thread).
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }

    /// A field of `/proc/self/status` in bytes (`VmRSS`, `VmHWM`), or nil
    /// where there is no such file.
    static func status(_ field: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            let digits = line.dropFirst(field.count + 1).filter(\.isNumber)
            return Int(digits).map { $0 * 1024 }
        }
        return nil
    }

    /// glibc's `malloc_trim(0)`, looked up at run time (it is not in the
    /// Glibc module): gives free heap pages back to the system.
    static func trimHeap() {
        typealias Trim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(nil, "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
    }

    /// Resident memory now, after giving free heap pages back to the system,
    /// so what was freed is not counted.
    static func residentBytes() -> Int {
        trimHeap()
        return status("VmRSS") ?? 0
    }

    /// Peak resident memory since start or since the last `resetPeak()`.
    static func peakBytes() -> Int {
        if let hwm = status("VmHWM") { return hwm }
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Int(usage.ru_maxrss) * 1024
    }

    /// Whether `resetPeak()` works here (Linux ≥ 4.0 with a writable
    /// `/proc/self/clear_refs`); otherwise peaks are since process start.
    nonisolated(unsafe) static var canResetPeak = true

    /// Resets the high-water mark to the current resident size by writing
    /// `5` to `/proc/self/clear_refs`, so a phase's own peak can be read.
    static func resetPeak() {
        trimHeap()
        let fd = open("/proc/self/clear_refs", O_WRONLY)
        guard fd >= 0 else { canResetPeak = false; return }
        defer { close(fd) }
        if write(fd, "5", 1) != 1 { canResetPeak = false }
    }

    /// Runs `body` and returns its result with wall and CPU seconds, the
    /// resident size before and the peak during it.
    static func phase<T>(_ body: () throws -> T) rethrows -> (value: T, seconds: Double, cpu: Double,
                                                                residentBefore: Int, peak: Int) {
        resetPeak()
        let before = status("VmRSS") ?? 0
        let cpu0 = cpuSeconds()
        let t0 = now()
        let value = try body()
        let seconds = now() - t0
        let cpu = cpuSeconds() - cpu0
        return (value, seconds, cpu, before, peakBytes())
    }

    /// `phase` run `times` times: the fastest run's value and times, and
    /// the highest peak of all runs.
    static func best<T>(of times: Int, _ body: () throws -> T) rethrows
        -> (value: T, seconds: Double, cpu: Double, residentBefore: Int, peak: Int) {
        var best = try phase(body)
        var extra = best.peak - best.residentBefore
        for _ in 1..<max(times, 1) {
            let m = try phase(body)
            extra = max(extra, m.peak - m.residentBefore)
            if m.seconds < best.seconds { best = m }
        }
        best.peak = best.residentBefore + extra
        return best
    }

    /// What the machine is: cores, memory, kernel, load.
    static func machine() -> String {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let memory = Double(ProcessInfo.processInfo.physicalMemory) / Double(1 << 30)
        var model = "unknown CPU"
        if let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
           let line = info.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
           let colon = line.firstIndex(of: ":") {
            model = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var kernel = utsname()
        uname(&kernel)
        let release = withUnsafeBytes(of: &kernel.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        return "\(cores) cores (\(model)), \(String(format: "%.1f", memory)) GiB, Linux \(release)"
    }

    /// The 1-minute load average: other work on the machine slows the figures.
    static func loadAverage() -> String {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?
            .split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
    }
}

/// Number formatting for the tables.
enum Format {
    static func mb(_ bytes: Int) -> String { String(format: "%.1f", Double(bytes) / 1e6) }
    static func mib(_ bytes: Int) -> String { String(format: "%.0f", Double(bytes) / Double(1 << 20)) }
    static func rate(_ bytes: Int, _ seconds: Double) -> String {
        guard seconds > 0 else { return "-" }
        let rate = Double(bytes) / 1e6 / seconds
        return String(format: rate < 10 ? "%.2f" : "%.1f", rate)
    }
    static func seconds(_ s: Double) -> String { String(format: "%.2f", s) }
    static func count(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return String(out.reversed())
    }

    /// Left-aligned columns, two spaces apart; numbers right-aligned.
    static func table(_ header: [String], _ rows: [[String]], indent: String = "  ") -> String {
        let all = [header] + rows
        let widths = header.indices.map { c in all.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
        func line(_ row: [String]) -> String {
            row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: max(0, widths[c] - cell.count))
                let numeric = c > 0 && cell.first.map { $0.isNumber || $0 == "-" || $0 == "×" } == true
                return numeric ? pad + cell : cell + pad
            }.joined(separator: "  ")
        }
        var lines = [indent + line(header)]
        lines.append(indent + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        for row in rows { lines.append(indent + line(row)) }
        return lines.map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
            .joined(separator: "\n")
    }
}

/// Prints a line at once, even when standard output is a pipe.
func say(_ line: String) {
    print(line)
    fflush(nil)
}
