/// Regular English inflections of a trigger lemma, so that triggers match
/// surface forms without a lemmatizer (lesson 2 of EXTRACTION.md).
///
/// A multi-word lemma inflects its first word ("turn down" -> "turned
/// down"). Irregular past forms come from the data (`parley:past`) and
/// replace the generated one. Final consonants are doubled after a single
/// short vowel in one-syllable verbs ("stop" -> "stopped") and in the few
/// stress-final endings listed in `doublingEndings` ("submit" -> "submitted").
public enum Inflector {
    /// Every form: the lemma, third person singular, past (generated or
    /// given), and present participle, in that order, without duplicates.
    public static func verbForms(of lemma: String, past irregularPast: [String] = []) -> [String] {
        let (head, tail) = splitHead(lemma)
        var forms = [lemma, thirdPerson(head) + tail]
        if irregularPast.isEmpty {
            forms.append(pastTense(head) + tail)
        } else {
            forms.append(contentsOf: irregularPast)
        }
        forms.append(gerund(head) + tail)
        var seen: Set<String> = []
        return forms.filter { seen.insert($0).inserted }
    }

    /// "reject" -> "rejects", "watch" -> "watches", "try" -> "tries",
    /// "veto" -> "vetoes".
    public static func thirdPerson(_ verb: String) -> String {
        if verb.hasSuffix("s") || verb.hasSuffix("x") || verb.hasSuffix("z") || verb.hasSuffix("ch")
            || verb.hasSuffix("sh") || (verb.hasSuffix("o") && !verb.hasSuffix("oo")) {
            return verb + "es"
        }
        if endsInConsonantY(verb) { return String(verb.dropLast()) + "ies" }
        return verb + "s"
    }

    /// "reject" -> "rejected", "agree" -> "agreed", "try" -> "tried",
    /// "stop" -> "stopped".
    public static func pastTense(_ verb: String) -> String {
        if verb.hasSuffix("e") { return verb + "d" }
        if endsInConsonantY(verb) { return String(verb.dropLast()) + "ied" }
        if doublesFinalConsonant(verb) { return verb + String(verb.last!) + "ed" }
        return verb + "ed"
    }

    /// "reject" -> "rejecting", "oppose" -> "opposing", "agree" ->
    /// "agreeing", "tie" -> "tying", "stop" -> "stopping".
    public static func gerund(_ verb: String) -> String {
        if verb.hasSuffix("ie") { return String(verb.dropLast(2)) + "ying" }
        if verb.hasSuffix("ee") || verb.hasSuffix("ye") || verb.hasSuffix("oe") { return verb + "ing" }
        if verb.hasSuffix("e") && verb.count > 2 { return String(verb.dropLast()) + "ing" }
        if doublesFinalConsonant(verb) { return verb + String(verb.last!) + "ing" }
        return verb + "ing"
    }

    /// Stress-final endings of longer verbs that double their consonant.
    static let doublingEndings = ["mit", "cur", "pel", "gret", "trol", "fer"]
    /// Verbs ending in "fer" stressed on the first syllable.
    static let nonDoubling: Set<String> = ["offer", "differ", "suffer", "proffer", "buffer", "pilfer", "gopher"]

    static func doublesFinalConsonant(_ verb: String) -> Bool {
        let letters = Array(verb)
        guard letters.count >= 3, !nonDoubling.contains(verb) else { return false }
        let last = letters[letters.count - 1], middle = letters[letters.count - 2], before = letters[letters.count - 3]
        guard isConsonant(last), !"wxy".contains(last), isVowel(middle), !isVowel(before) || before == "u" && letters.count > 3 && letters[letters.count - 4] == "q" else {
            return false
        }
        let vowelGroups = vowelGroupCount(verb)
        if vowelGroups == 1 { return true }
        return doublingEndings.contains { verb.hasSuffix($0) }
    }

    private static func splitHead(_ lemma: String) -> (String, String) {
        guard let space = lemma.firstIndex(of: " ") else { return (lemma, "") }
        return (String(lemma[..<space]), String(lemma[space...]))
    }

    private static func endsInConsonantY(_ verb: String) -> Bool {
        let letters = Array(verb)
        guard letters.count >= 2, letters.last == "y" else { return false }
        return !isVowel(letters[letters.count - 2])
    }

    private static func isVowel(_ c: Character) -> Bool { "aeiou".contains(c) }
    private static func isConsonant(_ c: Character) -> Bool { c.isLetter && !isVowel(c) }

    private static func vowelGroupCount(_ word: String) -> Int {
        var count = 0
        var previousVowel = false
        for c in word {
            let vowel = isVowel(c) || (c == "y" && count > 0)
            if vowel && !previousVowel { count += 1 }
            previousVowel = vowel
        }
        return count
    }
}
