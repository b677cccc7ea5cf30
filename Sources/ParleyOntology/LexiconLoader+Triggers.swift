import ParleyGraph

extension LexiconLoader {
    /// `parley:Trigger` resources, one trigger each. Forms:
    /// - verbal triggers (neither nominal nor compound, `parley:inflect` not
    ///   false): `Inflector.verbForms` of the lemma, with `parley:past`
    ///   replacing the generated past, plus every `parley:form`;
    /// - compound triggers: the past participle ("brokered") unless forms are
    ///   listed, plus every `parley:form`;
    /// - nominal triggers and `parley:inflect false`: the lemma and every
    ///   `parley:form`.
    func triggers() throws(OntologyError) -> [Trigger] {
        var result: [Trigger] = []
        for subject in graph.subjects(ofType: ontology.namespace + "Trigger") {
            let lemmaStatement = try required(subject, "lemma")
            let lemma = normalized(lemmaStatement.object.literal ?? "")
            guard !lemma.isEmpty else {
                throw .invalidValue(subject: name(subject), property: "parley:lemma", value: "",
                                    file: lemmaStatement.file, line: lemmaStatement.line)
            }
            let nominal = try flag(subject, "nominal", default: false)
            let compound = try flag(subject, "compound", default: false)
            let inflect = try flag(subject, "inflect", default: !nominal)
            let listed = try phrases(subject, "form", required: false)
            let past = try phrases(subject, "past", required: false)
            var forms: [String]
            if compound {
                forms = listed.isEmpty ? (past.isEmpty ? [Inflector.pastTense(lemma)] : past) : []
            } else if nominal || !inflect {
                forms = [lemma]
            } else {
                forms = Inflector.verbForms(of: lemma, past: past)
            }
            for form in listed where !forms.contains(form) { forms.append(form) }
            var trigger = Trigger(lemma: lemma, forms: forms, modality: try modality(subject),
                                  nominal: nominal, compound: compound)
            if let statement = graph.statements(subject, ontology.namespace + "onProposal").first {
                trigger.onProposal = try relation(statement, of: subject)
            }
            if let statement = graph.statements(subject, ontology.namespace + "onCondition").first {
                trigger.onCondition = try relation(statement, of: subject)
            }
            if let statement = graph.statements(subject, ontology.namespace + "onAgent").first {
                trigger.onAgent = try relation(statement, of: subject)
            }
            guard trigger.onProposal != nil || trigger.onCondition != nil || trigger.onAgent != nil else {
                let (file, line) = graph.location(of: subject)
                throw .missingValue(subject: name(subject), property: "parley:onProposal, parley:onCondition or parley:onAgent",
                                    file: file, line: line)
            }
            result.append(trigger)
        }
        return result
    }

    private func flag(_ subject: RDFTerm, _ property: String, default value: Bool) throws(OntologyError) -> Bool {
        guard let statement = graph.statements(subject, ontology.namespace + property).first else { return value }
        switch statement.object.literal?.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default:
            throw .invalidValue(subject: name(subject), property: "parley:" + property,
                                value: statement.object.literal ?? statement.object.description,
                                file: statement.file, line: statement.line)
        }
    }

    private func modality(_ subject: RDFTerm) throws(OntologyError) -> Modality {
        guard let statement = graph.statements(subject, ontology.namespace + "defaultModality").first else { return .asserted }
        guard let value = statement.object.literal, let modality = Modality(rawValue: value) else {
            throw .invalidValue(subject: name(subject), property: "parley:defaultModality",
                                value: statement.object.literal ?? statement.object.description,
                                file: statement.file, line: statement.line)
        }
        return modality
    }
}
