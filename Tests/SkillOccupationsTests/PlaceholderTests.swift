import XCTest
@testable import SkillOccupations

final class SkillOccupationsPlaceholderTests: XCTestCase {
    func testModuleLinks() { XCTAssertNotNil(SkillOccupationsModule.self) }
}
