/// English function words: a closed class, fixed by the grammar rather
/// than by the news domain, so they live in code. Everything a user may want
/// to extend (names, titles, triggers, cue words) is in the lexicon.
enum EnglishGrammar {
    static let determiners: WordSet = [
        "a", "an", "the", "this", "that", "these", "those", "any", "some", "no", "every", "each", "its", "their",
        "his", "her", "our", "my", "your", "another", "such", "all", "both", "either", "neither",
    ]
    static let prepositions: WordSet = [
        "of", "for", "in", "on", "at", "to", "from", "with", "by", "between", "among", "against", "over", "under",
        "about", "regarding", "concerning", "across", "into", "onto", "through", "toward", "towards", "after",
        "before", "during", "since", "until", "within", "without", "via", "amid", "amidst", "despite", "behind",
        "beyond", "near", "along", "alongside", "around", "upon", "per", "than", "like", "as",
    ]
    static let conjunctions: WordSet = ["and", "or", "but", "nor", "yet", "so", "while", "whereas", "although", "though", "because", "if", "unless"]
    static let relativePronouns: WordSet = ["that", "which", "who", "whom", "whose", "where", "when"]
    static let auxiliaries: WordSet = [
        "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "having", "do", "does", "did",
        "will", "would", "shall", "should", "can", "could", "may", "might", "must",
    ]
    static let pronouns: WordSet = [
        "he", "she", "it", "they", "we", "i", "you", "him", "them", "us", "me", "its", "their", "his", "her", "our",
        "itself", "themselves", "himself", "herself",
    ]
    /// "the truce", "this deal", "its plan": a thing already on the table.
    static let definiteDeterminers: WordSet = ["the", "this", "that", "these", "those", "its", "their"]
    /// "its demand", "their support": the owner of the noun that follows.
    static let possessiveDeterminers: WordSet = ["its", "their", "his", "her", "our", "my", "your"]
    /// Verbs that stop what follows ("to end its support", "halted the
    /// talks"): a stance after them is withdrawn, not given.
    static let cessationVerbs: WordSet = [
        "end", "ended", "ends", "ending", "halt", "halted", "stop", "stopped", "cease", "ceased",
        "suspend", "suspended", "withdraw", "withdrew",
    ]
    /// Verbs of going somewhere: "traveled to Moscow for talks" makes the
    /// capital a host, not only a place.
    static let travelVerbs: WordSet = [
        "traveled", "travelled", "travels", "traveling", "travelling", "travel", "flew", "flies", "fly",
        "arrived", "arrives", "arrive", "went", "headed", "heads", "returned", "returns",
    ]
    /// Words that end a noun phrase when met walking left from its head.
    static func stopsNounPhrase(_ lower: String) -> Bool { nounPhraseStops.contains(lower) }
    /// The words `stopsNounPhrase` is true of, in one set: one lookup
    /// instead of six.
    static let nounPhraseStops = WordSet(
        determiners.union(prepositions).union(conjunctions).union(auxiliaries).union(pronouns)
            .union(relativePronouns).union(["not", "n't"]))
    /// Weekdays and months: "on Sunday" dates a plan, it does not scope it.
    static let dateWords: WordSet = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
        "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
        "today", "yesterday", "tomorrow", "weekend",
    ]
}
