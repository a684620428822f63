import Foundation
import XCTest
@testable import SkillPlaces

/// `PlaceNormalizer.locate(title:text:)`: the place a posting without a location field names in its title or
/// opening text (a cue such as "Location:", a leading bracket, a `|`-separated header), and nil otherwise.
final class LocationCueTests: XCTestCase {
    private var n: PlaceNormalizer!

    override func setUpWithError() throws {
        n = try Shipped.normalizer()
    }

    private func describe(_ l: LocatedPlace?) -> String {
        guard let l else { return "nil" }
        return "'\(l.raw)' (\(l.evidence)) -> \(l.resolution.explained)"
    }

    func testCueAfterOtherTextOnALine() throws {
        // The cue follows another sentence on the same line (an HTML page flattened to text).
        let text = "Contract type: contract. Location: Amsterdam, the Netherlands"
        let l = try XCTUnwrap(n.locate(title: "", text: text))
        XCTAssertEqual(l.raw, "Amsterdam, the Netherlands", describe(l))
        XCTAssertEqual(placeKeys(l.resolution), [City.amsterdam], describe(l))
        XCTAssertEqual(l.resolution.countries, ["NL"], describe(l))
        XCTAssertTrue(l.evidence.hasPrefix("cue"), describe(l))

        // The same after other lines, with lines after it: only the cue's own text is taken.
        let page = "We are hiring!\nContract type: contract. Location: Amsterdam, the Netherlands\nApply now"
        let p = try XCTUnwrap(n.locate(title: "Backend Engineer", text: page))
        XCTAssertEqual(p.raw, "Amsterdam, the Netherlands", describe(p))
        XCTAssertEqual(placeKeys(p.resolution), [City.amsterdam], describe(p))

        // A cue further down a key-value block.
        let kv = try XCTUnwrap(n.locate(title: "", text: "Job title: Senior Dev\nSalary: 100k\nLocation: London, UK\n"))
        XCTAssertEqual(placeKeys(kv.resolution), [City.london], describe(kv))
        XCTAssertEqual(kv.resolution.countries, ["GB"], describe(kv))

        // A German cue.
        let de = try XCTUnwrap(n.locate(title: "", text: "Standort: München"))
        XCTAssertEqual(placeKeys(de.resolution), [City.munich], describe(de))

        // A cue whose value is a work mode counts.
        let remote = try XCTUnwrap(n.locate(title: "", text: "Location: Remote"))
        XCTAssertTrue(remote.resolution.remote, describe(remote))
        XCTAssertFalse(remote.resolution.isPlaced, describe(remote))
    }

    func testChineseCue() throws {
        // 工作地点：上海长宁 (Changning district): Shanghai.
        let l = try XCTUnwrap(n.locate(title: "", text: "工作地点：上海长宁"))
        XCTAssertEqual(l.raw, "上海长宁", describe(l))
        XCTAssertEqual(placeKeys(l.resolution), [City.shanghai], describe(l))
        XCTAssertEqual(l.resolution.countries, ["CN"], describe(l))

        let later = try XCTUnwrap(n.locate(title: "", text: "公司介绍\n工作地点：上海长宁\n薪资面议"))
        XCTAssertEqual(later.raw, "上海长宁", describe(later))
        XCTAssertEqual(placeKeys(later.resolution), [City.shanghai], describe(later))
    }

    func testBracketedPlaceAtTheStart() throws {
        // In the title ...
        let t = try XCTUnwrap(n.locate(title: "【北京】字节跳动招聘前端", text: ""))
        XCTAssertEqual(t.raw, "北京", describe(t))
        XCTAssertEqual(placeKeys(t.resolution), [City.beijing], describe(t))
        XCTAssertEqual(t.evidence, "bracketed at the start")
        // ... or the first line of the text.
        let f = try XCTUnwrap(n.locate(title: "", text: "【北京】字节跳动招聘前端\n岗位职责：……"))
        XCTAssertEqual(placeKeys(f.resolution), [City.beijing], describe(f))
        // A bracketed work mode.
        let r = try XCTUnwrap(n.locate(title: "[Remote] Senior Engineer", text: ""))
        XCTAssertTrue(r.resolution.remote, describe(r))
    }

    func testPipeSeparatedHeader() throws {
        let l = try XCTUnwrap(n.locate(title: "Acme | Backend Engineer | Berlin | REMOTE", text: ""))
        XCTAssertEqual(l.raw, "Berlin | REMOTE", describe(l))
        XCTAssertEqual(placeKeys(l.resolution), [City.berlin], describe(l))
        XCTAssertEqual(l.resolution.countries, ["DE"], describe(l))
        XCTAssertTrue(l.resolution.remote, describe(l))
        XCTAssertEqual(l.evidence, "header segments")

        // In a header written in CJK, `-` separates too.
        let zh = try XCTUnwrap(n.locate(title: "蚂蚁金服-消费信贷-重庆", text: ""))
        XCTAssertEqual(placeKeys(zh.resolution), [City.chongqing], describe(zh))

        // Segments that are not places give nothing.
        XCTAssertNil(n.locate(title: "Acme | Python | Full-time", text: ""))
        XCTAssertNil(n.locate(title: "Acme | Java Developer | Java", text: ""))
    }

    func testProseMentioningCitiesWithoutACueGivesNil() {
        let l = n.locate(title: "", text: "We sell to customers in Paris and Berlin")
        XCTAssertNil(l, describe(l))
        let m = n.locate(title: "Sales Engineer", text: "Our offices in London and New York serve clients worldwide.\nJoin us.")
        XCTAssertNil(m, describe(m))
    }

    func testEnglishTitleWithHyphenGivesNil() {
        // `-` separates header segments only in CJK headers: "Java" is not taken as the Indonesian island.
        let l = n.locate(title: "Senior Developer - Java", text: "")
        XCTAssertNil(l, describe(l))
        let m = n.locate(title: "Senior Developer - Java", text: "We build things.")
        XCTAssertNil(m, describe(m))
    }

    func testCueWhoseValueIsNotAPlace() {
        for text in ["Location: flexible, talk to us", "Location: anywhere you like"] {
            let l = n.locate(title: "", text: text)
            // Nil, or at least no place.
            XCTAssertFalse(l?.resolution.isPlaced ?? false, describe(l))
            XCTAssertEqual(l?.resolution.countries ?? [], [], describe(l))
        }
        XCTAssertNil(n.locate(title: "", text: "Location: flexible, talk to us"))
    }

    func testNothingToLocate() {
        XCTAssertNil(n.locate(title: "", text: ""))
        XCTAssertNil(n.locate(title: "Backend Engineer", text: "Great team.\nGood pay."))
    }
}
