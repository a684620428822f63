// fuzz-modules: SkillDisambiguation
// fuzz-seeds: file:Taxonomies/ict-skills/context-rules.tsv
// `ContextRules.parse` (context-rules.tsv) and `Disambiguator.score` with the parsed rules.
//
// Input: the rules file text, a NUL, then a posting text; when the input starts with `\u{1}` the header line
// is put in front of the rules (so most inputs reach the rule lines). Invariants: the parser either throws a
// `ContextRulesError` whose line lies within the file, or returns rules with windows in 0...100, finite
// weights and priors in [0, 1]; scoring gives one result per match, in order, with confidence in [0, 1],
// and a match of a label without rules keeps confidence 1.
import Foundation
import SkillTokenizer
import SkillMatcher
import SkillDisambiguation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzBytes(data, size)
    var rulesBytes = Array(input.upTo(0))
    if rulesBytes.first == 1 { rulesBytes = Array((ContextRules.header.joined(separator: "\t") + "\n").utf8) + rulesBytes.dropFirst() }
    let rulesText = String(decoding: rulesBytes, as: UTF8.self)
    let text = String(decoding: input.rest(), as: UTF8.self)
    let rules: ContextRules
    do {
        rules = try ContextRules.parse(rulesText)
    } catch let e as ContextRulesError {
        let lines = rulesText.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).count
        require(e.line >= 1 && e.line <= max(lines, 1), "error line \(e.line) outside a file of \(lines) lines: \(e)")
        require(!e.message.isEmpty, "error without a message")
        return 0
    } catch {
        require(false, "parse threw an untyped error: \(error)")
        return 0
    }
    for r in rules.rules {
        require((0...100).contains(r.window), "rule window \(r.window) out of range")
        if let w = r.weight { require(w.isFinite, "weight \(w) not finite") }
        if r.directive == .prior { require(r.weight.map { (0...1).contains($0) } == true, "prior \(String(describing: r.weight)) outside [0, 1]") }
    }
    var builder = MatcherBuilder()
    for (k, r) in rules.rules.enumerated() { builder.add(r.label, value: UInt32(k)) }
    for (k, l) in ["Python", "Go", "R", "Excel", "machine learning"].enumerated() { builder.add(l, value: UInt32(1000 + k)) }
    let matcher = builder.build()
    let d = Disambiguator(rules: rules, matcher: matcher)
    let plain = matcher.matches(in: text)
    let scored = d.score(text, matcher: matcher)
    require(scored.map(\.match) == plain, "scored matches differ from the matcher's")
    for s in scored {
        require(s.confidence >= 0 && s.confidence <= 1, "confidence \(s.confidence) outside [0, 1]")
        if !d.isAmbiguous(s.match.pattern) { require(s.confidence == 1, "a label without rules scored \(s.confidence)") }
    }
    return 0
}

func fuzzSeeds() -> [(String, [UInt8])] {
    let rules = """
    \u{1}Go\tprior\t-\t0.3\t-
    Go\tcase\tGo\trequired\t-
    Go\tneighbour\t3\t0.2\t8
    Go\tcontext\tgolang|goroutine|kubernetes\t0.4\t10
    Go\tpositive\t_ developer\t0.3\t-
    Go\tnegative\tgo to _\t0.5\t-
    R\tcontext\tstatistics|ggplot\t0.5\t12
    Excel\tprior\t-\t0.2\t-
    """
    let text = "We need a Go developer (Golang, Kubernetes) who can go to meetings; R and Python for statistics; Excel."
    func seed(_ rules: String, _ text: String) -> [UInt8] { Array(rules.utf8) + [0] + Array(text.utf8) }
    var seeds: [(String, [UInt8])] = [
        ("rules", seed(rules, text)),
        ("crlf", seed(rules.replacingOccurrences(of: "\n", with: "\r\n"), text)),
        ("bad-weight", seed("\u{1}Go\tprior\t-\tnan\t-\nGo\tneighbour\tx\t1e308\t101\n", "Go")),
    ]
    for (name, bytes) in HostileSeeds.all {
        let s: [UInt8] = [1] + bytes + [0] + Array("Go go GO R".utf8)
        seeds.append((name, s))
    }
    return seeds
}
