import XCTest
@testable import SkillPlaces

/// A coordinate pair as the location (schema.org `geo` without an address) is the likeliest city near it.
final class CoordinateTests: XCTestCase {
    func testCoordinatesGiveTheNearestLargeCity() throws {
        let n = try Shipped.normalizer()
        for (raw, city) in [("52.52, 13.405", "2950159"), ("48.137,11.575", "2867714"),
                            ("37.7749 -122.4194", "5391959"), ("51.5072; -0.1276", "2643743")] {
            let r = n.normalize(raw)
            XCTAssertEqual(r.cities.map(\.code), [city], "\(raw): \(r.evidence)")
            XCTAssertEqual(r.confidence, 1, raw)
        }
        // Mid-ocean: no city within reach, nothing invented.
        XCTAssertFalse(n.normalize("0.0, -160.0").isPlaced)
        // Not coordinates: numbers that are not a latitude/longitude pair, or integers (street numbers, codes).
        XCTAssertNil(PlaceNormalizer.coordinates("123.4, 500.2"))
        XCTAssertNil(PlaceNormalizer.coordinates("75008, 12"))
        XCTAssertNil(PlaceNormalizer.coordinates("Paris, 75008"))
    }
}
