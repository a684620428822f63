import XCTest
@testable import SkillEval

final class SkillEvalPlaceholderTests: XCTestCase {
    func testModuleLinks() { XCTAssertNotNil(SkillEvalModule.self) }
}
