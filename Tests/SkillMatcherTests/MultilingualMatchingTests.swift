import XCTest
import SkillTokenizer
@testable import SkillMatcher

/// Matching in German, French, Spanish, Polish, Greek, Arabic, Chinese and Japanese, with diacritic folding
/// on and off: each case lists the matched texts (leftmost-longest) expected under each setting.
final class MultilingualMatchingTests: XCTestCase {
    struct Case {
        var name: String
        var labels: [LabelSpec]
        var text: String
        /// Matched texts with `foldDiacritics` on, and off (nil: the same as on).
        var folded: [String]
        var unfolded: [String]?
        var line: UInt

        init(_ name: String, _ labels: [LabelSpec], _ text: String, folded: [String], unfolded: [String]? = nil,
             line: UInt = #line) {
            self.name = name
            self.labels = labels
            self.text = text
            self.folded = folded
            self.unfolded = unfolded
            self.line = line
        }
    }

    func matched(_ labels: [LabelSpec], _ text: String, fold: Bool, kind: MatchKind = .leftmostLongest) -> [String] {
        let m = makeMatcher(labels, tokenizer: Tokenizer(options: TokenizerOptions(foldDiacritics: fold)))
        let bytes = Array(text.utf8)
        return m.matches(in: text, kind: kind).map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) }
    }

    func check(_ cases: [Case], file: StaticString = #filePath) {
        for c in cases {
            XCTAssertEqual(matched(c.labels, c.text, fold: true), c.folded, "\(c.name) (folding on)", file: file, line: c.line)
            XCTAssertEqual(matched(c.labels, c.text, fold: false), c.unfolded ?? c.folded, "\(c.name) (folding off)",
                           file: file, line: c.line)
        }
    }

    func testGerman() {
        check([
            Case("ß folds to ss", ["Maßnahmenplanung"], "MASSNAHMENPLANUNG und Maßnahmenplanung",
                 folded: ["MASSNAHMENPLANUNG", "Maßnahmenplanung"]),
            Case("capital ẞ folds to ss", ["Maßnahmenplanung"], "MAẞNAHMENPLANUNG", folded: ["MAẞNAHMENPLANUNG"]),
            Case("umlaut case-folds either way", ["Qualitätssicherung"], "QUALITÄTSSICHERUNG",
                 folded: ["QUALITÄTSSICHERUNG"]),
            Case("umlaut written without dots only when folding", ["Qualitätssicherung"], "Qualitatssicherung",
                 folded: ["Qualitatssicherung"], unfolded: []),
            Case("hyphenated compound splits", ["Java", "Entwickler"], "Java-Entwickler (m/w/d)",
                 folded: ["Java", "Entwickler"]),
            Case("closed compound is one word (no decompounding)", ["Java"], "Javaentwickler gesucht", folded: []),
            Case("multi-word label over umlauts", ["künstliche Intelligenz"], "Erfahrung in Künstliche Intelligenz.",
                 folded: ["Künstliche Intelligenz"]),
        ])
    }

    func testFrench() {
        check([
            Case("elision with ASCII apostrophe", ["informatique"], "l'informatique de gestion", folded: ["informatique"]),
            Case("elision with typographic apostrophe", ["informatique"], "l’informatique", folded: ["informatique"]),
            Case("accents folded", ["sécurité informatique"], "securite informatique",
                 folded: ["securite informatique"], unfolded: []),
            Case("upper case keeps accents matching", ["sécurité informatique"], "SÉCURITÉ INFORMATIQUE",
                 folded: ["SÉCURITÉ INFORMATIQUE"]),
            Case("decomposed accents (NFD) equal composed", ["sécurité informatique"],
                 "se\u{301}curite\u{301} informatique", folded: ["se\u{301}curite\u{301} informatique"]),
            Case("d' before a vowel", ["apprentissage automatique"], "Ingénieur d'apprentissage automatique",
                 folded: ["apprentissage automatique"]),
        ])
    }

    func testSpanish() {
        check([
            Case("accented label, capitalised text", ["análisis de datos"], "Análisis de Datos con Python",
                 folded: ["Análisis de Datos"]),
            Case("unaccented text", ["análisis de datos"], "ANALISIS DE DATOS", folded: ["ANALISIS DE DATOS"], unfolded: []),
            Case("ñ decomposes to n + tilde", ["diseño web"], "diseno web y diseño web",
                 folded: ["diseno web", "diseño web"], unfolded: ["diseño web"]),
            Case("inverted question mark is punctuation", ["programación"], "¿programación?", folded: ["programación"]),
        ])
    }

    func testPolish() {
        check([
            Case("ą folds, ł never does", ["zarządzanie projektami", "szkoła programowania"],
                 "zarzadzanie projektami, szkola programowania",
                 folded: ["zarzadzanie projektami"], unfolded: []),
            Case("Ł case-folds to ł", ["szkoła programowania"], "SZKOŁA PROGRAMOWANIA", folded: ["SZKOŁA PROGRAMOWANIA"]),
        ])
    }

    func testGreek() {
        check([
            Case("final sigma equals sigma", ["προγραμματισμός"], "Προγραμματισμόσ και προγραμματισμός",
                 folded: ["Προγραμματισμόσ", "προγραμματισμός"]),
            Case("upper case without tonos only when folding", ["προγραμματισμός"], "ΠΡΟΓΡΑΜΜΑΤΙΣΜΟΣ",
                 folded: ["ΠΡΟΓΡΑΜΜΑΤΙΣΜΟΣ"], unfolded: []),
        ])
    }

    func testArabic() {
        check([
            Case("vowel marks are optional", ["تعلم الآلة"], "خبرة في تَعَلُّم الآلة", folded: ["تَعَلُّم الآلة"], unfolded: []),
            Case("unvocalised text, Latin terms around", ["تعلم الآلة", "Python"], "Python و تعلم الآلة",
                 folded: ["Python", "تعلم الآلة"]),
        ])
    }

    func testChineseAndJapanese() {
        let zh: [LabelSpec] = ["机器学习", "机器", "学习", "算法"]
        check([
            Case("longest dictionary match over characters", zh, "熟悉机器学习算法", folded: ["机器学习", "算法"]),
            Case("shorter label where the longer is absent", zh, "机器人学习", folded: ["机器", "学习"]),
            Case("Latin terms inside CJK", [.exact("React"), "Node.js", "开发"], "熟悉React和Node.js开发",
                 folded: ["React", "Node.js", "开发"]),
            Case("exact-case label inside CJK", [.exact("React")], "熟悉react开发", folded: []),
            Case("full-width forms", ["C++", "Java"], "精通Ｃ＋＋和ＪＡＶＡ", folded: ["Ｃ＋＋", "ＪＡＶＡ"]),
            Case("katakana voicing marks are part of letters", ["プログラミング"], "プログラミング、フログラミング",
                 folded: ["プログラミング"]),
        ])
        XCTAssertEqual(matched(zh, "熟悉机器学习算法", fold: true, kind: .overlapping), ["机器", "机器学习", "学习", "算法"])
    }

    func testPunctuationAndSpacesOfOtherScripts() {
        check([
            Case("ideographic comma and space separate", ["机器学习", "算法"], "机器学习，算法\u{3000}机器学习。",
                 folded: ["机器学习", "算法", "机器学习"]),
            Case("Arabic comma separates", ["تعلم الآلة", "Python"], "Python، تعلم الآلة", folded: ["Python", "تعلم الآلة"]),
            Case("Greek question mark separates", ["Python"], "Python;", folded: ["Python"]),
            Case("no-break space separates", ["machine learning"], "machine\u{A0}learning", folded: ["machine\u{A0}learning"]),
        ])
    }

    /// Arabic tatweel (U+0640, a stretching stroke with no meaning) inside a word: `تـعلم` is `تعلم` stretched.
    func testArabicTatweelIsTypographic() {
        let got = matched(["تعلم الآلة"], "تـعلم الآلة", fold: true)
        XCTAssertEqual(got, ["تـعلم الآلة"])
        XCTAssertEqual(matched(["تعلم الآلة"], "تـعلم الآلة", fold: false), ["تـعلم الآلة"])
    }
}
