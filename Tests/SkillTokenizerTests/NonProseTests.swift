import XCTest
@testable import SkillTokenizer

/// Text that is not prose: URLs, e-mail addresses, handles, file paths and code calls are marked on their tokens
/// (real examples from the shared corpora), and prose around them is left alone.
final class NonProseTests: XCTestCase {
    let tok = Tokenizer()

    /// The token texts marked `kind` in `text`.
    func marked(_ text: String, _ kind: TokenSpan) -> [String] {
        let bytes = Array(text.utf8)
        return tok.tokenize(text).filter { $0.span == kind }.map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) }
    }

    func prose(_ text: String) -> [String] { marked(text, .prose) }

    func testURLsAreNotProse() {
        XCTAssertEqual(marked("Apply at https://www.3dhubs.com/jobs/python now", .url),
                       ["https", ":", "/", "/", "www.3dhubs.com", "/", "jobs", "/", "python"])
        XCTAssertEqual(prose("Apply at https://www.3dhubs.com/jobs/python now"), ["Apply", "at", "now"])
        // A URL ends at a closing bracket (Markdown links), and at CJK text that follows it without a space.
        XCTAssertEqual(prose("[美团](https://zhaopin.meituan.com/)基础研发"), ["[", "美", "团", "]", "(", ")", "基", "础", "研", "发"])
        XCTAssertEqual(marked("see www.python.org/jobs.", .url).first, "www.python.org")
        XCTAssertEqual(marked("mailto:jobs@example.com", .url).count, 5)
    }

    func testEmailAddressesAndHandles() {
        XCTAssertEqual(marked("Send your CV to jobs@python.org, thanks", .email), ["jobs", "@", "python.org"])
        XCTAssertEqual(marked("ping first.last+go@mail.example.co.uk", .email).first, "first.last")
        XCTAssertEqual(marked("follow @golang for news", .handle), ["@", "golang"])
        // An `@` between words with spaces around is prose: "meet @ 5".
        XCTAssertTrue(marked("meet @ 5 pm", .handle).isEmpty)
    }

    func testFilePathsButNotSlashedLists() {
        XCTAssertFalse(marked("edit /usr/local/bin/python daily", .path).isEmpty)
        XCTAssertFalse(marked("see src/app.py and ~/conf/settings", .path).isEmpty)
        XCTAssertFalse(marked("C:\\Program\\Tools", .path).isEmpty)
        // Lists of technologies written with slashes are prose.
        XCTAssertEqual(prose("Python/Django/Flask, CI/CD, TCP/IP, PL/SQL, React/Node.js").count,
                       tok.tokenize("Python/Django/Flask, CI/CD, TCP/IP, PL/SQL, React/Node.js").count)
    }

    func testCodeCalls() {
        XCTAssertEqual(marked("call df.groupby(key) or print() here", .code), ["df.groupby", "print"])
        // A name in parentheses after a word is prose: "Go (golang)".
        XCTAssertTrue(marked("Go (golang) and Rust", .code).isEmpty)
    }

    func testPlainProseIsUnchanged() {
        let text = "We use Python, Go and C++ in San Francisco; e.g. node.js and .NET. Salary: $100k/year."
        XCTAssertEqual(prose(text).count, tok.tokenize(text).count)
    }
}
