import XCTest
@testable import SkillMatcher

/// Bugs found by the fuzz targets (Tests/Fuzz/crashes), kept fixed.
final class BoundaryImageFuzzRegressionTests: XCTestCase {
    /// A corrupt `count --cache` image claiming billions of labels is refused without reserving memory for them.
    func testHugeLabelCountIsRefused() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fuzz/crashes/boundary_image--huge-label-count-reserve")
        let bytes = try [UInt8](Data(contentsOf: url))
        XCTAssertEqual(bytes.count, 28)
        let m = bytes.withUnsafeBytes { BoundaryMatcher(serialized: $0) }
        XCTAssertNil(m)
    }
}
