import FuzzSupport
import ParleyOntology
import ParleyXML

/// libFuzzer target: bytes are an ontology file. The safe XML reader and
/// the RDF/XML reader must return triples or a typed error, never crash,
/// hang or expand entities without bound.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOntology(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data!, count: size))
    guard let tree = try? XMLReader.parse(bytes, name: "fuzz.rdf") else { return 0 }
    if let triples = try? RDFXMLReader.triples(in: tree) {
        // Literal text is bounded by the input: entity substitution is
        // limited (4 KiB per reference, no nesting).
        var total = 0
        for t in triples { total += t.object.literal?.utf8.count ?? 0 }
        precondition(total <= 4096 * max(size, 1), "literal text out of proportion to the input")
    }
    return 0
}

/// SwiftPM links executables with `main` renamed to `<Target>_main`.
@_cdecl("FuzzOntology_main")
public func fuzzOntologyMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    runFuzzer(argc, argv, fuzzOntology)
}
