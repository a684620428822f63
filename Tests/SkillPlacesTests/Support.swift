import Foundation
import XCTest
import SkillPipeline
@testable import SkillPlaces

/// Paths shared by the place tests.
enum Paths {
    /// The package root (three levels above this file).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The shipped gazetteer (in the repository: these tests need no ../shared data).
    static let places = root.appendingPathComponent("Taxonomies/places").path

    /// The location gold and its guidelines.
    static let gold = root.appendingPathComponent("Tests/fixtures/places/location-gold.tsv").path
}

/// The shipped gazetteer, loaded once per test process (loading takes ~0.25 s): a `static let` is lazy and its
/// initialisation thread-safe. A load error is kept and rethrown by every test that needs the gazetteer.
enum Shipped {
    private static let loaded: Result<PlaceNormalizer, any Error> = Result {
        PlaceNormalizer(gazetteer: try PlaceLoading.load(Paths.places))
    }

    static func normalizer() throws -> PlaceNormalizer { try loaded.get() }
}

/// Assertions on a resolution, with the raw string and the normaliser's summary and evidence in each message.
extension PlaceResolution {
    var explained: String { "'\(raw)' -> \(summary) [\(evidence.joined(separator: " | "))]" }
}

/// City keys of a resolution's places, in order (`city:5391959`).
func cityKeys(_ r: PlaceResolution) -> [String] { r.cities.map(\.key) }

/// Keys of a resolution's places, in order.
func placeKeys(_ r: PlaceResolution) -> [String] { r.places.map(\.key) }

/// GeoNames ids used across the tests.
enum City {
    static let london = "city:2643743", londonOntario = "city:6058560", berlin = "city:2950159"
    static let cambridgeGB = "city:2653941", cambridgeMA = "city:4931972"
    static let sanFrancisco = "city:5391959", newYork = "city:5128581", washington = "city:4140963"
    static let portlandOregon = "city:5746545", portlandMaine = "city:4975802"
    static let paris = "city:2988507", parisTexas = "city:4717560"
    static let beijing = "city:1816670", shenzhen = "city:1795565", shanghai = "city:1796236"
    static let guangzhou = "city:1809858", hangzhou = "city:1808926", chengdu = "city:1815286"
    static let amsterdam = "city:2759794", singapore = "city:1880252", hongKong = "city:1819729"
    static let indianapolis = "city:4259418", toronto = "city:6167865", munich = "city:2867714"
    static let dublin = "city:2964574", warsaw = "city:756135", austin = "city:4671654"
    static let boston = "city:4930956", stLouis = "city:4407066", chongqing = "city:1814906"
}
