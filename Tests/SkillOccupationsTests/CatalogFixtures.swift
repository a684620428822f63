@testable import SkillOccupations

extension OccupationCatalog {
    /// Adds the ESCO occupation `esco:<id>` with its English preferred label, ISCO-08 group (ICT when the group
    /// is) and alternative labels as (language, label): the small catalogs of the coder's table tests.
    mutating func esco(_ id: String, _ label: String, _ isco: String, _ labels: [(String, String)] = []) {
        let i = add(Occupation(id: "esco:\(id)", scheme: .esco, label: label, iscoCode: isco, isICT: isICTISCO(isco)))
        addLabel(label, occupation: i, language: "en", kind: .preferred)
        for (lang, l) in labels { addLabel(l, occupation: i, language: lang, kind: .alternative) }
    }
}
