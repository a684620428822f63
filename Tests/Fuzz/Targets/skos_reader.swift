// fuzz-modules: SkillTaxonomy
// fuzz-seeds: file:../shared/data/taxonomy/esco/v1.2.0_en/*.skos.rdf
// `SKOSImporter.importFile` (SKOS RDF/XML through libxml2's `xmlTextReader`) on the input written to a
// scratch file, then the draft turned into a `Taxonomy` and a `Matcher`.
//
// Invariants: no crash, leak or hang (entity bombs included); bad input fails with a `TaxonomyError` or
// `InputError` carrying a message; on success the report's accounting holds (`rowsRead == imported +
// skippedRows`), concept IDs are unique and non-empty, labels are non-empty with no line break, and nothing
// from outside the input reaches a label: a canary file named by hostile seeds as an external entity or
// DTD, or a canary string only entity expansion could assemble, never appears.
import Foundation
import SkillIO
import SkillTaxonomy

private let canary = "CANARY-7f3a"
private let canaryPath = "/tmp/skillradar-fuzz-canary.txt"
private let canaryReady: Bool = {
    FileManager.default.createFile(atPath: canaryPath, contents: Data("<x>\(canary)</x>\n".utf8))
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = canaryReady
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let literalCanary = String(decoding: bytes, as: UTF8.self).contains(canary)
    let path = ScratchFile.write(bytes, name: "concepts.rdf")
    let importer = SKOSImporter(languages: size % 2 == 0 ? nil : ["de", "en"])
    let draft: TaxonomyDraft, report: ImportReport
    do {
        (draft, report) = try importer.importFile(path)
    } catch let e as TaxonomyError {
        require(!e.message.isEmpty, "TaxonomyError without a message")
        return 0
    } catch let e as InputError {
        require(!e.message.isEmpty, "InputError without a message")
        return 0
    } catch {
        require(false, "importFile threw an untyped error: \(error)")
        return 0
    }
    require(report.rowsRead == report.imported + report.skippedRows,
            "report accounting: \(report.rowsRead) read != \(report.imported) imported + \(report.skippedRows) skipped")
    var ids = Set<String>()
    for c in draft.concepts {
        require(!c.concept.id.isEmpty, "concept with an empty id")
        require(ids.insert(c.concept.id).inserted, "duplicate concept id \(c.concept.id)")
        for l in c.labels {
            require(!l.text.isEmpty && !l.text.utf8.contains(0x0A), "label \(l.text.debugDescription) is empty or has a line break")
            require(literalCanary || !l.text.contains(canary), "text from outside the input in label \(l.text.debugDescription)")
        }
    }
    let taxonomy = draft.taxonomy(name: "fuzz", version: "0")
    let matcher = taxonomy.buildMatcher()
    require(matcher.patternCount <= taxonomy.labels.count, "more patterns than labels")
    return 0
}

func fuzzSeeds() -> [(String, [UInt8])] {
    let head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:skos=\"http://www.w3.org/2004/02/skos/core#\" xmlns:esco=\"http://data.europa.eu/esco/model#\">"
    let docs = [
        head + """
        <skos:ConceptScheme rdf:about="http://x/scheme"><skos:prefLabel xml:lang="en">Scheme</skos:prefLabel></skos:ConceptScheme><skos:Concept rdf:about="http://data.europa.eu/esco/skill/1"><skos:inScheme rdf:resource="http://x/scheme"/><skos:prefLabel xml:lang="en">Haskell</skos:prefLabel><skos:prefLabel xml:lang="de">Haskell-Programmierung</skos:prefLabel><skos:altLabel xml:lang="en">Haskell techniques
        functional programming | FP</skos:altLabel><skos:hiddenLabel>hs</skos:hiddenLabel><esco:skillType>knowledge</esco:skillType><skos:broader rdf:resource="http://data.europa.eu/esco/skill/2"/><skos:notation>0613</skos:notation></skos:Concept><rdf:Description rdf:about="http://data.europa.eu/esco/skill/2"><rdf:type rdf:resource="http://www.w3.org/2004/02/skos/core#Concept"/><skos:prefLabel>programming</skos:prefLabel><skos:narrower rdf:resource="http://data.europa.eu/esco/skill/1"/></rdf:Description></rdf:RDF>
        """,
        head + "<skos:Concept rdf:about=\"\"><skos:prefLabel/></skos:Concept><skos:Concept rdf:nodeID=\"b1\" xml:lang=\"pt-BR\"><skos:prefLabel>rótulo</skos:prefLabel></skos:Concept><skos:Concept rdf:ID=\"x\"/></rdf:RDF>",
        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"CANARY-\"><!ENTITY b \"7f3a\">]>" + head.dropFirst(38) + "<skos:Concept rdf:about=\"u\"><skos:prefLabel>&a;&b;</skos:prefLabel></skos:Concept></rdf:RDF>",
        "<?xml version=\"1.0\"?><!DOCTYPE r SYSTEM \"\(canaryPath)\">" + head.dropFirst(38) + "<skos:Concept rdf:about=\"u\"><skos:prefLabel>x</skos:prefLabel></skos:Concept></rdf:RDF>",
        "<!DOCTYPE lolz [<!ENTITY l \"lol\"><!ENTITY l2 \"&l;&l;&l;&l;&l;&l;&l;&l;&l;&l;\">]>" + head.dropFirst(38) + "<skos:Concept rdf:about=\"u\" skos:prefLabel=\"&l2;\"/></rdf:RDF>",
        head + "<skos:Concept rdf:about=\"u\"><skos:prefLabel>unclosed",
    ]
    return HostileSeeds.all + docs.enumerated().map { ("skos-\($0.offset)", Array($0.element.utf8)) }
        + [("utf16le-no-bom", Array("<!DOCTYPE r [<!ENTITY a \"CANARY-7f3a\">]><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:skos=\"http://www.w3.org/2004/02/skos/core#\"><skos:Concept rdf:about=\"u\"><skos:prefLabel>&a;</skos:prefLabel></skos:Concept></rdf:RDF>".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })]
}
