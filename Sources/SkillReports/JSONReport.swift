import Foundation
import SkillAnalytics

/// Serialises `ReportData` as pretty-printed JSON with sorted keys (stable byte for byte) and reads it back.
/// Non-finite numbers are written as the strings `"Infinity"`, `"-Infinity"` and `"NaN"`.
public enum JSONReport {
    /// The JSON document for `data`, ending with a newline.
    public static func render(_ data: ReportData) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: infinity, negativeInfinity: "-" + infinity, nan: nan)
        let bytes = try encoder.encode(data)
        return String(decoding: bytes, as: UTF8.self) + "\n"
    }

    /// Decodes a document written by `render(_:)`.
    public static func decode(_ json: String) throws -> ReportData {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: infinity, negativeInfinity: "-" + infinity, nan: nan)
        return try decoder.decode(ReportData.self, from: Data(json.utf8))
    }

    private static let infinity = "Infinity"
    private static let nan = "NaN"
}
