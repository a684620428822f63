import XCTest
@testable import SkillTokenizer

/// Table-driven checks of the tokenizer rules documented on ``Tokenizer``.
final class TokenizerTableTests: XCTestCase {
    struct Case {
        var name: String
        var input: String
        var expected: [(String, TokenRule)]
        var foldDiacritics = true
        var line: UInt = #line

        init(_ name: String, _ input: String, _ expected: [(String, TokenRule)], fold: Bool = true,
             line: UInt = #line) {
            self.name = name
            self.input = input
            self.expected = expected
            self.foldDiacritics = fold
            self.line = line
        }
    }

    func check(_ cases: [Case], file: StaticString = #filePath) {
        for c in cases {
            let tokenizer = Tokenizer(options: TokenizerOptions(foldDiacritics: c.foldDiacritics))
            let got = tokenViews(c.input, tokenizer)
            let gotPairs = got.map { "\($0.text)[\($0.rule)]" }
            let wantPairs = c.expected.map { "\($0.0)[\($0.1)]" }
            XCTAssertEqual(gotPairs, wantPairs, "case '\(c.name)': input \(c.input.debugDescription)",
                           file: file, line: c.line)
            // normalizedTokens must agree with tokenize + normalize.
            XCTAssertEqual(tokenizer.normalizedTokens(c.input), c.expected.map(\.0),
                           "case '\(c.name)' normalizedTokens", file: file, line: c.line)
        }
    }

    // MARK: ASCII

    func testASCIIWordsAndCaseFolding() {
        check([
            Case("simple words", "Python and Java", [("python", .w), ("and", .w), ("java", .w)]),
            Case("upper case", "SQL KUBERNETES", [("sql", .w), ("kubernetes", .w)]),
            Case("mixed case", "JavaScript TypeScript", [("javascript", .w), ("typescript", .w)]),
            Case("white space and controls", "  leading\tand\r\ntrailing \u{7F} ",
                 [("leading", .w), ("and", .w), ("trailing", .w)]),
            Case("digits are word characters", "Java 17 and 2024", [("java", .w), ("17", .w), ("and", .w), ("2024", .w)]),
            Case("letters and digits", "HTML5 S3 Web3 EC2", [("html5", .w), ("s3", .w), ("web3", .w), ("ec2", .w)]),
            Case("3D printing", "3D printing", [("3d", .w), ("printing", .w)]),
            Case("underscore joins", "snake_case __init__ _x", [("snake_case", .w), ("__init__", .w), ("_x", .w)]),
            Case("empty", "", []),
            Case("only spaces", " \t\n ", []),
        ])
    }

    func testPlusAndHashSuffixes() {
        check([
            Case("C++", "C++", [("c++", .plusSuffix)]),
            Case("notepad++", "Notepad++ user", [("notepad++", .plusSuffix), ("user", .w)]),
            Case("C++ then slash", "C++/CLI", [("c++", .plusSuffix), ("/", .p), ("cli", .w)]),
            Case("C++ then comma", "C, C++, C#.", [("c", .w), (",", .p), ("c++", .plusSuffix), (",", .p),
                                                  ("c#", .hashSuffix), (".", .p)]),
            // Documented rule: the `+` run joins only when no word character follows it.
            Case("c++11 is not joined", "c++11", [("c", .w), ("+", .p), ("+", .p), ("11", .w)]),
            Case("a+b", "a+b", [("a", .w), ("+", .p), ("b", .w)]),
            Case("single plus", "Google+ A+", [("google+", .plusSuffix), ("a+", .plusSuffix)]),
            Case("C#", "C#", [("c#", .hashSuffix)]),
            Case("F#", "F# and C#", [("f#", .hashSuffix), ("and", .w), ("c#", .hashSuffix)]),
            Case("C#7 is not joined", "C#7", [("c", .w), ("#", .p), ("7", .w)]),
            Case("only one hash joins", "C##", [("c#", .hashSuffix), ("#", .p)]),
            Case("hashtag", "#hashtag", [("#", .p), ("hashtag", .w)]),
            Case("suffix at end of input", "go C#", [("go", .w), ("c#", .hashSuffix)]),
        ])
    }

    func testDots() {
        check([
            Case(".NET", ".NET", [(".net", .dotPrefix)]),
            Case(".NET Core", ".NET Core", [(".net", .dotPrefix), ("core", .w)]),
            Case("(.NET)", "(.NET)", [("(", .p), (".net", .dotPrefix), (")", .p)]),
            Case(".htaccess", "edit .htaccess", [("edit", .w), (".htaccess", .dotPrefix)]),
            Case("C#/.NET", "C#/.NET", [("c#", .hashSuffix), ("/", .p), (".net", .dotPrefix)]),
            Case("ASP.NET", "ASP.NET Core", [("asp.net", .d), ("core", .w)]),
            Case("VB.NET", "VB.NET", [("vb.net", .d)]),
            Case("Node.js", "Node.js", [("node.js", .d)]),
            Case("Vue.js", "Vue.js and Next.js", [("vue.js", .d), ("and", .w), ("next.js", .d)]),
            Case("version number", "3.5", [("3.5", .d)]),
            Case("version then period", "Python 3.10.", [("python", .w), ("3.10", .d), (".", .p)]),
            Case("several dots", "www.example.com", [("www.example.com", .d)]),
            Case("sentence-final period", "Python.", [("python", .w), (".", .p)]),
            Case("period then next sentence", "Python. Java", [("python", .w), (".", .p), ("java", .w)]),
            Case("Node.js at end of sentence", "Node.js.", [("node.js", .d), (".", .p)]),
            Case("e.g.", "e.g. Kotlin", [("e.g", .d), (".", .p), ("kotlin", .w)]),
            Case("i.e.,", "i.e., Rust", [("i.e", .d), (".", .p), (",", .p), ("rust", .w)]),
            Case("lone dot", " . ", [(".", .p)]),
            Case("dotted with suffix", "node.js++", [("node.js++", .plusSuffix)]),
        ])
    }

    func testSlashesHyphensAndPunctuation() {
        check([
            Case("CI/CD", "CI/CD", [("ci", .w), ("/", .p), ("cd", .w)]),
            Case("TCP/IP", "TCP/IP", [("tcp", .w), ("/", .p), ("ip", .w)]),
            Case("PL/SQL", "PL/SQL", [("pl", .w), ("/", .p), ("sql", .w)]),
            Case("front-end", "front-end", [("front", .w), ("end", .w)]),
            Case("Objective-C", "Objective-C", [("objective", .w), ("c", .w)]),
            Case("end-to-end", "end-to-end", [("end", .w), ("to", .w), ("end", .w)]),
            Case("digit ranges", "2-3 years", [("2", .w), ("3", .w), ("years", .w)]),
            Case("dotted then hyphen", "Node.js-based", [("node.js", .d), ("based", .w)]),
            Case("standalone hyphen", "Java - Python", [("java", .w), ("-", .p), ("python", .w)]),
            Case("trailing hyphen", "x- y", [("x", .w), ("-", .p), ("y", .w)]),
            Case("leading hyphen", "-x", [("-", .p), ("x", .w)]),
            Case("hyphen after suffix", "C++-dev", [("c++", .plusSuffix), ("-", .p), ("dev", .w)]),
            Case("double hyphen", "a--b", [("a", .w), ("-", .p), ("-", .p), ("b", .w)]),
            Case("apostrophe", "don't", [("don", .w), ("'", .p), ("t", .w)]),
            Case("O'Reilly", "O'Reilly", [("o", .w), ("'", .p), ("reilly", .w)]),
            Case("typographic apostrophe", "don\u{2019}t", [("don", .w), ("\u{2019}", .p), ("t", .w)]),
            Case("ampersand", "R&D", [("r", .w), ("&", .p), ("d", .w)]),
            Case("brackets and colon", "Skills: [SQL]", [("skills", .w), (":", .p), ("[", .p), ("sql", .w), ("]", .p)]),
            Case("thousands separator", "1,000", [("1", .w), (",", .p), ("000", .w)]),
        ])
    }

    // MARK: Non-ASCII

    func testLatinDiacriticsAndCaseFolding() {
        check([
            Case("Zürich folded", "Zürich", [("zurich", .w)]),
            Case("ZÜRICH folded", "ZÜRICH", [("zurich", .w)]),
            Case("Zürich unfolded", "Zürich", [("zürich", .w)], fold: false),
            Case("ZÜRICH unfolded", "ZÜRICH", [("zürich", .w)], fold: false),
            Case("decomposed input folded", "Cafe\u{301}", [("cafe", .w)]),
            Case("decomposed input is composed when not folding", "Cafe\u{301}", [("café", .w)], fold: false),
            Case("sharp s", "Straße", [("strasse", .w)]),
            Case("sharp s unfolded", "Straße", [("strasse", .w)], fold: false),
            Case("Polish", "Programista Python, Kraków", [("programista", .w), ("python", .w), (",", .p),
                                                          ("krakow", .w)]),
            Case("Polish ł is not a decomposable diacritic", "Łódź", [("łodz", .w)]),
            Case("Polish unfolded", "Łódź", [("łódź", .w)], fold: false),
            Case("hyphen between non-ASCII words", "Müller-Lüdenscheidt", [("muller", .w), ("ludenscheidt", .w)]),
            Case("dotless capital I", "İstanbul", [("istanbul", .w)]),
            Case("ligature", "ﬁle", [("file", .w)]),
            Case("full-width Latin", "ＪＡＶＡ", [("java", .w)]),
            Case("full-width Latin unfolded", "ＪＡＶＡ", [("java", .w)], fold: false),
            Case("full-width slash normalizes to ASCII", "CI／CD", [("ci", .w), ("/", .p), ("cd", .w)]),
        ])
    }

    func testGreekArabicKoreanCyrillic() {
        check([
            Case("Greek capitals fold without accents", "ΣΊΣΥΦΟΣ", [("σισυφοσ", .w)]),
            Case("Greek lower case with final sigma folds the same", "σίσυφος", [("σισυφοσ", .w)]),
            Case("Greek unfolded keeps the tonos", "ΣΊΣΥΦΟΣ", [("σίσυφοσ", .w)], fold: false),
            Case("Arabic words", "مهندس برمجيات", [("مهندس", .w), ("برمجيات", .w)]),
            Case("Korean Hangul stays a word", "파이썬 개발자", [("파이썬", .w), ("개발자", .w)]),
            Case("Korean next to Latin", "Java개발자", [("java개발자", .w)]),
            Case("Cyrillic", "Программист PYTHON", [("программист", .w), ("python", .w)]),
        ])
    }

    /// Arabic short-vowel marks (harakat, U+064B–0652) are optional diacritics: vocalized `مُهَنْدِس` and plain
    /// `مهندس` are the same word, so diacritic folding must remove them (as Arabic search normalizers do).
    func testArabicHarakatAreFoldedLikeDiacritics() {
        check([
            Case("Arabic harakat are stripped", "مُهَنْدِس", [("مهندس", .w)]),
            Case("Arabic harakat kept unfolded", "مُهَنْدِس", [("مُهَنْدِس", .w)], fold: false),
        ])
    }

    func testCJK() {
        check([
            Case("Chinese with Latin terms", "熟悉React和Node.js开发",
                 [("熟", .cjk), ("悉", .cjk), ("react", .w), ("和", .cjk), ("node.js", .d), ("开", .cjk), ("发", .cjk)]),
            Case("Han with C++", "精通C++语言", [("精", .cjk), ("通", .cjk), ("c++", .plusSuffix), ("语", .cjk), ("言", .cjk)]),
            Case("Han with .NET", "熟悉.NET", [("熟", .cjk), ("悉", .cjk), (".net", .dotPrefix)]),
            Case("Katakana per character", "テスト", [("テ", .cjk), ("ス", .cjk), ("ト", .cjk)]),
            Case("Hiragana per character", "さくら", [("さ", .cjk), ("く", .cjk), ("ら", .cjk)]),
            Case("Japanese with Latin", "Javaのスキル", [("java", .w), ("の", .cjk), ("ス", .cjk), ("キ", .cjk), ("ル", .cjk)]),
            Case("hyphen before CJK is punctuation", "AI-开发", [("ai", .w), ("-", .p), ("开", .cjk), ("发", .cjk)]),
            Case("CJK ideographic comma", "Java、Python", [("java", .w), ("、", .p), ("python", .w)]),
        ])
    }

    func testEmojiSymbolsAndInvisibleSeparators() {
        check([
            Case("emoji is punctuation", "🚀 Python", [("🚀", .p), ("python", .w)]),
            Case("emoji between words", "Python🚀Java", [("python", .w), ("🚀", .p), ("java", .w)]),
            Case("ZWJ sequence splits", "👩\u{200D}💻", [("👩", .p), ("💻", .p)]),
            Case("currency", "€50k", [("€", .p), ("50k", .w)]),
            Case("copyright", "©2024", [("©", .p), ("2024", .w)]),
            Case("em dash", "Java—Kotlin", [("java", .w), ("—", .p), ("kotlin", .w)]),
            Case("arrow and bullet", "• SQL → Go", [("•", .p), ("sql", .w), ("→", .p), ("go", .w)]),
            Case("NBSP separates", "Java\u{00A0}Kotlin", [("java", .w), ("kotlin", .w)]),
            Case("zero-width space separates", "Java\u{200B}Kotlin", [("java", .w), ("kotlin", .w)]),
            Case("BOM separates", "\u{FEFF}Java", [("java", .w)]),
            Case("ideographic space separates", "Java\u{3000}Kotlin", [("java", .w), ("kotlin", .w)]),
            Case("line separator", "Java\u{2028}Kotlin", [("java", .w), ("kotlin", .w)]),
        ])
    }

    // MARK: Byte ranges

    func testByteRanges() {
        let cases: [(String, String, [TokenView])] = [
            ("ASCII", "  C++ and .NET.", [
                TokenView(text: "c++", rule: .plusSuffix, range: 2..<5),
                TokenView(text: "and", rule: .word, range: 6..<9),
                TokenView(text: ".net", rule: .dotPrefix, range: 10..<14),
                TokenView(text: ".", rule: .punct, range: 14..<15),
            ]),
            ("CJK", "熟悉React和Node.js开发", [
                TokenView(text: "熟", rule: .cjk, range: 0..<3),
                TokenView(text: "悉", rule: .cjk, range: 3..<6),
                TokenView(text: "react", rule: .word, range: 6..<11),
                TokenView(text: "和", rule: .cjk, range: 11..<14),
                TokenView(text: "node.js", rule: .dotted, range: 14..<21),
                TokenView(text: "开", rule: .cjk, range: 21..<24),
                TokenView(text: "发", rule: .cjk, range: 24..<27),
            ]),
            ("hyphen after non-ASCII", "Zürich-based", [
                TokenView(text: "zurich", rule: .word, range: 0..<7),
                TokenView(text: "based", rule: .word, range: 8..<13),
            ]),
            ("NBSP", "a\u{00A0}b", [
                TokenView(text: "a", rule: .word, range: 0..<1),
                TokenView(text: "b", rule: .word, range: 3..<4),
            ]),
            ("ZWSP", "Java\u{200B}Kotlin", [
                TokenView(text: "java", rule: .word, range: 0..<4),
                TokenView(text: "kotlin", rule: .word, range: 7..<13),
            ]),
            ("emoji", "🚀C#", [
                TokenView(text: "🚀", rule: .punct, range: 0..<4),
                TokenView(text: "c#", rule: .hashSuffix, range: 4..<6),
            ]),
            ("decomposed accent stays inside the word", "Cafe\u{301} bar", [
                TokenView(text: "cafe", rule: .word, range: 0..<6),
                TokenView(text: "bar", rule: .word, range: 7..<10),
            ]),
        ]
        for (name, input, expected) in cases {
            XCTAssertEqual(tokenViews(input), expected, name)
        }
    }

    /// `tokenize(_ String)` and the buffer API return the same tokens, and appending keeps earlier tokens.
    func testStringAndBufferAPIsAgreeAndAppend() {
        let tokenizer = Tokenizer()
        let text = "Senior C#/.NET-Entwickler (m/w/d) in Zürich, 熟悉Node.js"
        let fromString = tokenizer.tokenize(text)
        var tokens = [Token(start: 0, end: 1, rule: .punct)]
        Array(text.utf8).withUnsafeBufferPointer { tokenizer.tokenize($0, into: &tokens) }
        XCTAssertEqual(tokens.first, Token(start: 0, end: 1, rule: .punct), "existing tokens are kept")
        XCTAssertEqual(Array(tokens.dropFirst()), fromString)
        XCTAssertEqual(tokenizer.normalized(fromString[0], in: text), "senior")
    }

    func testOptionsFingerprint() {
        XCTAssertEqual(TokenizerOptions().fingerprint, "tok1;fold-diacritics=true")
        XCTAssertEqual(TokenizerOptions(foldDiacritics: false).fingerprint, "tok1;fold-diacritics=false")
        XCTAssertNotEqual(Tokenizer(options: .init(foldDiacritics: true)), Tokenizer(options: .init(foldDiacritics: false)))
    }

    func testRuleDescriptions() {
        let all: [TokenRule] = [.word, .dotted, .plusSuffix, .hashSuffix, .dotPrefix, .cjk, .punct]
        XCTAssertEqual(all.map(\.description),
                       ["word", "dotted", "plus-suffix", "hash-suffix", "dot-prefix", "cjk-char", "punct"])
    }

    // MARK: Regressions (each pins a bug found and fixed; the comment says what it was)

    /// Diacritic folding strips *every* nonspacing mark after NFKD. For Japanese kana the dakuten and
    /// handakuten (U+3099, U+309A) are not accents but part of the letter: `プ` (pu) becomes `フ` (fu) and
    /// `グ` (gu) becomes `ク` (ku), so distinct words collapse (`バグ` "bug" == `ハク`).
    func testRegression_DiacriticFoldingStripsJapaneseDakuten() {
        check([
            Case("voiced katakana keep their dakuten", "プログラミング",
                 [("プ", .cjk), ("ロ", .cjk), ("グ", .cjk), ("ラ", .cjk), ("ミ", .cjk), ("ン", .cjk), ("グ", .cjk)]),
            Case("voiced hiragana keep their dakuten", "がぎ", [("が", .cjk), ("ぎ", .cjk)]),
        ])
        let tokenizer = Tokenizer()
        XCTAssertNotEqual(tokenizer.normalizedTokens("バグ"), tokenizer.normalizedTokens("ハク"),
                          "'bug' and 'haku' must not normalize to the same tokens")
    }

    /// `foldUnicode` promises to fold `ß` to `ss` via upper- then lower-casing, but the capital sharp s
    /// `ẞ` (U+1E9E, used in all-caps text) lower-cases to `ß`, which no later step folds; so `STRAẞE`
    /// normalizes to `straße` while `Straße` and `STRASSE` normalize to `strasse`.
    func testRegression_CapitalSharpSDoesNotFoldToSS() {
        check([
            Case("capital sharp s folded", "STRAẞE", [("strasse", .w)]),
            Case("capital sharp s unfolded", "STRAẞE", [("strasse", .w)], fold: false),
        ])
    }

    /// The join rules look at raw ASCII bytes only, before NFKC. Full-width `＋`, `＃` and `．` (common in
    /// Japanese and Chinese postings, and NFKC-normalized to `+`, `#`, `.`) are one-character punctuation
    /// tokens instead, so `Ｃ＋＋` tokenizes as `c`, `+`, `+` and never matches the label `C++`, although
    /// full-width `ＪＡＶＡ` does match `Java`.
    func testRegression_FullWidthPlusHashAndDotDoNotJoin() {
        check([
            Case("full-width C++", "Ｃ＋＋", [("c++", .plusSuffix)]),
            Case("full-width C#", "Ｃ＃", [("c#", .hashSuffix)]),
            Case("full-width ASP.NET", "ＡＳＰ．ＮＥＴ", [("asp.net", .d)]),
        ])
    }

    /// U+00AD SOFT HYPHEN (HTML `&shy;`, frequent in German postings) is an invisible line-break hint, but
    /// it is a format character and format characters separate tokens; `Soft\u{AD}ware\u{AD}entwickler`
    /// becomes three tokens and no longer matches the label `Softwareentwickler`.
    func testRegression_SoftHyphenSplitsWords() {
        check([
            Case("soft hyphen inside a word", "Soft\u{AD}ware\u{AD}entwickler", [("softwareentwickler", .w)]),
            Case("soft hyphen inside JavaScript", "Java\u{AD}Script", [("javascript", .w)]),
            Case("soft hyphen at word edges separates", "\u{AD}Java\u{AD} Script\u{AD}", [("java", .w), ("script", .w)]),
        ])
    }

    /// The same blanket mark stripping mangles Devanagari: vowel signs, anusvara and virama are nonspacing
    /// marks, so `कंप्यूटर` ("computer") becomes `कपयटर`.
    func testRegression_DiacriticFoldingStripsDevanagariVowelSigns() {
        check([Case("Hindi word is kept intact", "कंप्यूटर", [("कंप्यूटर", .w)])])
    }
}
