import Foundation

/// One self-rewriting line on standard error: `extracting 120/680
/// documents, 85/s, 0:07 left`. Shown only when standard error is a
/// terminal, `--quiet` is off, and the run has lasted a second (short runs
/// stay silent); at most ten redraws a second; cleared when done. Safe to
/// update from worker threads.
final class Progress: @unchecked Sendable {
    private let enabled: Bool
    private let start = Date()
    private var shown = false
    private var lastDraw = Date.distantPast
    private var phaseStart = Date()
    private let lock = NSLock()

    /// Seconds a run lasts before the line appears: 1, or
    /// `PARLEY_PROGRESS_DELAY` (the tests set 0 so a fast run still shows it).
    private let delay: Double

    init(enabled: Bool) {
        self.enabled = enabled
        self.delay = ProcessInfo.processInfo.environment["PARLEY_PROGRESS_DELAY"].flatMap(Double.init) ?? 1
    }

    var isEnabled: Bool { enabled }

    /// Starts counting the rate of a new phase from now.
    func begin() {
        lock.lock()
        phaseStart = Date()
        lock.unlock()
    }

    func update(_ verb: String, done: Int, of total: Int, unit: String) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(start) >= delay, now.timeIntervalSince(lastDraw) >= 0.1 || done == total else { return }
        lastDraw = now
        let elapsed = max(now.timeIntervalSince(phaseStart), 0.001)
        let rate = Double(done) / elapsed
        var line = "\(verb) \(done)/\(total) \(unit)"
        if done > 0 {
            line += String(format: ", %.0f/s", rate)
            if done < total { line += ", " + Self.clock(Double(total - done) / max(rate, 0.001)) + " left" }
        }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
        shown = true
    }

    /// Clears the line, if one was drawn.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        shown = false
    }

    /// `1:05`, `12:00:03`.
    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded(.up))
        let (h, m, r) = (s / 3600, (s / 60) % 60, s % 60)
        return h > 0 ? String(format: "%d:%02d:%02d", h, m, r) : String(format: "%d:%02d", m, r)
    }
}
