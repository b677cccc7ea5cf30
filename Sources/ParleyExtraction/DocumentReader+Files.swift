import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file's identity on its device, so that a file or folder reached by two
/// paths (symbolic or hard links) is read once and a folder loop is seen.
struct FileIdentity: Hashable {
    let device: UInt64
    let inode: UInt64

    init(_ status: stat) {
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
    }
}

/// What a path is, following symbolic links, or why that cannot be known.
enum PathKind {
    case file(FileIdentity)
    case folder(FileIdentity)
    /// A FIFO, socket or device.
    case special(String)

    /// `stat(2)` of `path`; the error names the path and what is wrong
    /// (missing, broken link, link loop, permission).
    static func of(_ path: String) -> Result<PathKind, DocumentReadError> {
        var status = stat()
        guard stat(path, &status) == 0 else { return .failure(FileBytes.error(errno, path: path)) }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return .success(.file(FileIdentity(status)))
        case S_IFDIR: return .success(.folder(FileIdentity(status)))
        default: return .success(.special(describe(status.st_mode)))
        }
    }

    static func describe(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: return "FIFO (named pipe)"
        case S_IFSOCK: return "socket"
        case S_IFCHR: return "character device"
        case S_IFBLK: return "block device"
        case S_IFDIR: return "folder"
        default: return "special file"
        }
    }
}

/// Finds the article files under the inputs: iterative (no recursion, so no
/// depth limit), each folder listed once, entries in sorted order, hidden
/// entries (`.git`, `._x.txt`) skipped inside folders, symbolic links
/// followed only to targets inside the input folder.
struct FolderWalk {
    let extensions: Set<String>
    let followsLinksOutside: Bool
    var found = DocumentInputs()
    /// Every file and folder taken so far, with the path it was taken by.
    private var seen: [FileIdentity: String] = [:]

    init(extensions: Set<String>, followsLinksOutside: Bool) {
        self.extensions = extensions
        self.followsLinksOutside = followsLinksOutside
    }

    mutating func add(_ input: String) {
        switch PathKind.of(input) {
        case .failure(let error):
            found.errors.append(error)
        case .success(.special(let kind)):
            found.errors.append(.notRegularFile(path: input, kind: kind))
        case .success(.file(let id)):
            if take(id, input) { found.files.append(input) }
        case .success(.folder(let id)):
            guard take(id, input) else { return }
            var files: [String] = []
            walk(input, into: &files)
            if files.isEmpty {
                let names = extensions.sorted().map { "." + $0 }.joined(separator: ", ")
                found.warnings.append(DocumentWarning(path: input, message: "no article file in this folder (looked for \(names))"))
            }
            found.files.append(contentsOf: files.sorted())
        }
    }

    /// Marks `id` as taken by `path`; false, with a warning, when an earlier
    /// path already took it.
    private mutating func take(_ id: FileIdentity, _ path: String) -> Bool {
        if let first = seen[id] {
            found.warnings.append(DocumentWarning(path: path, message: "same file or folder as \(first); read once"))
            return false
        }
        seen[id] = path
        return true
    }

    private mutating func walk(_ root: String, into files: inout [String]) {
        let realRoot = FileBytes.realPath(root) ?? root
        var pending = [root]
        while let folder = pending.popLast() {
            let names: [String]
            switch FileBytes.list(folder) {
            case .failure(let error):
                found.errors.append(error)
                continue
            case .success(let listed):
                names = listed.names
                for bytes in listed.badNames where bytes.first != UInt8(ascii: ".") {
                    reportBadName(bytes, in: folder)
                }
            }
            var subfolders: [String] = []
            for name in names where !name.hasPrefix(".") {
                let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
                visit(path, realRoot: realRoot, root: root, files: &files, subfolders: &subfolders)
            }
            pending.append(contentsOf: subfolders.reversed())
        }
    }

    /// An entry whose name is not UTF-8 cannot be opened through a Swift
    /// string: an error when it is a folder or an article file, shown with
    /// the bad bytes as U+FFFD.
    private mutating func reportBadName(_ bytes: [UInt8], in folder: String) {
        let shown = (folder as NSString).appendingPathComponent(String(decoding: bytes, as: UTF8.self))
        let wanted = extensions.contains((shown as NSString).pathExtension.lowercased())
        let isFolder: Bool
        switch FileBytes.kind(of: folder, badName: bytes) {
        case .folder?: isFolder = true
        default: isFolder = false
        }
        if isFolder || wanted {
            found.errors.append(.unreadable(path: shown, reason: "the name is not valid UTF-8; rename it"))
        }
    }

    /// One folder entry: a file to read, a folder to walk, or nothing.
    private mutating func visit(_ path: String, realRoot: String, root: String,
                                files: inout [String], subfolders: inout [String]) {
        let wanted = extensions.contains((path as NSString).pathExtension.lowercased())
        if FileBytes.isSymbolicLink(path), let target = FileBytes.realPath(path),
           !followsLinksOutside, !FileBytes.isInside(target, realRoot) {
            if wanted || FileBytes.isFolder(target) {
                found.errors.append(.linkOutsideFolder(path: path, target: target, folder: root))
            }
            return
        }
        switch PathKind.of(path) {
        case .failure(let error):
            if wanted { found.errors.append(error) }
        case .success(.special(let kind)):
            if wanted { found.errors.append(.notRegularFile(path: path, kind: kind)) }
        case .success(.file(let id)):
            if wanted, take(id, path) { files.append(path) }
        case .success(.folder(let id)):
            if let first = seen[id] {
                let message = first == root || path.hasPrefix(first + "/")
                    ? "symbolic link back to \(first), a folder it is in (a loop); not followed"
                    : "same folder as \(first); read once"
                found.warnings.append(DocumentWarning(path: path, message: message))
            } else {
                seen[id] = path
                subfolders.append(path)
            }
        }
    }
}

/// File system calls with errors that name the file.
enum FileBytes {
    /// The whole file, refused when it is not a regular file or is larger
    /// than `limit`. Opened without blocking (a FIFO would wait for a
    /// writer), then read in one pass into one buffer.
    static func contents(of path: String, limit: Int) throws(DocumentReadError) -> Data {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw error(errno, path: path) }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw .unreadable(path: path, reason: message(errno)) }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw .unreadable(path: path, reason: "is a folder")
        default: throw .notRegularFile(path: path, kind: PathKind.describe(status.st_mode))
        }
        let size = Int(status.st_size)
        guard size <= limit else { throw .tooLarge(path: path, size: size, limit: limit) }
        // Files that report no size (`/proc`) or grow while read are read
        // until the end, doubling the buffer, never past `limit`.
        var data = Data(count: min(max(size, 4096), limit) + 1)
        var count = 0
        while true {
            if count == data.count {
                guard count <= limit else { throw .tooLarge(path: path, size: count, limit: limit) }
                data.count = min(data.count * 2, limit + 1)
            }
            let n = data.withUnsafeMutableBytes { read(fd, $0.baseAddress! + count, $0.count - count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: path, reason: message(errno))
            }
            if n == 0 { break }
            count += n
        }
        guard count <= limit else { throw .tooLarge(path: path, size: count, limit: limit) }
        data.count = count
        return data
    }

    /// The names in a folder, sorted, without `.` and `..`, and apart the
    /// names that are not UTF-8, which a Swift string cannot give back to
    /// the system (their bytes, sorted).
    static func list(_ folder: String) -> Result<(names: [String], badNames: [[UInt8]]), DocumentReadError> {
        guard let directory = opendir(folder) else { return .failure(listError(errno, folder)) }
        defer { closedir(directory) }
        var names: [String] = []
        var badNames: [[UInt8]] = []
        while true {
            errno = 0
            guard let entry = readdir(directory) else {
                if errno != 0 { return .failure(listError(errno, folder)) }
                break
            }
            let bytes: [UInt8] = withUnsafePointer(to: &entry.pointee.d_name) {
                $0.withMemoryRebound(to: UInt8.self, capacity: Int(NAME_MAX) + 1) {
                    Array(UnsafeBufferPointer(start: $0, count: strlen(UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))))
                }
            }
            guard let name = String(validating: bytes, as: UTF8.self) else {
                badNames.append(bytes)
                continue
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return .success((names.sorted(), badNames.sorted { $0.lexicographicallyPrecedes($1) }))
    }

    /// What an entry whose name is not UTF-8 is, found by its bytes.
    static func kind(of folder: String, badName: [UInt8]) -> PathKind? {
        var path = Array(folder.utf8) + [UInt8(ascii: "/")] + badName + [0]
        var status = stat()
        let ok = path.withUnsafeMutableBytes { stat($0.baseAddress!.assumingMemoryBound(to: CChar.self), &status) }
        guard ok == 0 else { return nil }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return .file(FileIdentity(status))
        case S_IFDIR: return .folder(FileIdentity(status))
        default: return .special(PathKind.describe(status.st_mode))
        }
    }

    private static func listError(_ code: Int32, _ folder: String) -> DocumentReadError {
        code == ENOENT ? .notFound(path: folder) : .unreadable(path: folder, reason: "folder cannot be listed: \(message(code))")
    }

    /// The error for a failed `open` or `stat` of `path`.
    static func error(_ code: Int32, path: String) -> DocumentReadError {
        switch code {
        case ENOENT, ENOTDIR:
            if isSymbolicLink(path) { return .brokenLink(path: path, target: linkTarget(path) ?? "?") }
            return .notFound(path: path)
        case ELOOP: return .linkLoop(path: path)
        default: return .unreadable(path: path, reason: message(code))
        }
    }

    static func isSymbolicLink(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFLNK
    }

    static func isFolder(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }

    static func linkTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(path, &buffer, Int(PATH_MAX))
        guard n >= 0 else { return nil }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The absolute path with every link resolved, nil when it does not resolve.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func isInside(_ path: String, _ folder: String) -> Bool {
        path == folder || path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
    }

    static func message(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
