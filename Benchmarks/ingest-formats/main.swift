// Parse throughput of the XML feed and HTML page readers (SkillIngest), without matching or storage.
// Built by Benchmarks/ingest-formats.sh as a tiny package next to the sources; not part of the product.
import CLibXML2
import Foundation
import SkillIngest

let args = CommandLine.arguments
let work = args.count > 1 ? args[1] : "/tmp/skillradar-ingest-bench"
let feedMB = args.count > 2 ? Int(args[2]) ?? 200 : 200
let pages = args.count > 3 ? Int(args[3]) ?? 2000 : 2000
try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)

/// Seeded words so the inputs are deterministic and not trivially compressible.
var state: UInt64 = 7
func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
}
let words = ["python", "kubernetes", "data", "engineer", "team", "cloud", "we", "are", "looking", "for", "a", "with",
             "experience", "in", "sql", "and", "react", "node.js", "c++", "security", "the", "of", "to", "build"]
func sentence(_ n: Int) -> String { (0..<n).map { _ in words[Int(next() % UInt64(words.count))] }.joined(separator: " ") }

// An RSS feed of about `feedMB` MB: items with entity-encoded HTML descriptions (as real feeds have).
let feedPath = work + "/feed.rss"
var items = 0
if !FileManager.default.fileExists(atPath: feedPath) {
    _ = FileManager.default.createFile(atPath: feedPath, contents: nil)
    let h = try FileHandle(forWritingTo: URL(fileURLWithPath: feedPath))
    try h.write(contentsOf: Data("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>bench</title>\n".utf8))
    var written = 0
    var chunk = ""
    while written < feedMB << 20 {
        items += 1
        chunk += "<item><title>\(sentence(4)) \(items)</title><link>https://example.org/jobs/\(items)</link>"
            + "<guid>job-\(items)</guid><pubDate>Mon, 04 Mar 2024 10:00:00 +0000</pubDate><author>Acme \(items % 97)</author>"
            + "<category>python</category><description>&lt;p&gt;\(sentence(120))&lt;/p&gt;&lt;ul&gt;&lt;li&gt;\(sentence(20))&lt;/li&gt;&lt;/ul&gt;</description></item>\n"
        if chunk.utf8.count > 1 << 20 {
            written += chunk.utf8.count
            try h.write(contentsOf: Data(chunk.utf8))
            chunk = ""
        }
    }
    try h.write(contentsOf: Data((chunk + "</channel></rss>\n").utf8))
    try h.close()
}

// `pages` HTML pages of ~20 KB with navigation, scripts and a JSON-LD JobPosting in every other page.
let pageDir = work + "/pages"
try FileManager.default.createDirectory(atPath: pageDir, withIntermediateDirectories: true)
var pagePaths: [String] = []
for i in 0..<pages {
    let p = pageDir + "/page\(i).html"
    pagePaths.append(p)
    if FileManager.default.fileExists(atPath: p) { continue }
    let ld = i % 2 == 0 ? "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"JobPosting\",\"title\":\"Job \(i)\",\"datePosted\":\"2024-01-0\(i % 9 + 1)\",\"hiringOrganization\":{\"name\":\"Org \(i)\"},\"jobLocation\":{\"address\":{\"addressLocality\":\"City \(i % 13)\"}},\"description\":\"<p>\(sentence(200))</p>\"}</script>" : ""
    var body = "<header><nav><ul>" + (0..<30).map { "<li><a href=\"/x\($0)\">\(sentence(2))</a></li>" }.joined() + "</ul></nav></header>"
    body += "<main><article><h1>Job \(i)</h1>" + (0..<25).map { _ in "<p>\(sentence(60))</p>" }.joined() + "</article></main>"
    body += "<footer><p>\(sentence(30))</p></footer><script>var x = \"\(sentence(50))\";</script>"
    let html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Job \(i)</title>\(ld)</head><body>\(body)</body></html>"
    try Data(html.utf8).write(to: URL(fileURLWithPath: p))
}

/// CPU seconds of this process (the machine may be shared: CPU time is steadier than wall time).
func cpu() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

/// FNV-1a over every record's fields: equal digests before and after a change mean equal results.
var digest: UInt64 = 0xcbf2_9ce4_8422_2325
func fold(_ r: PostingRecord) {
    for part in [r.sourceID ?? "-", r.title, r.text, r.date ?? "-", r.region ?? "-", r.employer ?? "-"] {
        for b in part.utf8 { digest = (digest ^ UInt64(b)) &* 0x100_0000_01b3 }
        digest = (digest ^ 0x1F) &* 0x100_0000_01b3
    }
}

func size(_ p: String) -> Int { ((try? FileManager.default.attributesOfItem(atPath: p))?[.size] as? Int) ?? 0 }
let reader = InputReader()
let noHash = String(repeating: "0", count: 64) // parse throughput only: file hashing is measured elsewhere

var best = 0.0, bestCPU = 0.0
var records = 0, quarantined = 0
for _ in 0..<3 {
    records = 0; quarantined = 0
    digest = 0xcbf2_9ce4_8422_2325
    let t0 = Date(), c0 = cpu()
    try reader.read(feedPath, format: .xml, fileDigest: noHash) { e in
        if case .record(let r) = e { records += 1; fold(r) } else { quarantined += 1 }
    }
    best = max(best, Double(size(feedPath)) / 1e6 / Date().timeIntervalSince(t0))
    bestCPU = max(bestCPU, Double(size(feedPath)) / 1e6 / (cpu() - c0))
}
print(String(format: "xml  feed: %.1f MB, %d records, %d quarantined, best of 3: %.1f MB/s (per CPU second: %.1f), digest %016llx",
             Double(size(feedPath)) / 1e6, records, quarantined, best, bestCPU, digest))

// Baseline: libxml2's xmlTextReader alone over the same file (count <item> elements, nothing else).
var rawBest = 0.0, rawCPU = 0.0
var rawItems = 0
for _ in 0..<3 {
    rawItems = 0
    let t0 = Date(), c0 = cpu()
    guard let r = xmlReaderForFile(feedPath, nil, Int32(XML_PARSE_NONET.rawValue)) else { fatalError("reader") }
    while xmlTextReaderRead(r) == 1 {
        if xmlTextReaderNodeType(r) == 1, let n = xmlTextReaderConstLocalName(r), strcmp(n, "item") == 0 { rawItems += 1 }
    }
    xmlFreeTextReader(r)
    rawBest = max(rawBest, Double(size(feedPath)) / 1e6 / Date().timeIntervalSince(t0))
    rawCPU = max(rawCPU, Double(size(feedPath)) / 1e6 / (cpu() - c0))
}
print(String(format: "xml  baseline (xmlTextReader loop only): %d items, best of 3: %.1f MB/s (per CPU second: %.1f)",
             rawItems, rawBest, rawCPU))

let totalHTML = pagePaths.reduce(0) { $0 + size($1) }
best = 0
bestCPU = 0
var dated = 0
for _ in 0..<3 {
    records = 0; quarantined = 0; dated = 0
    digest = 0xcbf2_9ce4_8422_2325
    let t0 = Date(), c0 = cpu()
    for p in pagePaths {
        try reader.read(p, format: .html, fileDigest: noHash) { e in
            if case .record(let r) = e { records += 1; fold(r); if r.date != nil { dated += 1 } } else { quarantined += 1 }
        }
    }
    best = max(best, Double(totalHTML) / 1e6 / Date().timeIntervalSince(t0))
    bestCPU = max(bestCPU, Double(totalHTML) / 1e6 / (cpu() - c0))
}
print(String(format: "html pages: %d pages, %.1f MB, %d records (%d with JSON-LD dates), %d quarantined, best of 3: %.1f MB/s (per CPU second: %.1f), digest %016llx",
             pagePaths.count, Double(totalHTML) / 1e6, records, dated, quarantined, best, bestCPU, digest))
