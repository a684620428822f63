// swift-tools-version: 6.1
// skillradar: job-posting corpora -> ICT skill trends and qualification gaps.
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
]

let package = Package(
    name: "skillradar",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "skillradar", targets: ["skillradar"]),
        .executable(name: "skillradar-serve", targets: ["skillradar-serve"]),
        .library(name: "SkillMatcher", targets: ["SkillTokenizer", "SkillMatcher"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // SHA-256 for content, file and taxonomy digests (BoringSSL, hardware SHA extensions where present).
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        // The query service (`skillradar serve`): HTTP/1.1 on SwiftNIO. Default traits off (no swift-configuration).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0", traits: []),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // System libraries (Debian: libxml2-dev, libsqlite3-dev, zlib1g-dev).
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0",
                       providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3",
                       providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib",
                       providers: [.apt(["zlib1g-dev"])]),

        // Pure core: no I/O.
        .target(name: "SkillTokenizer", swiftSettings: strict),
        .target(name: "SkillMatcher", dependencies: ["SkillTokenizer"], swiftSettings: strict),

        // Byte sources, gzip, line and CSV/JSON readers shared by taxonomy and ingestion; number formatting.
        .target(name: "SkillIO", dependencies: ["CZlib", .product(name: "Crypto", package: "swift-crypto")], swiftSettings: strict),
        .target(name: "SkillTaxonomy", dependencies: ["SkillTokenizer", "SkillMatcher", "SkillIO", "CLibXML2"],
                swiftSettings: strict),
        // Context rules: confidence and evidence for ambiguous labels (pure).
        .target(name: "SkillDisambiguation", dependencies: ["SkillTokenizer", "SkillMatcher"], swiftSettings: strict),
        // Near-duplicate detection: MinHash over word shingles with LSH banding (pure).
        .target(name: "SkillDedup", dependencies: ["SkillTokenizer"], swiftSettings: strict),
        // Job title -> ESCO occupation / ISCO-08 / O*NET-SOC coding.
        .target(name: "SkillOccupations", dependencies: ["SkillTokenizer", "SkillMatcher", "SkillIO", "SkillTaxonomy",
                                                         "SkillPlaces"],
                swiftSettings: strict),
        // Free-text locations -> places of a GeoNames-derived gazetteer (pure; SkillIO only for number formatting).
        .target(name: "SkillPlaces", dependencies: ["SkillIO"], swiftSettings: strict),
        // Precision/recall against gold data (SkillSpan, Decorte).
        .target(name: "SkillEval",
                dependencies: ["SkillTokenizer", "SkillMatcher", "SkillTaxonomy", "SkillDisambiguation", "SkillIO"],
                swiftSettings: strict),
        .target(name: "SkillIngest", dependencies: ["SkillIO", "CLibXML2"], swiftSettings: strict),
        .target(name: "SkillStore", dependencies: ["CSQLite", "SkillIO", "SkillIngest"], swiftSettings: strict),
        .target(name: "SkillAnalytics", dependencies: ["SkillStore", "SkillIO", "SkillSynth", "SkillOccupations"], swiftSettings: strict),
        .target(name: "SkillReports", dependencies: ["SkillAnalytics", "SkillIO"], swiftSettings: strict),
        .target(name: "SkillSynth", swiftSettings: strict),
        .target(name: "SkillPipeline",
                dependencies: ["SkillTokenizer", "SkillMatcher", "SkillTaxonomy", "SkillIngest",
                               "SkillStore", "SkillAnalytics", "SkillIO", "SkillDedup", "SkillDisambiguation",
                               "SkillOccupations", "SkillPlaces", "SkillReports", "SkillEval"],
                swiftSettings: strict),
        // The query service: JSON API, pages and programme uploads over the query layer (its own module, so the
        // core builds and tests without SwiftNIO).
        .target(name: "SkillServe",
                dependencies: ["SkillPipeline", "SkillAnalytics", "SkillReports", "SkillStore", "SkillIO", "SkillTaxonomy",
                               "SkillMatcher", "SkillIngest", "SkillDisambiguation", "SkillTokenizer",
                               .product(name: "Hummingbird", package: "hummingbird"),
                               .product(name: "NIOCore", package: "swift-nio"),
                               .product(name: "Logging", package: "swift-log"),
                               .product(name: "HTTPTypes", package: "swift-http-types"),
                               .product(name: "ArgumentParser", package: "swift-argument-parser")],
                swiftSettings: strict),
        .executableTarget(
            name: "skillradar",
            dependencies: [
                "SkillPipeline", "SkillReports", "SkillSynth", "SkillEval", "SkillOccupations", "SkillPlaces",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict),
        // `skillradar serve` runs this executable (git-style: the CLI execs `skillradar-serve` beside it), so that
        // the core CLI and its release benchmarks build without SwiftNIO.
        .executableTarget(name: "skillradar-serve", dependencies: ["SkillServe"], swiftSettings: strict),

        .testTarget(name: "SkillTokenizerTests", dependencies: ["SkillTokenizer", "SkillSynth"], swiftSettings: strict),
        .testTarget(name: "SkillMatcherTests", dependencies: ["SkillMatcher", "SkillSynth"], swiftSettings: strict),
        .testTarget(name: "SkillIOTests", dependencies: ["SkillIO"], swiftSettings: strict),
        .testTarget(name: "SkillTaxonomyTests", dependencies: ["SkillTaxonomy", "SkillSynth"], swiftSettings: strict),
        .testTarget(name: "SkillIngestTests", dependencies: ["SkillIngest", "SkillIO", "SkillSynth"], swiftSettings: strict),
        .testTarget(name: "SkillStoreTests", dependencies: ["SkillStore", "SkillIO", "SkillIngest"], swiftSettings: strict),
        .testTarget(name: "SkillAnalyticsTests", dependencies: ["SkillAnalytics", "SkillIO", "SkillOccupations"], swiftSettings: strict),
        .testTarget(name: "SkillReportsTests", dependencies: ["SkillReports"], swiftSettings: strict),
        .testTarget(name: "SkillSynthTests", dependencies: ["SkillSynth"], swiftSettings: strict),
        .testTarget(name: "SkillDisambiguationTests", dependencies: ["SkillDisambiguation", "SkillTaxonomy"],
                    swiftSettings: strict),
        .testTarget(name: "SkillDedupTests", dependencies: ["SkillDedup", "SkillSynth"], swiftSettings: strict),
        .testTarget(name: "SkillOccupationsTests", dependencies: ["SkillOccupations", "SkillTaxonomy", "SkillMatcher"],
                    swiftSettings: strict),
        .testTarget(name: "SkillEvalTests", dependencies: ["SkillEval"], swiftSettings: strict),
        .testTarget(name: "SkillPlacesTests", dependencies: ["SkillPlaces", "SkillPipeline"], swiftSettings: strict),
        .testTarget(name: "SkillServeTests", dependencies: ["SkillServe", "skillradar", "skillradar-serve"],
                    swiftSettings: strict),
        .testTarget(name: "EndToEndTests", dependencies: ["SkillPipeline", "skillradar", "SkillAnalytics",
                                                         "SkillDisambiguation", "SkillTaxonomy", "SkillMatcher"],
                    swiftSettings: strict),
    ]
)
