import XCTest
@testable import SkillOccupations

/// Role extraction without a gazetteer: the classes of header the extractor must read (the role gold measures
/// the rest).
final class RoleExtractorTests: XCTestCase {
    let x = RoleExtractor(places: nil)

    func phrases(_ title: String, _ text: String = "", employer: String? = nil) -> [String] {
        x.roles(title: title, text: text, employer: employer).map(\.phrase)
    }

    func testTitlesHeadersAndLists() {
        XCTAssertEqual(phrases("Senior Backend Developer (Python/Django)"), ["Senior Backend Developer"])
        XCTAssertEqual(phrases("", "Aha! (http://www.aha.io) | Rails / Devops / Front End | REMOTE"),
                       ["Rails", "Devops", "Front End"])
        XCTAssertEqual(phrases("", "# 字节跳动南京研发部招：前端开发工程师、服务端开发工程师、大数据开发工程师"),
                       ["前端开发工程师", "服务端开发工程师", "大数据开发工程师"])
        XCTAssertEqual(phrases("", "We're hiring: Senior Data Engineer (m/w/d)"), ["Senior Data Engineer"])
        XCTAssertEqual(phrases("Data Systems Developer / Web Application Developer"),
                       ["Data Systems Developer", "Web Application Developer"])
        XCTAssertEqual(phrases("", "We are looking for three developers and two data engineers"),
                       ["developers", "data engineers"])
    }

    func testWhatIsNotARole() {
        XCTAssertEqual(phrases("", "Oscar Insurance is a startup using technology, data & design to make insurance simple"), [])
        XCTAssertEqual(phrases("", "# 【阿里巴巴】【杭州】淘宝特价版技术团队招人，看到最后有惊喜~"), [])
        XCTAssertEqual(phrases("", "![image](https://user-images.githubusercontent.com/1/2.png)"), [])
        // Prose after the first line is not a header.
        XCTAssertEqual(phrases("", "Welcome to our company.\nOur CTO and two engineers founded it in 2015 after years of work."), [])
    }

    func testTheEmployersNameIsNotPartOfTheRole() {
        XCTAssertEqual(phrases("ACME Example Developer", employer: "ACME Example"), ["Developer"])
        XCTAssertEqual(phrases("", "# 拼多多高级开发工程师", employer: "拼多多"), ["高级开发工程师"])
        XCTAssertEqual(phrases("", "# 字节跳动互娱研发 ⏎".replacingOccurrences(of: " ⏎", with: ""), employer: "字节跳动互娱研发"), [])
    }

    func testKeysAreSharedAcrossSpellings() {
        XCTAssertEqual(RoleKey.key("Senior Backend Engineer (m/w/d)"), RoleKey.key("backend engineers"))
        XCTAssertEqual(RoleKey.key("高级前端工程师"), RoleKey.key("前端工程师"))
        XCTAssertEqual(RoleKey.key("Python / Django Engineer"), RoleKey.key("Python Django engineer"))
    }
}
