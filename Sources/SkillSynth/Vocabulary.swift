/// Fixed word lists of the generator. Changing any of them changes the output for every configuration
/// (bump ``SyntheticCorpusGenerator/formatVersion``).
enum SynthVocabulary {
    /// Generic English words for filler sentences: everyday job-ad language, deliberately without technical
    /// terms. Words that are tokens of a supplied label are removed before use.
    static let genericWords: [String] = [
        "a", "about", "across", "after", "ahead", "all", "also", "always", "an", "and", "annual", "any",
        "around", "as", "at", "attractive", "be", "benefits", "best", "bike", "bonus", "both", "bright",
        "budget", "by", "calm", "can", "canteen", "careful", "caring", "central", "cheerful", "city",
        "clear", "close", "coffee", "colleagues", "comfortable", "culture", "curious", "daily", "day",
        "days", "dedicated", "diverse", "do", "each", "early", "easy", "every", "everyday", "fair",
        "family", "few", "fitness", "flexible", "for", "free", "fresh", "friendly", "from", "fruit",
        "fun", "generous", "gladly", "good", "great", "grow", "growing", "happy", "have", "help",
        "here", "holiday", "honest", "hours", "ideas", "in", "into", "is", "it", "join", "journey",
        "just", "kind", "large", "later", "leave", "light", "like", "lively", "local", "long", "look",
        "lunch", "many", "meet", "modern", "month", "more", "most", "much", "near", "new", "nice",
        "now", "of", "offer", "office", "often", "on", "open", "or", "other", "our", "own", "parking",
        "part", "pension", "people", "place", "plenty", "pleasant", "quick", "quiet", "ready",
        "regular", "relaxed", "respect", "room", "safe", "salary", "share", "shared", "simple", "small",
        "smile", "some", "spacious", "steady", "still", "such", "sunny", "sure", "team", "that", "the",
        "their", "them", "there", "these", "they", "this", "ticket", "to", "together", "trust", "us",
        "very", "warm", "we", "week", "weekly", "welcome", "well", "which", "while", "who", "whole",
        "will", "with", "within", "year", "yearly", "you", "your",
    ]

    /// Invented, pronounceable words (fixed: derived from a constant seed, never from the user seed).
    static let inventedWords: [String] = {
        var rng = Xoshiro256(seed: 0x5EED_F111_E8, stream: 7)
        var seen = Set(genericWords).union(termSuffixes)
        var out: [String] = []
        while out.count < 160 {
            let w = pronounceableWord(syllables: rng.below(5) == 0 ? 3 : 2, using: &rng)
            if w.count >= 4, seen.insert(w).inserted { out.append(w) }
        }
        return out
    }()

    /// Second words of invented out-of-taxonomy terms (`zentrix mesh`); never used as filler.
    static let termSuffixes: [String] = [
        "mesh", "flow", "grid", "stack", "ops", "sync", "forge", "vault", "lens", "fabric", "hub", "link",
        "weave", "pulse", "shift", "cloud",
    ]

    static let onsets = ["b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z",
                         "br", "tr", "st", "pl", "gr", "th"]
    static let vowels = ["a", "e", "i", "o", "u", "a", "e", "o", "ea", "ou"]
    static let codas = ["", "", "", "", "n", "l", "r", "s", "m", "t", "nd", "x"]

    /// A lowercase ASCII word of `syllables` syllables (consonant onset, vowel, optional coda).
    static func pronounceableWord(syllables: Int, using rng: inout Xoshiro256) -> String {
        var w = ""
        for i in 0..<syllables {
            w += onsets[rng.below(onsets.count)]
            w += vowels[rng.below(vowels.count)]
            if i == syllables - 1 || rng.chance(0.2) { w += codas[rng.below(codas.count)] }
        }
        return w
    }

    /// ICT job titles (combined with a seniority and sometimes the German `(m/w/d)` suffix).
    static let titles: [String] = [
        "Software Developer", "Backend Developer", "Frontend Developer", "Full Stack Developer",
        "Data Engineer", "Data Analyst", "Data Scientist", "DevOps Engineer", "Cloud Architect",
        "System Administrator", "Network Engineer", "IT Security Analyst", "Database Administrator",
        "QA Engineer", "Test Automation Engineer", "Mobile Developer", "IT Support Specialist",
        "IT Project Manager", "Solutions Architect", "Site Reliability Engineer",
        "Business Intelligence Developer", "Embedded Software Engineer", "IT Consultant",
        "Machine Learning Engineer", "Application Developer", "Platform Engineer",
    ]

    /// Seniority prefixes and their weights.
    static let seniorities: [(prefix: String, weight: Double)] = [
        ("", 40), ("Junior ", 15), ("Senior ", 25), ("Lead ", 8), ("Principal ", 4), ("Trainee ", 8),
    ]

    /// Suffixes of employer names.
    static let employerSuffixes: [String] = [
        "GmbH", "AG", "SE", "GmbH & Co. KG", "Systems", "Solutions", "Digital", "Consulting", "Group",
        "Labs", "Technologies", "Services", "Partners", "Networks",
    ]
}
