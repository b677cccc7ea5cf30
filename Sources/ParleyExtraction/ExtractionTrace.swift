import ParleyGraph

extension ExtractionPipeline {
    /// A readable account of what the extractors saw in a document: each
    /// sentence, its mentions (text, node, role) and the edges it gave. For
    /// `parley --trace`, and for growing the lexicon.
    public func trace(_ document: SourceDocument, id: DocumentID = DocumentID(0)) -> String {
        let a = analyze(document, id: id)
        var out = ["# \(document.info.name)"]
        for s in a.sentences.indices {
            out.append("[\(s)] " + a.text(sentence: s, 0, a.sentences[s].tokens.count))
            for m in a.mentions.indices.contains(s) ? a.mentions[s] : [] {
                let n = a.nodes[m.node]
                let signature = n.signature.isEmpty ? "" : " " + n.signature.sorted().joined(separator: ",")
                out.append("    \(a.text(sentence: s, m.lower, m.upper)) -> \(n.type) \"\(n.label)\" (\(m.role))\(signature)")
            }
            for e in a.edges where e.provenance.sentence == Int32(s) {
                out.append("    EDGE \(e.source.rawValue) \(e.relation) \(e.target.rawValue) [\(e.provenance.trigger), \(e.provenance.modality.rawValue)]")
            }
        }
        return out.joined(separator: "\n")
    }
}
