import XCTest
@testable import SkillDedup

final class SkillDedupPlaceholderTests: XCTestCase {
    func testModuleLinks() { XCTAssertNotNil(SkillDedupModule.self) }
}
