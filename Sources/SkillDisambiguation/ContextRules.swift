import SkillTokenizer

/// What a context rule does; see `Taxonomies/README.md` ("Context rules") for the file format.
public enum RuleDirective: String, Sendable, Hashable, CaseIterable {
    /// The base confidence of a match of the label, in [0, 1] (default 0.5).
    case prior
    /// A case form: the matched text written exactly as the argument adds the weight, or, with weight
    /// `required`, any other form gets confidence 0.
    case `case`
    /// Each distinct unambiguous match (a label without rules) within `window` tokens adds the weight;
    /// the argument, if given, caps how many neighbours count (default 3).
    case neighbour
    /// One of the `|`-separated words (normalized) within `window` tokens adds the (signed) weight, once.
    case context
    /// The text around the match reads as the pattern (`_` stands for the match): adds the weight.
    case positive
    /// The text around the match reads as the pattern: subtracts the weight.
    case negative
    /// The match is an item of a list whose neighbouring item is an unambiguous match: only separators
    /// (`,` `/` `|` `&` `;` `+` `(` `)` `and` `or`, at most `window` tokens, default 2) lie between them.
    case list
    /// The match modifies the noun after it (`computer applications`, `computer-assisted`, coordinated: `audio and
    /// tape dictation`): unless that noun is one of the `|`-separated words of the argument (`-` for none), adds the
    /// (signed) weight. The noun names what the phrase is about; the match only says what kind.
    case modifier
    /// The match is the head of a longer compound: a lower-case word that is no function word or qualifier stands
    /// right before it (`flood control systems`, `electrical system design`) and is no match itself: adds the
    /// (signed) weight. The argument (`|`-separated, or `-`) names words that keep a phrase holding one of them out of
    /// ``ContextRules/compoundClass`` (`information security`).
    case compound
    /// The match is an item of a parenthesised list that follows, within six words, one of the `|`-separated plural
    /// nouns of the argument (`die größten Websites im Internet zu betreiben (WordPress, Facebook und Wikipedia, ...)`):
    /// the items are examples of those sites or organisations, not skills. Adds the (signed) weight. Rules of the
    /// pseudo-label ``ContextRules/examplesClass`` apply to every match.
    case examples
    /// The match names the field of colleagues, not a skill asked for: one of the `|`-separated people or team nouns
    /// of the argument follows within `window` tokens (default 4), only other matches, capitalised words and `and`,
    /// `or`, `&`, `,`, `/` between (`UX designers`, `Data Science and Engineering teams`, `UX, QA and Product
    /// Owner`), and a collaboration word comes before it in the clause (`with`, `alongside`, `comprising`,
    /// `between`, `among`, `such as`: `work closely with our UX designers`), past nothing but determiners, other
    /// items and their separators. Or the match ends a list of people after such a word: `and`/`or`/`,` and a people
    /// noun right before it, no lower-case noun after it (`with the Product Owners Application Developers and QA`).
    /// Adds the (signed) weight. Rules of the pseudo-label ``ContextRules/examplesClass`` apply to every match.
    case colleagues
    /// The match is part of an organisation's name that hires: a run of capitalised words on its line holding the
    /// match and at least one other word (`LIVE IT`, `Student Affairs Information Technology`) is followed by
    /// `is`/`are` and one of the `|`-separated verbs of the argument (`looking|seeking|hiring`); a run that ends with
    /// the last word of an organisation's name after the match (`Open Data Services`) also after `at` or `join` and
    /// before `is a`/`is an` (`working at Open Data Services`, `Open Data Services is a growing co-operative`). Adds the (signed)
    /// weight. Rules of the pseudo-label ``ContextRules/examplesClass`` apply to every match.
    case hiring
    /// The match names what kind of gathering, department or industry something is, not a skill asked for: it
    /// modifies one of the `|`-separated nouns of the argument (words separated by spaces: `meet up`), which follows
    /// within `window` words (default 3), past only other matches, capitalised words, `and`, `or`, `&`, `,`, `/`, and
    /// at most one lower-case word right before the noun, and which ends its noun phrase: no lower-case word follows it
    /// but a function word or a participle in -ed or -ing (`IT conferences`, `PyData and Machine Learning Meetups`, `the Computer
    /// Science department at`, `the software engineering industry`; not `IT department experience`). Adds the (signed)
    /// weight. Rules of the pseudo-label ``ContextRules/examplesClass`` apply to every match.
    case organisation
    /// The match lies in the value of a metadata field that describes the employer, not the job: the nearest
    /// `Name:` before it on its line, within 16 tokens and no sentence end between, is one of the `|`-separated field
    /// names of the argument (`industry|sector|company type`: `Industry: Data Science IT Security Software Development
    /// Company size: ...`). Adds the (signed) weight. Rules of the pseudo-label ``ContextRules/examplesClass`` apply to
    /// every match.
    case fields
    /// The match is negated, not asked for: one of the `|`-separated negators of the argument stands before it in its
    /// clause with at most one other word between, past other matches, `and`/`or` and `,` `/` `&`, and either is `non`
    /// right before it (`Non Django Python code-bases`, `non-Django`) or has a word of what the job needs after it in the
    /// clause (`no HTML/CSS or UI/UX experience is required`, `not front-end or unrelated dev ops work`, `no prior
    /// Python experience`); an absence described (`No source control, tedious manual deployments`) is what the job
    /// will change. A negator followed by a word that bounds or sets aside the negation (`not only`, `not just`, `no
    /// less than`, `no matter`, `No.`), or joined by a hyphen to another word (`Non-trivial Postgres`), negates nothing. Adds the (signed) weight. Rules of the
    /// pseudo-label ``ContextRules/examplesClass`` apply to every match.
    case negation
}

/// One parsed rule line.
public struct ContextRule: Sendable, Hashable {
    /// The label as written in the file (rules apply to every pattern whose label normalizes alike).
    public var label: String
    public var directive: RuleDirective
    public var argument: String
    /// The weight; for `case` with `required`, nil.
    public var weight: Double?
    public var window: Int
    /// 1-based line in the rules file.
    public var line: Int

    public init(label: String, directive: RuleDirective, argument: String, weight: Double?, window: Int, line: Int) {
        self.label = label
        self.directive = directive
        self.argument = argument
        self.weight = weight
        self.window = window
        self.line = line
    }
}

/// An error in a context-rules file: where it is and what is wrong.
public struct ContextRulesError: Error, CustomStringConvertible, Sendable, Equatable {
    public var path: String
    public var line: Int
    public var message: String

    public init(path: String, line: Int, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String { "\(path):\(line): \(message)" }
}

/// The parsed rules of a `context-rules.tsv` file, in file order.
public struct ContextRules: Sendable, Hashable {
    public static let header = ["label", "directive", "argument", "weight", "window"]
    /// The default base confidence of a ruled label without a `prior` line.
    public static let defaultPrior = 0.5
    /// How many neighbours count at most when a `neighbour` rule gives no cap.
    public static let defaultNeighbourCap = 3
    /// The pseudo-label whose rules apply to every label the taxonomy marks as needing evidence (everyday words,
    /// organisations) that has no rules of its own.
    public static let evidenceClass = "@evidence"
    /// The pseudo-label whose rules apply instead to a *phrase* (two or more words) that needs evidence: a phrase
    /// of common words that other fields use too (`quality assurance`, `project management`, `data analysis` of
    /// O*NET's "Data analysis software") names the ICT concept only when ICT is spoken of nearby. When a rules
    /// file has no such class, phrases get ``evidenceClass``.
    public static let phraseEvidenceClass = "@ict-evidence"
    /// The argument of `case` in an evidence class for a match written in title case inside a sentence.
    public static let titleCaseForm = "Title"
    /// The pseudo-label whose rules apply to a generic one-word label that starts its concept's generic phrase labels
    /// (`computer` of *computer equipment*, *computer devices*): used as a modifier of another noun it names that
    /// noun's thing (`computer applications` are software). A concept named after a field (`audio` of *audio
    /// technology*: ``fieldHeads``) is exempt: `audio mixing` is still audio technology.
    public static let modifierClass = "@modifier"
    /// The pseudo-label whose rules apply to a generic phrase label (two or more words, all lower case) without rules
    /// of its own, when it is the head of a longer compound (`flood control systems`).
    public static let compoundClass = "@compound"
    /// The pseudo-label whose rules apply to a phrase label written as O*NET writes its category names (`Data
    /// management`, `Numerical analysis`: a capital, then lower-case words) without rules of its own: the
    /// remainder of an "X software" category names the practice X, which other fields share.
    public static let categoryClass = "@category"
    /// The pseudo-label whose `examples`, `colleagues`, `hiring`, `organisation`, `fields` and `negation` rules apply
    /// to every match.
    public static let examplesClass = "@examples"
    /// Heads that make a phrase the name of a field (`audio technology`): see ``modifierClass``.
    public static let fieldHeads: Set<String> = ["technology", "technologies", "science", "sciences", "engineering",
                                                 "studies", "techniques", "theory"]

    public var rules: [ContextRule]

    public init(rules: [ContextRule] = []) { self.rules = rules }

    /// Parses the TSV text of a rules file. `path` only names the file in errors.
    ///
    /// Lines starting with `#` and blank lines are ignored; the first other line must be the header
    /// `label directive argument weight window`. Every error names its line. O(file size).
    public static func parse(_ text: String, path: String = "context-rules.tsv") throws -> ContextRules {
        var rules: [ContextRule] = []
        var sawHeader = false
        var priors: [String: Int] = [:]
        var lineNo = 0
        // "\r\n" is one Character in Swift: split on both forms.
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNo += 1
            var line = Substring(raw)
            if line.hasSuffix("\r") { line = line.dropLast() }
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            func fail(_ m: String) -> ContextRulesError { ContextRulesError(path: path, line: lineNo, message: m) }
            if !sawHeader {
                guard fields == header else {
                    throw fail("expected the header \"\(header.joined(separator: "<TAB>"))\", found \"\(line)\"")
                }
                sawHeader = true
                continue
            }
            guard fields.count == header.count else {
                throw fail("expected \(header.count) tab-separated fields (\(header.joined(separator: ", "))), found \(fields.count)")
            }
            let label = fields[0].trimmingSpaces
            guard !label.isEmpty else { throw fail("empty label") }
            guard let directive = RuleDirective(rawValue: fields[1].trimmingSpaces) else {
                throw fail("unknown directive \"\(fields[1])\"; expected one of "
                           + RuleDirective.allCases.map(\.rawValue).joined(separator: ", "))
            }
            let argument = fields[2].trimmingSpaces == "-" ? "" : fields[2].trimmingSpaces
            let weightText = fields[3].trimmingSpaces
            var weight: Double?
            if directive == .case, weightText == "required" {
                weight = nil
            } else {
                guard let w = Double(weightText), w.isFinite else {
                    throw fail("weight \"\(weightText)\" is not a number"
                               + (directive == .case ? " or \"required\"" : ""))
                }
                weight = w
            }
            let windowText = fields[4].trimmingSpaces
            var window = 0
            if windowText != "-", !windowText.isEmpty {
                guard let w = Int(windowText), w > 0, w <= 100 else {
                    throw fail("window \"\(windowText)\" must be a whole number of tokens from 1 to 100, or -")
                }
                window = w
            }
            switch directive {
            case .prior:
                guard let w = weight, (0...1).contains(w) else { throw fail("a prior must lie in [0, 1]") }
                if let first = priors[label.lowercased()] {
                    throw fail("a second prior for \"\(label)\" (the first is on line \(first))")
                }
                priors[label.lowercased()] = lineNo
            case .case:
                guard !argument.isEmpty else { throw fail("a case rule needs the exact form as its argument") }
                // `_` in the `@evidence` class: the label as the taxonomy writes it.
                guard argument.lowercased() == label.lowercased() || ((argument == "_" || argument == ContextRules.titleCaseForm)
                            && label.hasPrefix("@")) else {
                    throw fail("case form \"\(argument)\" is not a spelling of the label \"\(label)\"")
                }
            case .neighbour:
                guard window > 0 else { throw fail("a neighbour rule needs a window") }
                if !argument.isEmpty, Int(argument).map({ $0 > 0 }) != true {
                    throw fail("neighbour cap \"\(argument)\" must be a positive whole number or -")
                }
            case .list, .compound:
                break
            case .modifier:
                break
            case .examples:
                guard !argument.isEmpty else { throw fail("an examples rule needs the nouns of organisations or sites") }
            case .colleagues:
                guard !argument.isEmpty else { throw fail("a colleagues rule needs the nouns of people or teams") }
            case .hiring:
                guard !argument.isEmpty else { throw fail("a hiring rule needs the verbs of hiring") }
            case .fields:
                guard !argument.isEmpty else { throw fail("a fields rule needs the names of the employer's fields") }
            case .organisation:
                guard !argument.isEmpty else { throw fail("an organisation rule needs the nouns of organisations") }
            case .negation:
                guard !argument.isEmpty else { throw fail("a negation rule needs the negating words") }
            case .context:
                guard window > 0 else { throw fail("a context rule needs a window") }
                guard !argument.split(separator: "|").isEmpty else { throw fail("a context rule needs words") }
            case .positive, .negative:
                let parts = argument.split(separator: " ", omittingEmptySubsequences: true)
                guard parts.filter({ $0 == "_" }).count == 1 else {
                    throw fail("pattern \"\(argument)\" must contain exactly one \"_\" (standing for the match), "
                               + "separated by spaces")
                }
                guard parts.count > 1 else { throw fail("pattern \"\(argument)\" has no words besides \"_\"") }
            }
            rules.append(ContextRule(label: label, directive: directive, argument: argument, weight: weight,
                                     window: window, line: lineNo))
        }
        guard sawHeader else {
            throw ContextRulesError(path: path, line: max(lineNo, 1), message: "no header line; the file is empty")
        }
        return ContextRules(rules: rules)
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
