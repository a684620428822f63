import Foundation
import XCTest
@testable import SkillPlaces

/// `PlaceText.fold` must agree with `fold()` in Taxonomies/places/build.py, which folded the shipped names: a
/// name typed in a posting is looked up by its Swift fold in a table of Python folds.
final class FoldAgreementTests: XCTestCase {
    private var n: PlaceNormalizer!

    override func setUpWithError() throws {
        n = try Shipped.normalizer()
    }

    /// Every shipped form of kind name or common is already folded: folding it again changes nothing. (The
    /// gazetteer's name table holds exactly the name/common forms of names.tsv.gz; abbreviations are kept apart,
    /// unfolded.) ~217k forms take about a second.
    func testShippedFormsAreFixedPointsOfFold() {
        let forms = Array(n.gazetteer.names.keys)
        XCTAssertGreaterThan(forms.count, 200_000, "the shipped name table should hold ~217k folded forms")
        var mismatches: [String] = []
        var count = 0
        for form in forms {
            let folded = PlaceText.fold(form)
            if folded != form {
                count += 1
                if mismatches.count < 20 {
                    mismatches.append("'\(form)' -> '\(folded)' "
                                      + form.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " "))
                }
            }
        }
        XCTAssertEqual(count, 0, "forms that fold differently:\n" + mismatches.joined(separator: "\n"))
        // Forms are non-empty, and hold no upper case and no separators other than single spaces.
        XCTAssertFalse(forms.contains(""), "an empty form")
        XCTAssertFalse(forms.contains { $0.hasPrefix(" ") || $0.hasSuffix(" ") || $0.contains("  ") },
                       "a form with stray spaces")
    }

    /// Names as GeoNames and postings write them, with the fold build.py's `fold()` gives them (computed with
    /// Python's unicodedata; only strings on which the two folds agree: see the report for those that do not).
    func testFoldMatchesBuildPyOnRawNames() {
        let pairs: [(String, String)] = [
            ("São Paulo", "sao paulo"), ("Zürich", "zurich"), ("Kraków", "krakow"), ("Łódź", "łodz"),
            ("Straße", "straße"), ("İstanbul", "istanbul"), ("Ørsted", "ørsted"), ("Æbeltoft", "æbeltoft"),
            ("Đà Nẵng", "đa nang"), ("Hồ Chí Minh", "ho chi minh"), ("Reykjavík", "reykjavik"), ("ΑΘΗΝΑ", "αθηνα"),
            ("Αθήνα", "αθηνα"), ("Πάτρας", "πατρας"), ("Москва", "москва"), ("Йошкар-Ола", "иошкар ола"),
            ("Ёлки", "елки"), ("北京市", "北京市"), ("東京都", "東京都"), ("서울특별시", "서울특별시"),
            ("ﾄｳｷｮｳ", "トウキョウ"), ("Ｂｅｒｌｉｎ", "berlin"), ("Saint-Étienne", "saint etienne"),
            ("L'Aquila", "l aquila"), ("Ciudad de México", "ciudad de mexico"), ("Ağrı", "agrı"),
            ("Şanlıurfa", "sanlıurfa"), ("ǅakovo", "dzakovo"), ("ﬁnland", "finland"), ("Ⅻ", "xii"), ("①", "1"),
            ("x²", "x2"), ("佐々木", "佐 々 木"), ("ヶ丘", "ヶ丘"), ("〇", "〇"), ("القَاهِرَة", "القاهرة"),
            ("القـاهرة", "القـاهرة"), ("٣", "٣"), ("São\u{00A0}Paulo", "sao paulo"),
            ("Frankfurt am Main", "frankfurt am main"), ("St. Louis", "st louis"), ("New York, NY", "new york ny"),
            ("北京 / 上海", "北京上海"), ("Ängelholm", "angelholm"), ("Ærøskøbing", "ærøskøbing"),
            ("Þórshöfn", "þorshofn"), ("Œuvre", "œuvre"), ("Ĳssel", "ijssel"), ("ẞ", "ß"), ("Ｓ＆Ｐ", "s p"),
            ("'s-Hertogenbosch", "s hertogenbosch"), ("Tromsø", "tromsø"), ("Bảo Lộc", "bao loc"),
            ("Thành phố Hồ Chí Minh", "thanh pho ho chi minh"), ("香港特别行政区", "香港特别行政区"),
            ("ソウル", "ソウル"), ("ｿｳﾙ", "ソウル"), ("", ""), ("  ,, ", ""),
        ]
        for (raw, python) in pairs {
            XCTAssertEqual(PlaceText.fold(raw), python, "fold('\(raw)')")
        }
    }

    /// Folding is what lets a name written with diacritics, in another case or with odd spacing find its place.
    func testFoldedSpellingsFindTheirPlace() {
        for (raw, key) in [("São Paulo", "city:3448439"), ("SAO PAULO", "city:3448439"), ("sao  paulo", "city:3448439"),
                           ("Zürich", "city:2657896"), ("ZURICH", "city:2657896"), ("München", City.munich),
                           ("MÜNCHEN", City.munich), ("Ｂｅｒｌｉｎ", City.berlin), ("北京市", City.beijing)] {
            let found = n.gazetteer.lookup(raw).map(\.key)
            XCTAssertTrue(found.contains(key), "lookup('\(raw)') = \(found), expected \(key)")
        }
    }
}
