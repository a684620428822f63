import Foundation
import SkillSynth
import XCTest
import SkillTokenizer
@testable import SkillMatcher

/// Collects per-thread results behind a lock.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Int: [[Match]]] = [:]

    func set(_ thread: Int, _ value: [[Match]]) {
        lock.lock()
        results[thread] = value
        lock.unlock()
    }

    func get(_ thread: Int) -> [[Match]]? {
        lock.lock()
        defer { lock.unlock() }
        return results[thread]
    }
}

final class MatcherConcurrencyTests: XCTestCase {
    func testSharedMatcherFromFourThreads() {
        var rng = SplitMix64(seed: 7)
        let generated = MatcherReferenceTests.generateLabels(count: 1500, &rng)
        var builder = MatcherBuilder()
        for (k, l) in generated.labels.enumerated() { builder.add(l.text, value: UInt32(k), exactCase: l.exact) }
        let matcher = builder.build()
        let texts: [[UInt8]] = (0..<24).map { _ in MatcherReferenceTests.generateText(words: 800, labels: generated, &rng) }

        func runAll(_ kind: MatchKind, scratch: inout MatchScratch) -> [[Match]] {
            texts.map { text in
                var out: [Match] = []
                text.withUnsafeBufferPointer { matcher.matches(in: $0, kind: kind, scratch: &scratch, into: &out) }
                return out
            }
        }

        for kind in MatchKind.allCases {
            var single = MatchScratch()
            let expected = runAll(kind, scratch: &single)
            XCTAssertGreaterThan(expected.map(\.count).reduce(0, +), 1000, "the texts must produce matches")
            let box = ResultBox()
            DispatchQueue.concurrentPerform(iterations: 4) { thread in
                var scratch = MatchScratch()
                // Each thread walks the texts in its own rotation, several rounds, so that calls interleave.
                var results = Array(repeating: [Match](), count: texts.count)
                for round in 0..<3 {
                    for step in 0..<texts.count {
                        let index = (step + thread * 5 + round) % texts.count
                        var out: [Match] = []
                        texts[index].withUnsafeBufferPointer {
                            matcher.matches(in: $0, kind: kind, scratch: &scratch, into: &out)
                        }
                        if round == 0 {
                            results[index] = out
                        } else if out != results[index] {
                            results[index] = [] // recorded as a mismatch below
                        }
                    }
                }
                box.set(thread, results)
            }
            for thread in 0..<4 {
                XCTAssertEqual(box.get(thread), expected, "thread \(thread) \(kind.rawValue)")
            }
        }
    }
}
