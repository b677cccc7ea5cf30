import FuzzSupport
import Foundation
import ParleyExtraction
import ParleyGraph

/// libFuzzer target: bytes are an article. They go through the reader's
/// decoder (any bytes: encodings, NULs, CRs), the whole extraction pipeline
/// and the three serializers; every output must parse back.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExtractor(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size == 0 ? Data() : Data(bytes: data!, count: size)
    let text: String
    do {
        text = try DocumentReader().decode(bytes, path: "fuzz.txt").0
    } catch {
        return 0
    }
    let document = SourceDocument(info: DocumentInfo(name: "fuzz.txt", path: "fuzz.txt"), text: text)
    // Twice, as two documents: the corpus merge meets the same names again.
    let (graph, _) = FuzzSupport.pipeline.run([document, document], threads: 1)
    FuzzSupport.checkOutputs(graph)
    return 0
}

/// SwiftPM links executables with `main` renamed to `<Target>_main`.
@_cdecl("FuzzExtractor_main")
public func fuzzExtractorMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    runFuzzer(argc, argv, fuzzExtractor)
}
