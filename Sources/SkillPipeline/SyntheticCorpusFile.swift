import Foundation
import SkillSynth
import SkillTaxonomy

/// `generate`: a seeded synthetic corpus over a taxonomy's labels, written to a JSON Lines file with its ground
/// truth beside it (`OUT.truth.json`).
public enum SyntheticCorpusFile {

    /// The labels of `t` a synthetic corpus plants. Synthetic sentences carry no context evidence: labels that need
    /// it (everyday words, phrases of other fields) would be planted as mentions the matcher rightly drops, and
    /// tag-list names match only in tag lists, so only labels that match alone in prose are used.
    public static func plantableSkills(_ t: Taxonomy) -> [SkillTerm] {
        t.labels.filter { !$0.needsEvidence && !$0.tagOnly }
            .map { SkillTerm(conceptID: t.concepts[$0.conceptIndex].id, label: $0.text, exactCase: $0.exactCase) }
    }

    /// Writes the corpus and its truth; returns the truth (postings, bytes, planted trends).
    public static func write(to path: String, taxonomy t: Taxonomy, configure: (inout SynthConfig) -> Void) throws -> GroundTruth {
        var config = SynthConfig(seed: 1, postings: 0, startYear: 2020, years: 4, skills: plantableSkills(t))
        configure(&config)
        let generator = try SyntheticCorpusGenerator(config: config)
        guard let f = fopen(path, "wb") else { throw PipelineError("cannot write \(path)") }
        defer { fclose(f) }
        let truth = try generator.generate { buf in
            guard fwrite(buf.baseAddress, 1, buf.count, f) == buf.count else { throw PipelineError("write to \(path) failed") }
        }
        try truth.jsonData().write(to: URL(fileURLWithPath: path + ".truth.json"))
        return truth
    }
}
