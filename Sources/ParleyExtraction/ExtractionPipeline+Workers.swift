import ParleyGraph
import ParleyOntology

/// Pipelines of their own for the worker threads.
///
/// The stages copy their lexicon index and ontology with themselves for
/// every sentence, and copy lexicon entries as they match them; every copy
/// counts references on the strings and arrays inside. When two workers
/// share those objects, the counts are atomic operations on cache lines the
/// two cores take from each other. So each worker past the first extracts
/// with a pipeline built from a private copy of the ontology: equal values
/// in memory of its own, so the output is the same.
extension ExtractionPipeline {
    /// A pipeline equal to this one that shares no counted object with it.
    func privateCopy() -> ExtractionPipeline {
        ExtractionPipeline(ontology: PrivateCopy.ontology(ontology))
    }
}

/// Deep copies: every string that has storage and every array gets new
/// storage, with the same contents.
enum PrivateCopy {
    static func string(_ s: String) -> String {
        // Up to 15 UTF-8 bytes a string is stored inline and shares nothing.
        s.utf8.count <= 15 ? s : String(decoding: Array(s.utf8), as: UTF8.self)
    }

    static func strings(_ a: [String]) -> [String] { a.map(string) }

    static func node(_ t: NodeType) -> NodeType { NodeType(rawValue: string(t.rawValue)) }

    static func relation(_ r: RelationName) -> RelationName { RelationName(rawValue: string(r.rawValue)) }

    static func ontology(_ o: Ontology) -> Ontology {
        var copy = o
        copy.namespace = string(o.namespace)
        copy.instanceBase = string(o.instanceBase)
        copy.classes = o.classes.map { c in
            var c = c
            c.name = node(c.name)
            c.iri = string(c.iri)
            c.label = string(c.label)
            c.comment = string(c.comment)
            c.superClass = c.superClass.map(node)
            c.alignedTo = strings(c.alignedTo)
            return c
        }
        copy.relations = o.relations.map { r in
            var r = r
            r.name = relation(r.name)
            r.iri = string(r.iri)
            r.label = string(r.label)
            r.comment = string(r.comment)
            r.domain = r.domain.map(node)
            r.range = r.range.map(node)
            return r
        }
        copy.lexicon = lexicon(o.lexicon)
        return copy
    }

    static func lexicon(_ l: Lexicon) -> Lexicon {
        var copy = l
        copy.entities = l.entities.map { e in
            var e = e
            e.id = string(e.id)
            e.type = node(e.type)
            e.label = string(e.label)
            e.names = strings(e.names)
            e.demonyms = strings(e.demonyms)
            e.metonyms = strings(e.metonyms)
            e.partOf = e.partOf.map(string)
            return e
        }
        copy.roleTitles = l.roleTitles.map { r in
            var r = r
            r.phrase = string(r.phrase)
            r.relation = relation(r.relation)
            return r
        }
        copy.triggers = l.triggers.map { t in
            var t = t
            t.lemma = string(t.lemma)
            t.forms = strings(t.forms)
            t.onProposal = t.onProposal.map(relation)
            t.onCondition = t.onCondition.map(relation)
            t.onAgent = t.onAgent.map(relation)
            return t
        }
        copy.proposalNouns = l.proposalNouns.map { p in
            var p = p
            p.phrase = string(p.phrase)
            p.kind = string(p.kind)
            return p
        }
        copy.conditionCues = l.conditionCues.map { c in
            var c = c
            c.phrase = string(c.phrase)
            c.noun = string(c.noun)
            return c
        }
        copy.anaphors = l.anaphors.map { a in
            var a = a
            a.noun = string(a.noun)
            a.refersTo = a.refersTo.map(node)
            return a
        }
        var lists: [WordListName: [String]] = [:]
        for (name, words) in l.wordLists { lists[name] = strings(words) }
        copy.wordLists = lists
        return copy
    }
}
