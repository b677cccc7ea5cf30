import ParleyGraph
import ParleyXML

/// Node IRIs (`ParleyIRI.nodeIRIs`) written straight from each node's type
/// and key, so a writer keeps no string per node: the part after the
/// instance base, `{type lower-cased}/{key after its "/"}` percent-encoded,
/// is plain ASCII that needs no XML escaping.
///
/// Two nodes that would get the same IRI are told apart by a `-n` suffix on
/// the later one. Finding them takes one 32-bit hash per node (sorted, then
/// dropped); only nodes whose hashes collide are compared as strings.
struct NodeIRIs {
    /// `-n` of the nodes that need one, by position.
    private let suffixes: [Int: Int]

    init(_ nodes: NodeTable) {
        var scratch: [UInt8] = []
        var hashes = nodes.indices.map { i -> UInt32 in
            scratch.removeAll(keepingCapacity: true)
            NodeIRIs.append(i, nodes, to: &scratch)
            return NodeIRIs.hash(scratch)
        }
        hashes.sort()
        var repeated = Set<UInt32>()
        for i in hashes.indices.dropFirst() where hashes[i] == hashes[i - 1] { repeated.insert(hashes[i]) }
        guard !repeated.isEmpty else {
            suffixes = [:]
            return
        }
        // Exactly as `ParleyIRI.unique`, over the nodes that may share an
        // IRI: the others are first seen, and no `-n` equals their IRI.
        func local(_ i: Int) -> String {
            var bytes: [UInt8] = []
            NodeIRIs.append(i, nodes, to: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        }
        func isNodeIRI(_ text: String) -> Bool {
            let h = NodeIRIs.hash(Array(text.utf8))
            var low = 0, high = hashes.count
            while low < high {
                let mid = (low + high) / 2
                if hashes[mid] < h { low = mid + 1 } else { high = mid }
            }
            guard low < hashes.count && hashes[low] == h else { return false }
            return nodes.indices.contains { local($0) == text }
        }
        var seen = Set<String>(), fresh = Set<String>()
        var suffixes: [Int: Int] = [:]
        for i in nodes.indices {
            scratch.removeAll(keepingCapacity: true)
            NodeIRIs.append(i, nodes, to: &scratch)
            guard repeated.contains(NodeIRIs.hash(scratch)) else { continue }
            let value = String(decoding: scratch, as: UTF8.self)
            if seen.insert(value).inserted { continue }
            var n = 2
            while fresh.contains(value + "-" + String(n)) || isNodeIRI(value + "-" + String(n)) { n += 1 }
            fresh.insert(value + "-" + String(n))
            seen.insert(value + "-" + String(n))
            suffixes[i] = n
        }
        self.suffixes = suffixes
    }

    /// The IRI of node `i` after the instance base.
    func string(_ i: Int, _ nodes: NodeTable) -> String {
        var bytes: [UInt8] = []
        NodeIRIs.append(i, nodes, to: &bytes)
        if let n = suffixes[i] { bytes += Array(("-" + String(n)).utf8) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Writes the IRI of node `i` after the instance base.
    @inline(__always)
    func write(_ i: Int, _ nodes: NodeTable, into out: XMLOutput) {
        let key = nodes.keyBytes(i)
        let done: Bool? = nodes.types[Int(nodes.records[i].type)].rawValue.utf8.withContiguousStorageIfAvailable { type in
            let bound = 3 * (type.count + key.count) + 16
            guard bound <= out.reservationLimit else { return false }
            var encoded = true
            out.withUnsafeReservedBytes(bound) { room in
                guard let o = room.baseAddress, let end = NodeIRIs.encode(type: type, key: key, into: o) else {
                    encoded = false
                    return 0
                }
                return end - o
            }
            return encoded
        }
        if done != true {
            var bytes: [UInt8] = []
            NodeIRIs.append(i, nodes, to: &bytes)
            bytes.withUnsafeBytes { out.write($0) }
        }
        if let n = suffixes[i] {
            out.write(byte: 0x2D)
            out.write(decimal: n)
        }
    }

    /// Appends `{type lower-cased}/{local key}` of node `i`, percent-encoded.
    static func append(_ i: Int, _ nodes: NodeTable, to bytes: inout [UInt8]) {
        var type = nodes.type(i).rawValue
        let key = nodes.keyBytes(i)
        let capacity = 9 * type.utf8.count + 3 * key.count + 16  // lower-casing may lengthen
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: capacity))
        let written = type.withUTF8 { t in
            bytes.withUnsafeMutableBufferPointer { all -> Int in
                let o = all.baseAddress! + start
                if let end = encode(type: t, key: key, into: o) { return end - o }
                // A type with non-ASCII letters: lower-case it as Swift does.
                var lower = nodes.type(i).rawValue.lowercased()
                return lower.withUTF8 { l in
                    var p = percentEncode(l, into: o)
                    p.pointee = 0x2F
                    p += 1
                    return encodeLocal(key, into: p) - o
                }
            }
        }
        bytes.removeLast(capacity - written)
    }

    /// Encodes into `o` (room for three bytes per input byte plus 16);
    /// returns the end, or nil when the type is not ASCII.
    @inline(__always)
    static func encode(type: UnsafeBufferPointer<UInt8>, key: UnsafeBufferPointer<UInt8>,
                       into o: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8>? {
        var p = o
        for b in type {
            guard b < 0x80 else { return nil }
            p = put(b >= 0x41 && b <= 0x5A ? b + 0x20 : b, p)
        }
        p.pointee = 0x2F
        return encodeLocal(key, into: p + 1)
    }

    /// The key after its first `/` (all of it when there is none), or
    /// `unnamed` when that is empty, percent-encoded.
    @inline(__always)
    static func encodeLocal(_ key: UnsafeBufferPointer<UInt8>, into o: UnsafeMutablePointer<UInt8>)
        -> UnsafeMutablePointer<UInt8> {
        let slash = key.firstIndex(of: 0x2F)
        let local = slash.map { UnsafeBufferPointer(rebasing: key[($0 + 1)...]) } ?? key
        if local.isEmpty {
            let unnamed: StaticString = "unnamed"
            unnamed.withUTF8Buffer { u in o.update(from: u.baseAddress!, count: u.count) }
            return o + 7
        }
        return percentEncode(local, into: o)
    }

    @inline(__always)
    static func percentEncode(_ bytes: UnsafeBufferPointer<UInt8>, into o: UnsafeMutablePointer<UInt8>)
        -> UnsafeMutablePointer<UInt8> {
        var p = o
        for b in bytes { p = put(b, p) }
        return p
    }

    /// Writes `b`, or `%XX` unless it is unreserved (`A-Z a-z 0-9 - _ ~`).
    @inline(__always)
    private static func put(_ b: UInt8, _ p: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        switch b {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x5F, 0x7E:
            p.pointee = b
            return p + 1
        default:
            let hex: StaticString = "0123456789ABCDEF"
            let digits = hex.utf8Start
            p[0] = 0x25
            p[1] = digits[Int(b >> 4)]
            p[2] = digits[Int(b & 0xF)]
            return p + 3
        }
    }

    static func hash(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { UInt32(truncatingIfNeeded: ByteHash.hash($0) >> 32) }
    }
}
