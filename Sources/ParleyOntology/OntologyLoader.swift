import Foundation
import ParleyGraph

/// Reads the ontology and its lexicon from the RDF/XML files of a directory
/// (`ontology/`): every `*.rdf` file under it, recursively, in sorted path
/// order. The files are the single source of truth: classes, relations and
/// all the words the extractors know come from them.
///
/// What is read from the triples:
/// - classes: `owl:Class` resources in the Parley namespace, with
///   `rdfs:label`, `rdfs:comment`, the first Parley `rdfs:subClassOf` as
///   superclass and outside `rdfs:subClassOf`/`owl:equivalentClass` as
///   alignments; a class defined by `owl:unionOf` (`parley:Agent`) is not a
///   node class but stands for its members in domains and ranges; lexicon
///   classes (`rdfs:subClassOf parley:LexiconEntry`) are left out;
/// - relations: `owl:ObjectProperty` resources in the Parley namespace whose
///   domain or range is a node class, in file order, with
///   `owl:SymmetricProperty`; domain and range are mapped to top classes;
/// - the lexicon: see `LexiconLoader`.
public enum OntologyLoader {
    /// Loads and validates the ontology in `directory`.
    public static func load(from directory: String) throws(OntologyError) -> Ontology {
        let files = try rdfFiles(in: directory)
        var graph = RDFGraph()
        for (file, triples) in zip(files, readConcurrently(files)) {
            graph.add(try triples.get(), file: file)
        }
        var builder = OntologyBuilder(graph: graph)
        let ontology = try builder.build()
        try ontology.validate()
        return ontology
    }

    /// Parses the files on all cores (they are independent; libxml2 parses
    /// in parallel with one context per parse). Results keep file order, so
    /// the first error reported is the one of the first file in order.
    static func readConcurrently(_ files: [String]) -> [Result<[RDFTriple], OntologyError>] {
        let slots = ResultSlots(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            slots.store(Result { () throws(OntologyError) in try RDFXMLReader.read(contentsOf: files[index]) }, at: index)
        }
        return slots.results
    }

    /// Loads the ontology from `defaultDirectory()`.
    public static func loadDefault() throws(OntologyError) -> Ontology {
        try load(from: defaultDirectory())
    }

    /// Where the ontology is: `$PARLEY_ONTOLOGY` if set, else `./ontology`
    /// if it exists, else the repository's `ontology/` next to `Sources/`.
    public static func defaultDirectory() -> String {
        if let path = ProcessInfo.processInfo.environment["PARLEY_ONTOLOGY"], !path.isEmpty {
            return path
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: "ontology", isDirectory: &isDirectory), isDirectory.boolValue {
            return FileManager.default.currentDirectoryPath + "/ontology"
        }
        // #filePath is .../Sources/ParleyOntology/OntologyLoader.swift.
        var components = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        components.removeLast(3)
        return components.joined(separator: "/") + "/ontology"
    }

    /// Every `*.rdf` file under `directory`, recursively, sorted by path.
    /// Hidden files and folders are skipped.
    public static func rdfFiles(in directory: String) throws(OntologyError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .noOntologyFiles(directory: directory)
        }
        var files: [String] = []
        collect(directory, into: &files)
        guard !files.isEmpty else { throw .noOntologyFiles(directory: directory) }
        return files.sorted()
    }

    private static func collect(_ directory: String, into files: inout [String]) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                collect(path, into: &files)
            } else if name.hasSuffix(".rdf") {
                files.append(path)
            }
        }
    }
}

/// One result slot per file, each written by exactly one iteration of
/// `concurrentPerform` and read after it returns. The slots are a raw
/// buffer, so concurrent writes to different slots need no exclusive access
/// to a shared array.
private final class ResultSlots: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<Result<[RDFTriple], OntologyError>>

    init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: .success([]))
    }

    deinit {
        buffer.deinitialize()
        buffer.deallocate()
    }

    func store(_ result: Result<[RDFTriple], OntologyError>, at index: Int) {
        buffer[index] = result
    }

    var results: [Result<[RDFTriple], OntologyError>] { Array(buffer) }
}

/// Builds `Ontology` from the merged graph of all files.
struct OntologyBuilder {
    let graph: RDFGraph
    let namespace: String
    private(set) var classes: [OntologyClass] = []
    /// Union classes (`parley:Agent`) by local name, mapped to their members.
    private(set) var unions: [String: [NodeType]] = [:]

    init(graph: RDFGraph) {
        self.graph = graph
        let header = graph.subjects(ofType: RDFNamespace.owl + "Ontology").first
        self.namespace = header.flatMap { graph.text($0, RDFNamespace.vann + "preferredNamespaceUri") }
            ?? RDFNamespace.parley
    }

    mutating func build() throws(OntologyError) -> Ontology {
        let header = graph.subjects(ofType: RDFNamespace.owl + "Ontology").first
        let instanceBase = header.flatMap { graph.text($0, namespace + "instanceBase") } ?? RDFNamespace.instances
        try buildClasses()
        let relations = try buildRelations()
        var ontology = Ontology(namespace: namespace, instanceBase: instanceBase, classes: classes,
                                relations: relations, lexicon: Lexicon())
        var lexiconLoader = LexiconLoader(graph: graph, ontology: ontology)
        ontology.lexicon = try lexiconLoader.build()
        return ontology
    }

    func localName(_ iri: String) -> String? {
        iri.hasPrefix(namespace) ? String(iri.dropFirst(namespace.count)) : nil
    }

    private mutating func buildClasses() throws(OntologyError) {
        let lexiconRoot = namespace + "LexiconEntry"
        for subject in graph.subjects(ofType: RDFNamespace.owl + "Class") {
            guard let iri = subject.iri, let name = localName(iri) else { continue }
            if let union = graph.objects(subject, RDFNamespace.owl + "unionOf").first {
                var members: [NodeType] = []
                for member in graph.list(union) {
                    guard let memberIRI = member.iri, let memberName = localName(memberIRI) else {
                        let (file, line) = graph.location(of: subject)
                        throw .invalidValue(subject: name, property: "owl:unionOf", value: member.description,
                                            file: file, line: line)
                    }
                    members.append(NodeType(memberName))
                }
                unions[name] = members
                continue
            }
            if iri == lexiconRoot || isLexiconClass(subject) { continue }
            let parents = graph.objects(subject, RDFNamespace.rdfs + "subClassOf").compactMap(\.iri)
            let aligned = parents + graph.objects(subject, RDFNamespace.owl + "equivalentClass").compactMap(\.iri)
            classes.append(OntologyClass(
                name: NodeType(name), iri: iri,
                label: graph.text(subject, RDFNamespace.rdfs + "label") ?? name,
                comment: graph.text(subject, RDFNamespace.rdfs + "comment") ?? "",
                superClass: parents.compactMap { (parent: String) -> NodeType? in localName(parent).map { NodeType($0) } }.first,
                alignedTo: aligned.filter { localName($0) == nil }))
        }
        let names = Set(classes.map(\.name))
        for ontologyClass in classes {
            if let parent = ontologyClass.superClass, !names.contains(parent) {
                let (file, line) = graph.location(of: .iri(ontologyClass.iri))
                throw .unknownClass(name: parent.rawValue, referencedBy: ontologyClass.name.rawValue, file: file, line: line)
            }
        }
    }

    private func isLexiconClass(_ subject: RDFTerm) -> Bool {
        var current = subject
        var seen: Set<RDFTerm> = []
        while seen.insert(current).inserted,
              let parent = graph.objects(current, RDFNamespace.rdfs + "subClassOf").first(where: { $0.iri.flatMap(localName) != nil }) {
            if parent.iri == namespace + "LexiconEntry" { return true }
            current = parent
        }
        return false
    }

    private func buildRelations() throws(OntologyError) -> [OntologyRelation] {
        let ontology = Ontology(namespace: namespace, instanceBase: "", classes: classes, relations: [], lexicon: Lexicon())
        var relations: [OntologyRelation] = []
        for subject in graph.subjects(ofType: RDFNamespace.owl + "ObjectProperty") {
            guard let iri = subject.iri, let name = localName(iri) else { continue }
            let domains = graph.statements(subject, RDFNamespace.rdfs + "domain")
            let ranges = graph.statements(subject, RDFNamespace.rdfs + "range")
            let domain = try topClasses(domains, of: name, ontology: ontology)
            let range = try topClasses(ranges, of: name, ontology: ontology)
            let isNodeRelation = !(domain ?? []).isEmpty || !(range ?? []).isEmpty
            let mentionsOther = domain == nil && !domains.isEmpty || range == nil && !ranges.isEmpty
            guard isNodeRelation, !mentionsOther else { continue }
            let (file, line) = graph.location(of: subject)
            guard let domain, !domain.isEmpty else { throw .missingDomain(relation: name, file: file, line: line) }
            guard let range, !range.isEmpty else { throw .missingRange(relation: name, file: file, line: line) }
            relations.append(OntologyRelation(
                name: RelationName(name), iri: iri,
                label: graph.text(subject, RDFNamespace.rdfs + "label") ?? name,
                comment: graph.text(subject, RDFNamespace.rdfs + "comment") ?? "",
                domain: domain, range: range,
                symmetric: graph.hasType(subject, RDFNamespace.owl + "SymmetricProperty")))
        }
        return relations
    }

    /// The top node classes a domain or range names: [] when there is none,
    /// nil when it names a class outside the node classes (Document...).
    private func topClasses(_ statements: [RDFGraph.Statement], of relation: String,
                            ontology: Ontology) throws(OntologyError) -> [NodeType]? {
        let nodeTops: Set<NodeType> = [.actor, .organization, .proposal, .condition]
        var result: [NodeType] = []
        for statement in statements {
            guard let iri = statement.object.iri, let name = localName(iri) else { return nil }
            let members = unions[name] ?? [NodeType(name)]
            for member in members {
                guard ontology.ontologyClass(member) != nil else {
                    throw .unknownClass(name: member.rawValue, referencedBy: relation, file: statement.file, line: statement.line)
                }
                let top = ontology.topClass(of: member)
                guard nodeTops.contains(top) else { return nil }
                if !result.contains(top) { result.append(top) }
            }
        }
        return result
    }
}
