import Dispatch
import Foundation
import ParleyGraph

extension ExtractionPipeline {
    /// `run(_:threads:)` that tells `progress` how many documents are done
    /// after each one (from the worker threads, so `progress` must be safe
    /// to call concurrently). The graph is the same as `run`'s: documents
    /// are extracted independently and merged in document order.
    public func run(_ documents: [SourceDocument], threads: Int,
                    progress: @escaping @Sendable (_ done: Int) -> Void)
        -> (graph: CorpusGraph, extractions: [DocumentExtraction]) {
        let results = ResultSlots<DocumentExtraction>(count: documents.count)
        let counter = DoneCounter()
        let workers = max(1, min(threads, documents.count))
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var i = w
            while i < documents.count {
                results.set(i, extract(documents[i], id: DocumentID(i)))
                progress(counter.increment())
                i += workers
            }
        }
        let extractions = results.values()
        var graph = CorpusGraph()
        for d in documents { graph.addDocument(d.info) }
        CorpusMerger(ontology: ontology).merge(extractions, into: &graph)
        return (graph, extractions)
    }
}

/// A count shared by worker threads.
final class DoneCounter: @unchecked Sendable {
    private var count = 0
    private let lock = NSLock()

    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        count += 1
        return count
    }
}
