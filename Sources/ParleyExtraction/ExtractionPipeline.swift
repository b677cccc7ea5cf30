import Dispatch
import Foundation
import ParleyGraph
import ParleyOntology

/// What one document gave: its nodes and edges, and what matched nothing.
public struct DocumentExtraction: Sendable {
    public var nodes: [Node]
    public var edges: [Edge]
    public var unmatchedNames: [String]
    public var unmatchedTriggers: [String]
    /// What tells each proposal from another (entities, distinctive words),
    /// for merging the same plan across documents.
    public var signatures: [NodeKey: Set<String>]
}

/// Runs the extraction stages over documents and merges what they give into
/// one corpus graph.
///
/// Documents are independent, so they are processed in parallel; the merge
/// runs in document order afterwards, so the graph is byte-identical
/// whatever the number of threads.
public struct ExtractionPipeline: Sendable {
    public let ontology: Ontology
    let index: LexiconIndex
    let splitter: SentenceSplitter
    let stages: [any ExtractionStage]

    public init(ontology: Ontology) {
        self.ontology = ontology
        let index = LexiconIndex(lexicon: ontology.lexicon)
        self.index = index
        self.splitter = SentenceSplitter(abbreviations: ontology.lexicon.words(.abbreviations),
                                         sentenceStarters: ontology.lexicon.words(.nonNames))
        let proposals = ProposalExtractor(index: index, ontology: ontology)
        self.stages = [
            MentionExtractor(index: index, ontology: ontology),
            proposals,
            ConditionExtractor(proposals: proposals),
            RelationExtractor(index: index, ontology: ontology),
            RelationInference(index: index, ontology: ontology),
        ]
    }

    /// Sentences, then every stage, over one document.
    public func analyze(_ document: SourceDocument, id: DocumentID) -> DocumentAnalysis {
        var analysis = DocumentAnalysis(document: document, documentID: id)
        analysis.sentences = splitter.split(document)
        index.annotate(&analysis.sentences)
        for stage in stages { stage.run(&analysis) }
        return analysis
    }

    /// The nodes and edges of one document. Proposals and conditions that no
    /// edge links are dropped: a plan nobody proposes, backs, rejects or
    /// requires anything of is only a word.
    public func extract(_ document: SourceDocument, id: DocumentID) -> DocumentExtraction {
        var a = analyze(document, id: id)
        let linked = a.linkedNodes()
        var nodes: [Node] = []
        nodes.reserveCapacity(a.nodes.count)
        var signatures: [NodeKey: Set<String>] = [:]
        // Fields are read one by one: a copy of the whole node would share
        // its attributes, which are taken below.
        for i in a.nodes.indices where a.nodes[i].mentions > 0 {
            let key = a.nodes[i].key, type = a.nodes[i].type, category = a.nodes[i].category
            if type == .proposal { signatures[key] = a.nodes[i].signature }
            if (type == .proposal || type == .condition) && !linked[i] { continue }
            // The analysis ends here: its attributes are taken, not copied
            // to be grown.
            var attributes: [String: AttributeValue] = [:]
            swap(&attributes, &a.nodes[i].attributes)
            if category != type { attributes["category"] = .string(category.rawValue) }
            nodes.append(Node(key: key, type: type, label: a.nodes[i].label, aliases: a.nodes[i].aliases.elements,
                              documents: [id], mentionCount: a.nodes[i].mentions, attributes: attributes))
        }
        // In evidence order as far as the document can tell: the corpus
        // graph sorts all edges by evidence at the end, and sorts a nearly
        // sorted list faster. The graph is the same.
        let edges = a.takeEdgesInEvidenceOrder()
        return DocumentExtraction(nodes: nodes, edges: edges, unmatchedNames: a.unmatchedNames,
                                  unmatchedTriggers: a.unmatchedTriggers, signatures: signatures)
    }

    /// Extracts every document on `threads` threads and merges the results
    /// in document order. Workers take the next document as they free up, so
    /// a long article does not hold back a whole stride; `progress`, if
    /// given, hears the number done after each document (from the worker
    /// threads).
    public func run(_ documents: [SourceDocument], threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                    progress: (@Sendable (_ done: Int) -> Void)? = nil)
        -> (graph: CorpusGraph, extractions: [DocumentExtraction]) {
        let results = ResultSlots<DocumentExtraction>(count: documents.count)
        let next = SharedCounter(), done = SharedCounter()
        let workers = max(1, min(threads, documents.count))
        // Workers past the first extract with a private copy of the pipeline
        // (see `privateCopy`) when the corpus is large enough to repay
        // building one.
        let privateCopies = workers > 1 && documents.reduce(0, { $0 + $1.scalars.count }) >= ExtractionPipeline.privateCopyThreshold
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let pipeline = worker > 0 && privateCopies ? privateCopy() : self
            while case let i = next.increment() - 1, i < documents.count {
                results.set(i, pipeline.extract(documents[i], id: DocumentID(i)))
                let finished = done.increment()
                progress?(finished)
            }
        }
        let extractions = results.values()
        var graph = CorpusGraph()
        for d in documents { graph.addDocument(d.info) }
        CorpusMerger(ontology: ontology).merge(extractions, into: &graph)
        return (graph, extractions)
    }
}

extension ExtractionPipeline {
    /// Characters of text from which workers build pipelines of their own.
    static let privateCopyThreshold = 1_000_000
}

/// A count shared by worker threads.
final class SharedCounter: @unchecked Sendable {
    private var count = 0
    private let lock = NSLock()

    /// Adds one and returns the new count.
    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        count += 1
        return count
    }
}

/// Fixed slots written by concurrent workers, each slot by one worker.
final class ResultSlots<T: Sendable>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: T) {
        lock.lock()
        slots[i] = value
        lock.unlock()
    }
    func values() -> [T] { slots.map { $0! } }
}
