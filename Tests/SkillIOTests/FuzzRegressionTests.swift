import XCTest
@testable import SkillIO

/// Bugs found by the fuzz targets (Tests/Fuzz/crashes), kept fixed.
final class TranscoderFuzzRegressionTests: XCTestCase {
    /// A dangling high surrogate followed by one odd byte at the end: two errors, two U+FFFD.
    func testHighSurrogateThenOddByteGivesTwoReplacementCharacters() {
        let out = Transcoder.utf8([0x3D, 0xD8, 0x41], from: .utf16LE)
        XCTAssertEqual(String(decoding: out, as: UTF8.self), "\u{FFFD}\u{FFFD}")
        XCTAssertEqual(String(decoding: Transcoder.utf8([0xD8, 0x3D, 0x41], from: .utf16BE), as: UTF8.self),
                       "\u{FFFD}\u{FFFD}")
        // Each alone: one replacement character.
        XCTAssertEqual(String(decoding: Transcoder.utf8([0x3D, 0xD8], from: .utf16LE), as: UTF8.self), "\u{FFFD}")
        XCTAssertEqual(String(decoding: Transcoder.utf8([0x41, 0x00, 0x42], from: .utf16LE), as: UTF8.self), "A\u{FFFD}")
    }
}
