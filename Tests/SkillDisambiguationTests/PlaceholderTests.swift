import XCTest
@testable import SkillDisambiguation

final class SkillDisambiguationPlaceholderTests: XCTestCase {
    func testModuleLinks() { XCTAssertNotNil(SkillDisambiguationModule.self) }
}
