import XCTest
@testable import SkillDedup

/// Bugs found by the fuzz targets (Tests/Fuzz/crashes), kept fixed.
final class FuzzRegressionTests: XCTestCase {
    /// Shingle sizes 6–16 rotated word hashes by 65+ bits and trapped on the first long posting.
    func testEveryValidShingleSizeFingerprintsLongText() throws {
        let text = (1...40).map { "word\($0)" }.joined(separator: " ")
        for k in 1...16 {
            let h = MinHasher(parameters: NearDuplicateParameters(shingleSize: k))
            let a = h.fingerprint(text), b = h.fingerprint(text)
            XCTAssertEqual(a, b, "deterministic at shingle size \(k)")
            XCTAssertEqual(a.shingles.count, 40 - k + 1, "one shingle per window at size \(k)")
        }
    }

    /// Rotation wraps modulo 64 and never changes the default scheme (size 5 rotates by at most 52 bits).
    func testRotateWrapsModulo64() {
        let x: UInt64 = 0x0123_4567_89AB_CDEF
        XCTAssertEqual(MinHasher.rotate(x, by: 65), MinHasher.rotate(x, by: 1))
        XCTAssertEqual(MinHasher.rotate(x, by: 64), x)
        XCTAssertEqual(MinHasher.rotate(x, by: 52), (x << 52) | (x >> 12))
    }
}
