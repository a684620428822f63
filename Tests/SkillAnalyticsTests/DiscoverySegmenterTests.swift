import Foundation
import XCTest
import SkillIO
@testable import SkillAnalytics

/// Chinese segmentation for discovery, with the shipped word list (`Taxonomies/zh-words/words.tsv.gz`, from
/// jieba's dictionary) and sentences of the Chinese posts (ruanyf weekly "who is hiring").
final class DiscoverySegmenterTests: XCTestCase {
    nonisolated(unsafe) static var cached: ChineseSegmenter?

    /// The shipped list, parsed as the pipeline parses it (`ChineseWordList.load`).
    func segmenter() throws -> ChineseSegmenter {
        if let s = Self.cached { return s }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let path = root.appendingPathComponent("Taxonomies/zh-words/words.tsv.gz").path
        let bytes = try readFileBytes(path)
        var rows: [(word: String, freq: Int, tag: Substring)] = []
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") where !line.hasPrefix("#") {
            let f = line.split(separator: "\t")
            if f.count >= 3, let n = Int(f[1]) { rows.append((String(f[0]), n, f[2])) }
        }
        XCTAssertGreaterThan(rows.count, 200_000)
        let s = ChineseSegmenter(words: rows)
        Self.cached = s
        return s
    }

    func words(_ s: ChineseSegmenter, _ text: String) -> [String] {
        let chars = text.map(String.init)
        var out: [String] = []
        var at = 0
        for w in s.segment(chars) {
            out.append(chars[at..<(at + w.length)].joined())
            at += w.length
        }
        return out
    }

    func testSegmentsRealSentences() throws {
        let s = try segmenter()
        XCTAssertEqual(words(s, "负责任务调度的配置以及关键数据监控"), ["负责", "任务", "调度", "的", "配置", "以及", "关键", "数据", "监控"])
        XCTAssertEqual(words(s, "熟悉基于的版本管理和项目工作流"), ["熟悉", "基于", "的", "版本", "管理", "和", "项目", "工作", "流"])
        XCTAssertEqual(words(s, "分库分表"), ["分库", "分表"])
        XCTAssertEqual(words(s, "制定技术规范编写技术文档"), ["制定", "技术规范", "编写", "技术", "文档"])
        XCTAssertEqual(words(s, "参数调优"), ["参数", "调", "优"], "调优 is not in jieba's dictionary")
        XCTAssertEqual(words(s, "解决高并发访问场景"), ["解决", "高", "并发", "访问", "场景"])
        XCTAssertEqual(s.wordClass("解决"), .verb)
        XCTAssertEqual(s.wordClass("紧急"), .adjective)
        XCTAssertEqual(s.wordClass("前端"), .localizer)
        XCTAssertEqual(s.segment([]), [])
        XCTAssertEqual(s.segment(["𠀀"]).map(\.length), [1], "a character not in the list is a word of its own")
    }

    func testWordClassesFromJiebaTags() {
        XCTAssertEqual(ChineseSegmenter.WordClass(tag: "nz"), .noun)
        XCTAssertEqual(ChineseSegmenter.WordClass(tag: "vn"), .verbalNoun)
        XCTAssertEqual(ChineseSegmenter.WordClass(tag: "vd"), .verb)
        XCTAssertEqual(ChineseSegmenter.WordClass(tag: "uj"), .function)
        XCTAssertEqual(ChineseSegmenter.WordClass(tag: "eng"), .noun)
        XCTAssertEqual(ChineseSegmenter.WordClass(tag: "b"), .other)
    }

    /// Discovery tokens of a string: CJK characters one by one, runs of ASCII letters as words, `,` punctuation;
    /// `*` before a character marks it covered. Segmented with `s` when given.
    func tokens(_ text: String, _ s: ChineseSegmenter?) -> [DiscoveryToken] {
        var out: [DiscoveryToken] = []
        var offset = 0
        var covered = false
        var latin = ""
        func flushLatin() {
            guard !latin.isEmpty else { return }
            out.append(DiscoveryToken(text: latin, kind: .word, covered: false, start: offset, end: offset + latin.utf8.count))
            offset += latin.utf8.count
            latin = ""
        }
        for ch in text {
            if ch == "*" { covered = true; continue }
            if ch.isASCII, ch.isLetter { latin.append(ch); continue }
            flushLatin()
            if ch == " " { offset += 1; continue }
            let t = String(ch)
            let kind: DiscoveryToken.Kind = ch == "," || ch == "，" || ch == "、" ? .punct : .cjk
            out.append(DiscoveryToken(text: t, kind: kind, covered: covered, start: offset, end: offset + t.utf8.count))
            offset += t.utf8.count
            covered = false
        }
        flushLatin()
        if let s { DiscoveryToken.segment(&out, with: s) }
        return out
    }

    func keys(_ text: String, _ s: ChineseSegmenter?) -> Set<String> {
        Set(TermDiscovery(parameters: DiscoveryParameters()).candidates(tokens(text, s)).keys.map(TermDiscovery.display))
    }

    func testCandidatesFollowWordsOnRealSentences() throws {
        let s = try segmenter()
        // Fragments that cut through words are gone; the words and noun phrases stay.
        let a = keys("熟悉基于的版本管理和项目工作流", s)
        XCTAssertTrue(a.contains("项目工作流"))
        XCTAssertTrue(a.contains("版本管理"))
        XCTAssertFalse(a.contains("作流"), "cuts through 工作")
        XCTAssertFalse(a.contains("本管"))
        XCTAssertTrue(keys("熟悉基于的版本管理和项目工作流", nil).contains("本管"), "unsegmented text: as before")

        let b = keys("比如应用容器，分库分表，消息，缓存等", s)
        XCTAssertTrue(b.contains("分库分表"))
        XCTAssertFalse(b.contains("库分"))

        let c = keys("负责任务调度的配置以及关键数据监控", s)
        XCTAssertTrue(c.contains("任务调度"))
        XCTAssertFalse(c.contains("责任"), "负责 + 任务, not 责任")

        XCTAssertTrue(keys("对容器化技术有深入理解", s).contains("容器化"))
        XCTAssertFalse(keys("对*容*器化技术有深入理解", s).contains("化技术"), "a suffix does not start a term")
        XCTAssertTrue(keys("无埋点从入门到放弃", s).contains("埋点"), "two one-character words: an unknown word")

        // Verb phrases, adjectives, words cut in two.
        XCTAssertFalse(keys("负责解决前端开发流程中的各种痛点", s).contains("解决前端"), "starts with a verb")
        XCTAssertFalse(keys("制定技术规范，编写技术文档，参与团队组织工作", s).contains("编写技术文档"))
        XCTAssertTrue(keys("制定技术规范，编写技术文档，参与团队组织工作", s).contains("技术文档"))
        XCTAssertFalse(keys("下午茶、节日礼包等不定期发放", s).contains("不定期发放"))
        XCTAssertFalse(keys("处理紧急问题", s).contains("紧急"), "an adjective alone is not a term")
        let d = keys("解决高并发访问场景下的电话系统", s)
        XCTAssertFalse(d.contains("解决高"))
        XCTAssertTrue(d.contains("电话系统"))
        XCTAssertFalse(d.contains("访问场景"), "starts with a verb")
        XCTAssertFalse(keys("JVM参数调优等基础知识", s).contains("参数调"))
        XCTAssertFalse(keys("接口自动化测试经验者优先", s).contains("测试经验者"), "ends in a suffix")

        // Latin tokens next to Chinese keep their rules.
        XCTAssertEqual(keys("熟悉 Kubernetes 容器", s), ["Kubernetes", "容器", "Kubernetes 容器"])
    }

    /// One-word Chinese candidates that are everyday words (the real corpus' former rising "terms" 概念, 参数, 命令,
    /// 内存 of `linux 命令`, AI 概念, 内核参数) are left out; technical words the list knows but rarely sees stay.
    func testEverydayChineseWordsAreNotNewTerms() throws {
        let s = try segmenter()
        XCTAssertEqual(s.zipf("概念") ?? 0, 4.87, accuracy: 0.01, "4435 of 59.7M words")
        for w in ["概念", "参数", "命令", "内存", "自动"] {
            XCTAssertTrue(Termhood.isEverydayWord(w, ordinaryEnglish: [], chinese: s), w)
        }
        for w in ["鸿蒙", "跨平台", "知识库", "面向对象", "动画", "容器化", "分库分表", "埋点"] {
            XCTAssertFalse(Termhood.isEverydayWord(w, ordinaryEnglish: [], chinese: s), w)
        }
        XCTAssertFalse(Termhood.isEverydayWord("概念", ordinaryEnglish: [], chinese: nil), "no list: no judgement")
        XCTAssertTrue(Termhood.isEverydayWord("Models", ordinaryEnglish: ["models"], chinese: s))
        XCTAssertFalse(Termhood.isEverydayWord("language models", ordinaryEnglish: ["language", "models"], chinese: s),
                       "a phrase of ordinary words goes to the context test")
    }
}
