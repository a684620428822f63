import Foundation
import XCTest
@testable import SkillPlaces

/// `PlaceNormalizer.normalize`, one test per class of behaviour, on real-looking location strings. Expected places
/// follow Tests/fixtures/places/README.md (a district is its city, a city implies its country, qualifiers resolve
/// ambiguous names, employment words are not places).
final class NormalizerTests: XCTestCase {
    private var n: PlaceNormalizer!

    override func setUpWithError() throws {
        n = try Shipped.normalizer()
    }

    /// Checks the parts of `raw`'s resolution that are given: `places` are the kept places' keys in order;
    /// `countries` and `admin1` the full sorted lists; modes exactly.
    @discardableResult
    private func expect(_ raw: String, places: [String]? = nil, countries: [String]? = nil, admin1: [String]? = nil,
                        remote: Bool? = nil, hybrid: Bool? = nil, onsite: Bool? = nil,
                        file: StaticString = #filePath, line: UInt = #line) -> PlaceResolution {
        let r = n.normalize(raw)
        XCTAssertEqual(r.raw, raw, file: file, line: line)
        if let places { XCTAssertEqual(placeKeys(r), places, r.explained, file: file, line: line) }
        if let countries { XCTAssertEqual(r.countries, countries, r.explained, file: file, line: line) }
        if let admin1 { XCTAssertEqual(r.admin1, admin1, r.explained, file: file, line: line) }
        if let remote { XCTAssertEqual(r.remote, remote, "remote: " + r.explained, file: file, line: line) }
        if let hybrid { XCTAssertEqual(r.hybrid, hybrid, "hybrid: " + r.explained, file: file, line: line) }
        if let onsite { XCTAssertEqual(r.onsite, onsite, "onsite: " + r.explained, file: file, line: line) }
        XCTAssertTrue((0...1).contains(r.confidence), "confidence in [0, 1]: " + r.explained, file: file, line: line)
        return r
    }

    /// No place, no country, no region, no work mode, confidence 0, nothing to roll up to.
    private func expectNothing(_ raw: String, file: StaticString = #filePath, line: UInt = #line) {
        let r = n.normalize(raw)
        XCTAssertFalse(r.isPlaced, r.explained, file: file, line: line)
        XCTAssertEqual(r.countries, [], r.explained, file: file, line: line)
        XCTAssertEqual(r.admin1, [], r.explained, file: file, line: line)
        XCTAssertFalse(r.remote || r.hybrid || r.onsite, "no work mode: " + r.explained, file: file, line: line)
        XCTAssertEqual(r.confidence, 0, r.explained, file: file, line: line)
        XCTAssertEqual(r.rollUpKeys, [], r.explained, file: file, line: line)
    }

    // MARK: - classes of behaviour

    func testQualifiersResolveAmbiguousNames() {
        // A US state code picks the US city; a British qualifier the British one; alone, the largest.
        expect("Cambridge, MA", places: [City.cambridgeMA], countries: ["US"], admin1: ["US-MA"])
        expect("Cambridge, England", places: [City.cambridgeGB], countries: ["GB"], admin1: ["GB-ENG"])
        expect("Cambridge", places: [City.cambridgeGB], countries: ["GB"])
        // A Canadian province (code or name) picks London, Ontario over London, England.
        expect("London, ON", places: [City.londonOntario], countries: ["CA"], admin1: ["CA-ON"])
        expect("London, Ontario", places: [City.londonOntario], countries: ["CA"], admin1: ["CA-ON"])
        expect("London, England", places: [City.london], countries: ["GB"], admin1: ["GB-ENG"])
        // Portland: Oregon and Maine by their qualifiers. ("Portland, OR" is left out: see the report.)
        expect("Portland, Oregon", places: [City.portlandOregon], countries: ["US"], admin1: ["US-OR"])
        expect("Portland, ME", places: [City.portlandMaine], countries: ["US"], admin1: ["US-ME"])
        expect("Paris, TX", places: [City.parisTexas], countries: ["US"], admin1: ["US-TX"])
        expect("Paris", places: [City.paris], countries: ["FR"])
        expect("Vancouver, BC", places: ["city:6173331"], countries: ["CA"], admin1: ["CA-BC"])
        expect("Vancouver, WA", places: ["city:5814616"], countries: ["US"], admin1: ["US-WA"])
        expect("Birmingham, AL", places: ["city:4049979"], countries: ["US"], admin1: ["US-AL"])
        expect("Birmingham", places: ["city:2655603"], countries: ["GB"])
        expect("Dublin, Ireland", places: [City.dublin], countries: ["IE"])
        // A qualified resolution is fully confident; the bare name less so (resolved only by size).
        XCTAssertEqual(n.normalize("Cambridge, MA").confidence, 1)
        XCTAssertLessThan(n.normalize("Cambridge").confidence, 1)
    }

    func testUSStateCodesAreNotCanada() {
        // CA after a US city is California, not Canada; USA confirms it.
        let sf = expect("San Francisco, CA, USA", places: [City.sanFrancisco], countries: ["US"], admin1: ["US-CA"])
        XCTAssertEqual(sf.cities.first?.admin1, "US-CA")
        XCTAssertEqual(sf.confidence, 1, sf.explained)
        expect("San Francisco, CA", places: [City.sanFrancisco], countries: ["US"], admin1: ["US-CA"])
        expect("Mountain View, CA", places: ["city:5375480"], countries: ["US"], admin1: ["US-CA"])
        expect("Los Angeles, CA (hybrid)", places: ["city:5368361"], countries: ["US"], admin1: ["US-CA"], hybrid: true)
        // Canadian provinces after Canadian cities.
        expect("Toronto, ON, Canada", places: [City.toronto], countries: ["CA"], admin1: ["CA-ON"])
        expect("Montréal, QC", places: ["city:6077243"], countries: ["CA"], admin1: ["CA-QC"])
        // WA after Vancouver is Washington state, not Western Australia; FL after Melbourne is Florida.
        expect("Melbourne, FL", places: ["city:4163971"], countries: ["US"], admin1: ["US-FL"])
        expect("Austin, Texas", places: [City.austin], countries: ["US"], admin1: ["US-TX"])
    }

    func testSeveralPlacesAreAllKeptInOrder() {
        expect("London or Berlin", places: [City.london, City.berlin], countries: ["DE", "GB"], remote: false)
        expect("NYC | SF | Remote", places: [City.newYork, City.sanFrancisco], countries: ["US"],
               admin1: ["US-CA", "US-NY"], remote: true)
        expect("深圳/北京", places: [City.shenzhen, City.beijing], countries: ["CN"])
        expect("北京、上海", places: [City.beijing, City.shanghai], countries: ["CN"])
        expect("北京 上海 深圳", places: [City.beijing, City.shanghai, City.shenzhen], countries: ["CN"])
        expect("Dublin, Ireland + Warsaw, Poland", places: [City.dublin, City.warsaw], countries: ["IE", "PL"])
        expect("Austin, TX or Remote", places: [City.austin], countries: ["US"], admin1: ["US-TX"], remote: true)
        expect("北京/远程", places: [City.beijing], countries: ["CN"], remote: true)
    }

    func testWorkModes() {
        // Employment words are not places; ONSITE is a mode.
        expect("Full-time ONSITE", places: [], countries: [], remote: false, hybrid: false, onsite: true)
        // Remote with a country and no city.
        let uk = expect("Remote, UK-only", places: ["country:GB"], countries: ["GB"], remote: true, hybrid: false)
        XCTAssertEqual(uk.cities, [], uk.explained)
        // "Remote possible" is hybrid, not remote.
        expect("Amsterdam, NL (Remote possible)", places: [City.amsterdam], countries: ["NL"],
               remote: false, hybrid: true, onsite: false)
        expect("Remote", places: [], remote: true, hybrid: false, onsite: false)
        expect("Remote OK", places: [], remote: false, hybrid: true)
        expect("Remote (US)", places: ["country:US"], countries: ["US"], remote: true)
        expect("Hybrid - Munich", places: [City.munich], countries: ["DE"], hybrid: true, onsite: false)
        expect("On-site in Paris", places: [City.paris], countries: ["FR"], remote: false, onsite: true)
        expect("FULL TIME - ONSITE - NEW YORK, NY", places: [City.newYork], countries: ["US"], onsite: true)
        expect("Berlin, Germany; remote", places: [City.berlin], countries: ["DE"], remote: true)
        expect("WFH", places: [], remote: true)
        expect("Anywhere", places: [], countries: [], remote: true)
        expect("远程", places: [], remote: true)
        expect("混合办公", places: [], hybrid: true)
        // A work mode alone is understood: full confidence.
        XCTAssertEqual(n.normalize("Full-time ONSITE").confidence, 1)
    }

    func testDottedAbbreviations() {
        expect("Washington, D.C.", places: [City.washington], countries: ["US"], admin1: ["US-DC"])
        expect("Washington DC", places: [City.washington], countries: ["US"], admin1: ["US-DC"])
        expect("U.S.A.", places: ["country:US"], countries: ["US"])
        expect("Boston, Mass., U.S.A.", places: [City.boston], countries: ["US"], admin1: ["US-MA"])
        // A dot inside a name ("St. Louis") is not an abbreviation.
        expect("St. Louis, MO", places: [City.stLouis], countries: ["US"], admin1: ["US-MO"])
        expect("St Louis", places: [City.stLouis], countries: ["US"])
    }

    func testCJKDistrictsBelongToTheirCity() {
        // A district written straight after its city is not a second city (朝阳 is also a city in Liaoning).
        let bj = expect("北京市朝阳区", places: [City.beijing], countries: ["CN"])
        XCTAssertFalse(bj.rollUpKeys.contains("city:2038120"), bj.explained)
        expect("深圳南山", places: [City.shenzhen], countries: ["CN"])
        expect("深圳市南山区科技园", places: [City.shenzhen], countries: ["CN"])
        expect("北京市海淀区", places: [City.beijing], countries: ["CN"])
        expect("广州天河", places: [City.guangzhou], countries: ["CN"])
        expect("杭州西湖区", places: [City.hangzhou], countries: ["CN"])
        expect("成都高新区", places: [City.chengdu], countries: ["CN"])
        expect("上海张江", places: [City.shanghai], countries: ["CN"])
        // ("上海浦东" is left out: it resolves to the GeoNames city Pudong, see the report.)
    }

    func testCityStatesAndSameNameTwinsAreTheCity() {
        // A city inside a country or region of the same name is the city.
        expect("Singapore", places: [City.singapore], countries: ["SG"])
        expect("Hong Kong", places: [City.hongKong], countries: ["HK"])
        expect("New York, NY", places: [City.newYork], countries: ["US"], admin1: ["US-NY"])
        expect("New York", places: [City.newYork], countries: ["US"], admin1: ["US-NY"])
        expect("New York City", places: [City.newYork], countries: ["US"])
        let berlin = expect("Berlin", places: [City.berlin], countries: ["DE"])
        XCTAssertEqual(berlin.places.first?.level, .city, berlin.explained)
        // CJK and other scripts.
        expect("東京", places: ["city:1850147"], countries: ["JP"])
        expect("서울", places: ["city:1835848"], countries: ["KR"])
        expect("Москва", places: ["city:524901"], countries: ["RU"])
    }

    func testDistrictsOfANamedCityAreThatCity() {
        expect("Soho, London, UK", places: [City.london], countries: ["GB"])
        expect("Canary Wharf, London", places: [City.london], countries: ["GB"])
        expect("Fitzrovia, London, UK.", places: [City.london], countries: ["GB"])
        expect("38 Grosvenor Gardens London SW1W 0EB, United Kingdom", places: [City.london], countries: ["GB"])
        expect("Greater London", places: [City.london], countries: ["GB"])
        expect("Downtown Toronto", places: [City.toronto], countries: ["CA"])
    }

    func testWordsThatAreNotPlaces() {
        for raw in ["Full-time", "Permanent", "to", "Time", "TIME", "Central", "Contract", "Temporary",
                    "Full-time, Permanent", "Permanent, Full-time", "reading", "Multiple locations", "N/A", "Various"] {
            expectNothing(raw)
        }
        // The same words beside a place do not stop it being found.
        expect("Central London", places: [City.london], countries: ["GB"])
        expect("PERMANENT | LONDON", places: [City.london], countries: ["GB"])
        // A common-word city name counts written with a capital and standing alone or qualified.
        expect("Reading, UK", places: ["city:2639577"], countries: ["GB"])
        expect("Bath, England", places: ["city:2656173"], countries: ["GB"])
        expect("Mobile, AL", places: ["city:4076598"], countries: ["US"], admin1: ["US-AL"])
    }

    func testFunctionWordCodesOnlyInQualifierPosition() {
        // IN after REMOTE is the preposition, not India or Indiana; TX is Texas.
        expect("REMOTE IN TX", places: ["admin1:US-TX"], countries: ["US"], admin1: ["US-TX"], remote: true)
        expect("Remote in Texas", places: ["admin1:US-TX"], countries: ["US"], admin1: ["US-TX"], remote: true)
        expect("Remote in IN", places: [], countries: [], remote: true)
        expect("Remote (IN)", places: [], countries: [], remote: true)
        expect("Office in ON", places: [], countries: [], admin1: [])
        expect("Work at IT", places: [], countries: [])
        // In qualifier position, after a comma that follows a place, the code is the region or country.
        expect("Indianapolis, IN", places: [City.indianapolis], countries: ["US"], admin1: ["US-IN"])
        expect("Toronto, ON", places: [City.toronto], countries: ["CA"], admin1: ["CA-ON"])
        expect("London, ON", places: [City.londonOntario], countries: ["CA"], admin1: ["CA-ON"])
        expect("Milan, IT", places: ["city:3173435"], countries: ["IT"])
    }

    func testHostileInputsNeverCrashAndGiveEmptyResults() {
        let empties: [String] = [
            "", "   \t  ", ",;:|/-()[]{}!?.…—–•·", ".....", "🚀🌍🏢💻", "🇺🇸🇬🇧",
            "\u{0000}\u{0001}\u{0007}\u{001B}[0m\u{007F}", "\u{0301}", "\u{0301}\u{0308}\u{0327}\u{20DD}",
            "\u{200D}\u{200B}\u{FEFF}", "\u{FFFD}\u{FFFF}", "12345 67890", "A.B.C.D.E.F.G.", "U.", "\u{202E}nilreB",
        ]
        for raw in empties {
            expectNothing(raw)
            XCTAssertNil(n.locate(title: raw, text: raw), "locate on '\(raw.debugDescription)'")
        }
        // Noise around a place does not hide it.
        expect("📍 Berlin 🇩🇪", places: [City.berlin], countries: ["DE"])
        expect("Berlin\u{0000}Germany", places: [City.berlin], countries: ["DE"])
        expect("\u{0301}Berlin", places: [City.berlin], countries: ["DE"])

        // 10,000 characters of mixed text (deterministic): finishes, and names only the places it contains.
        let parts = ["Berlin", " ", "remote", ", ", "北京", "🙂", "\u{0301}", "|", "New York, NY", " / ", "x", "\t", "\n",
                     "Ünïcödé", "Full-time", "(", ")", "...", "\u{0000}"]
        var big = ""
        var k = 7
        while big.count < 10_000 {
            k = (k &* 1_103_515_245 &+ 12_345) & 0x7fff_ffff
            big += parts[k % parts.count]
        }
        let start = Date()
        let r = n.normalize(big)
        let seconds = Date().timeIntervalSince(start)
        print(String(format: "normalize on %d characters: %.2f s", big.count, seconds))
        XCTAssertTrue(Set(r.countries).isSubset(of: ["CN", "DE", "US"]), "countries \(r.countries)")
        XCTAssertTrue(Set(cityKeys(r)).isSubset(of: [City.berlin, City.beijing, City.newYork]), "cities \(cityKeys(r))")
        XCTAssertTrue(r.remote || r.hybrid, "the text says remote")
        XCTAssertTrue((0...1).contains(r.confidence))
        for p in r.places { XCTAssertEqual(n.gazetteer.place(key: p.key), p) }
        _ = n.locate(title: big, text: big)
    }

    func testRollUpKeys() {
        let sf = n.normalize("San Francisco, CA, USA")
        XCTAssertEqual(sf.rollUpKeys, [City.sanFrancisco, "admin1:US-CA", "country:US"], sf.explained)

        let list = n.normalize("NYC | SF | Remote")
        for key in [City.newYork, City.sanFrancisco, "admin1:US-NY", "admin1:US-CA", "country:US", "remote"] {
            XCTAssertTrue(list.rollUpKeys.contains(key), "\(key) in \(list.rollUpKeys)")
        }
        XCTAssertEqual(list.rollUpKeys.last, "remote")

        let bj = n.normalize("北京市朝阳区")
        XCTAssertEqual(bj.rollUpKeys, [City.beijing, "country:CN"], bj.explained)

        // Hybrid work rolls up to `remote` as well; on-site does not.
        let ams = n.normalize("Amsterdam, NL (Remote possible)")
        XCTAssertEqual(ams.rollUpKeys, [City.amsterdam, "country:NL", "remote"], ams.explained)
        XCTAssertEqual(n.normalize("Full-time ONSITE").rollUpKeys, [])
        XCTAssertEqual(n.normalize("Remote").rollUpKeys, ["remote"])
        XCTAssertEqual(n.normalize("Remote, UK-only").rollUpKeys, ["country:GB", "remote"])

        // No duplicates, even when the string names a place twice.
        let twice = n.normalize("London, UK / London, United Kingdom")
        XCTAssertEqual(twice.rollUpKeys, [City.london, "country:GB"], twice.explained)
        for raw in ["San Francisco, CA, USA", "NYC | SF | Remote", "London or Berlin", "深圳/北京"] {
            let keys = n.normalize(raw).rollUpKeys
            XCTAssertEqual(Set(keys).count, keys.count, "duplicates in \(keys)")
        }
    }
}
