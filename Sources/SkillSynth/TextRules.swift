import Foundation

/// The conservative token view used to keep labels, filler and invented terms apart.
///
/// A string is case- and diacritic-folded, then split into runs of letters, marks and digits; every other
/// character (space, punctuation, symbol, `_`) only separates, and each Han, Hiragana or Katakana character
/// is a token of its own. This view is never coarser than the project tokenizer's (which keeps `c++`, `.net`,
/// `node.js` or `a_b` together), so "label A occurs inside label B" there implies it here: checks done in
/// this view can only be stricter than needed.
enum SynthText {
    static func tokens(_ s: String) -> [String] {
        let folded = s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
        var out: [String] = []
        var current = String.UnicodeScalarView()
        func flush() {
            if !current.isEmpty {
                out.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        for scalar in folded.unicodeScalars {
            if isCJK(scalar) {
                flush()
                out.append(String(scalar))
            } else if isWordScalar(scalar) {
                current.append(scalar)
            } else {
                flush()
            }
        }
        flush()
        return out
    }

    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII {
            let v = s.value
            return (v >= 0x30 && v <= 0x39) || (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A)
        }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    static func isCJK(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x3040...0x30FF, 0x31F0...0x31FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF,
             0xFF66...0xFF9F, 0x20000...0x3FFFF:
            return true
        default:
            return false
        }
    }

    /// Key of a token sequence in hash sets.
    static func key<S: Sequence>(_ tokens: S) -> String where S.Element == String {
        tokens.joined(separator: "\u{1F}")
    }
}

/// All label token sequences of a skill list, for containment checks.
struct LabelIndex {
    /// Token-sequence key -> the concepts (indices) having a label with exactly that sequence.
    private(set) var owners: [String: [Int]] = [:]
    /// Every token of every label.
    private(set) var tokens: Set<String> = []
    /// Longest label, in tokens.
    private(set) var maxLength = 0

    init(conceptLabelTokens: [[[String]]]) {
        for (c, labels) in conceptLabelTokens.enumerated() {
            for t in labels where !t.isEmpty {
                let k = SynthText.key(t)
                if owners[k, default: []].last != c { owners[k, default: []].append(c) }
                tokens.formUnion(t)
                maxLength = max(maxLength, t.count)
            }
        }
    }

    /// Calls `body` with the owners of every label occurring as a contiguous token run of `seq`.
    func forEachLabel(in seq: [String], _ body: ([Int]) -> Void) {
        guard !seq.isEmpty else { return }
        for start in 0..<seq.count {
            let limit = min(seq.count, start + maxLength)
            var n = start + 1
            while n <= limit {
                if let o = owners[SynthText.key(seq[start..<n])] { body(o) }
                n += 1
            }
        }
    }

    /// True when some label occurs as a contiguous token run of `s`.
    func containsLabel(_ s: String) -> Bool {
        var found = false
        forEachLabel(in: SynthText.tokens(s)) { _ in found = true }
        return found
    }

    /// Concepts that may carry a planted trend: every label has tokens, and no label of the concept occurs
    /// in a label of another concept or contains one.
    func eligibleConcepts(conceptLabelTokens: [[[String]]]) -> [Bool] {
        var ok = conceptLabelTokens.map { labels in labels.allSatisfy { !$0.isEmpty } }
        for (c, labels) in conceptLabelTokens.enumerated() {
            for t in labels {
                forEachLabel(in: t) { o in
                    for other in o where other != c {
                        ok[c] = false
                        ok[other] = false
                    }
                }
            }
        }
        return ok
    }
}
