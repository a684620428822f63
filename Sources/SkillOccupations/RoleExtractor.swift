import Foundation
import SkillPlaces

/// A role phrase a posting advertises, where it was found, and its clustering key.
public struct ExtractedRole: Sendable, Hashable {
    /// As written ("Senior Backend Engineer", "前端开发工程师", "Rails").
    public var phrase: String
    /// The normalised role (``RoleExtractor/key(_:)``): lower case, no seniority, contract or gender markers.
    public var key: String
    /// `title`, `header line 2`, with the rule that took it (`role word`, `list after 招`, `role slot`).
    public var evidence: String
}

/// Roles out of messy headers: a posting's title field when it is a job title, else its header lines
/// ("Aha! | Rails / Devops / Front End | REMOTE", "# 字节跳动南京研发部招：前端开发工程师、服务端开发工程师",
/// "We're hiring: Senior Data Engineer"). Several roles per posting; company names, places, employment terms and
/// URLs are not roles. Pure.
///
/// A line is cut into segments at list separators (`|`, `、`, `,`, `;`, ` / `, ` - `, brackets). A segment is a
/// role when it contains a role word (engineer, developer, Entwickler, 工程师, 前端, ...) — the phrase is the role
/// word with up to four words before it, stopping at articles and verbs — or when it stands in the role slot of a
/// `|` header (the segment after the company) and is a short name of a function ("Rails / Devops / Front End").
public struct RoleExtractor: Sendable {
    let places: PlaceNormalizer?

    public init(places: PlaceNormalizer?) { self.places = places }

    // MARK: vocabulary

    /// Heads of job titles (lower case; plural and feminine forms included), in the languages of the network.
    static let roleWords: Set<String> = [
        // English
        "engineer", "engineers", "developer", "developers", "dev", "devs", "programmer", "programmers", "scientist",
        "scientists", "analyst", "analysts", "designer", "designers", "manager", "managers", "architect",
        "architects", "administrator", "administrators", "admin", "sysadmin", "devops", "sre", "consultant",
        "consultants", "tester", "testers", "specialist", "specialists", "researcher", "researchers", "intern",
        "interns", "lead", "cto", "cio", "ciso", "vp", "head", "director", "owner", "officer", "technician",
        "technicians", "coordinator", "writer", "editor", "trainer", "postdoc", "phd", "stipend", "fellow",
        "apprentice", "hacker", "hackers", "ninja", "expert", "experts", "operator", "master", "strategist",
        "statistician", "mathematician", "modeller", "modeler", "lecturer", "professor", "support", "recruiter",
        "marketer", "advocate", "evangelist", "coach", "mentor", "instructor", "auditor", "controller", "founder",
        "cofounder", "co-founder", "partner", "associate", "assistant", "graduate", "student", "maintainer",
        "contributor", "webmaster", "dba", "qa", "sdet", "swe", "mle", "pm", "ux", "ui", "representative",
        "representatives", "worker", "workers", "employee", "guru", "hunter", "agent", "agents", "clerk", "executive",
        "accountant", "economist", "physicist", "chemist", "biologist", "nurse", "surgeon", "physician", "teacher",
        "planner", "buyer", "salesperson", "technologist", "postdoctoral", "post-doctoral", "post-doc",
        "professorship", "lectureship",
        // German, French, Spanish, Italian, Polish, Portuguese, Dutch
        "entwickler", "entwicklerin", "ingenieur", "ingenieurin", "informatiker", "informatikerin",
        "fachinformatiker", "berater", "beraterin", "architektin", "architekt", "leiter", "leiterin",
        "administratorin", "programmierer", "programmiererin", "softwareentwickler", "werkstudent",
        "développeur", "développeuse", "ingénieur", "ingénieure", "chef", "responsable", "analyste", "concepteur",
        "desarrollador", "desarrolladora", "ingeniero", "ingeniera", "programador", "programadora", "analista",
        "jefe", "sviluppatore", "sviluppatrice", "ingegnere", "programmatore", "programista", "programistka",
        "inżynier", "kierownik", "desenvolvedor", "engenheiro", "programeur", "ontwikkelaar",
        "beheerder",
    ]
    /// Role words that name no position alone ("Lead", "Support", "Graduate").
    static let genericRoleWords: Set<String> = [
        "lead", "support", "head", "partner", "associate", "owner", "master", "expert", "experts", "officer",
        "director", "assistant", "graduate", "student", "fellow", "pm", "ui", "ux", "qa", "dev", "devs", "founder",
        "cofounder", "co-founder", "admin", "intern", "interns",
    ]
    /// Academic roles and the words that name their post ("PhD scholarship", "post-doctoral position").
    static let academicRoles: Set<String> = ["phd", "postdoc", "post-doc", "postdoctoral", "post-doctoral", "doctoral"]
    static let academicPosts: Set<String> = ["position", "scholarship", "fellowship", "stipend", "studentship"]
    /// Generic role words that still name a position of their own, never a modifier of the next one: "Co-Founder /
    /// CTO" is two roles, "Lead / Senior Engineer" one.
    static let positionsAlone: Set<String> = ["founder", "cofounder", "co-founder", "owner", "director", "officer"]
    /// Words that end a role phrase when found before the role word ("looking for *a* Data Engineer").
    static let phraseStops: Set<String> = [
        "a", "an", "the", "our", "your", "we", "are", "is", "for", "to", "of", "as", "and", "or", "with", "hiring",
        "looking", "seeking", "seeks", "join", "need", "needs", "want", "wanted", "searching", "hire", "hires",
        "who", "that", "this", "new", "experienced", "talented", "passionate", "motivated", "great", "awesome",
        "smart", "enthusiastic", "dedicated", "driven", "ambitious", "curious", "eager", "skilled", "bright",
        "brilliant", "outstanding", "exceptional", "energetic", "proactive", "committed", "born", "speaking",
        "amazing", "you", "be", "will", "can", "at", "in", "on", "by", "from", "ein", "eine", "einen", "un", "une",
        "des", "le", "la", "el", "los", "wir", "suchen", "recherchons", "buscamos", "cerchiamo", "szukamy",
        "hiring:", "role", "position", "job", "opening", "openings", "one", "two", "three", "four", "five",
        "six", "several", "multiple", "few", "some", "many", "more", "additional", "other",
    ]
    /// CJK role words: a CJK segment containing one of these (at its end, or followed only by qualifiers) is a role.
    static let cjkRoleWords = [
        "工程师", "开发", "研发", "架构师", "经理", "设计师", "专家", "实习生", "运维", "测试", "产品", "研究员", "主管",
        "负责人", "总监", "分析师", "算法", "前端", "后端", "客户端", "服务端", "全栈", "运营", "程序员", "技术支持",
        "科学家", "顾问", "leader", "Leader", "主程", "组长", "讲师", "编辑", "安卓", "开发者", "开发人员", "后台",
        "数据分析", "大数据", "嵌入式", "自动化测试", "移动端",
        "合伙人", "交易员", "专员", "助理", "管理员", "技术员", "策划", "大前端", "售前", "售后", "前后端", "教师",
        // Traditional script ("後端工程師", "IOS開發工程師").
        "工程師", "開發", "架構師", "設計師", "經理", "專家", "研究員", "後端", "客戶端", "測試", "運維",
    ]
    /// A CJK role word alone names no position ("工程师" after 「基础平台研发」, "专家" as a level after a slash).
    static let genericCJK: Set<String> = ["工程师", "专家", "实习生", "经理", "主管", "负责人", "总监", "顾问", "Leader",
                                          "leader", "技术专家", "开发", "研发"]
    /// Functions that name a position in a list of openings (前端/测试/后端/产品), not alone in a sentence.
    static let listOnlyCJK: Set<String> = ["测试", "产品", "运营", "算法", "开发", "研发"]
    /// Programming languages and platforms that name a role when they stand alone in a field of a header.
    static let techNames: Set<String> = [
        "java", "python", "go", "golang", "rust", "c++", "c#", "php", "ruby", "scala", "kotlin", "swift", "javascript",
        "js", "typescript", "node", "nodejs", "node.js", "ios", "android", "flutter", "react", "vue", "angular", "h5",
        "web", ".net", "unity", "linux", "erlang", "elixir", "haskell", "perl", "lua", "objective-c", "delphi",
        "clojure", "dart", "matlab", "sql", "devops", "sre", "qa", "frontend", "backend", "fullstack", "ai", "ml",
        "nlp", "react-native", "windows", "mac", "macos", "pc", "harmonyos", "u3d", "ue", "ue5", "unity3d", "cocos",
    ]
    /// Contact labels that follow a list of roles ("前端开发，VX：…", "Email: …"): not roles.
    static let contactWords: Set<String> = ["vx", "wx", "v", "qq", "wechat", "weixin", "email", "e-mail", "mail",
                                            "tel", "phone", "微信", "邮箱", "电话", "联系方式", "简历"]
    /// The text before a contact label with its colon ("前端开发，VX：123", "Email: …"): what follows is contact data.
    static func beforeContact(_ s: String) -> String {
        guard s.utf8.contains(UInt8(ascii: ":")) || s.contains("：") else { return s }
        let lower = s.lowercased()
        var cut = lower.endIndex
        for w in contactWords where w.count >= 2 {
            var from = lower.startIndex
            while let r = lower.range(of: w, range: from..<lower.endIndex) {
                from = r.upperBound
                let next = lower[r.upperBound...].first { $0 != " " }
                // A Latin label is a word of its own ("Email:", not "…email:").
                let wordStart = r.lowerBound == lower.startIndex || !lower[lower.index(before: r.lowerBound)].isLetter
                    || w.unicodeScalars.contains(where: PlaceText.isCJKScalar)
                if (next == ":" || next == "：") && wordStart && r.lowerBound < cut { cut = r.lowerBound }
            }
        }
        guard cut < lower.endIndex, let i = String.Index(cut, within: s) else { return s }
        return String(s[..<i])
    }

    /// Employment terms and markers that are not roles.
    static let employmentWords: Set<String> = [
        "remote", "onsite", "on-site", "hybrid", "full-time", "fulltime", "full", "time", "part-time", "parttime",
        "contract", "permanent", "freelance", "visa", "sponsorship", "relocation", "intern", "internship",
        "interns", "equity", "salary", "benefits", "h1b", "tn", "m/w/d", "m/f/d", "f/m/d", "w/m/d", "wfh",
        "远程", "全职", "兼职", "实习", "内推", "急招", "正式岗", "正式", "全职岗", "实习岗", "兼职岗", "招聘", "招人", "社招", "校招", "hc", "大量", "坑位", "base", "应届生", "应届", "毕业生",
    ]
    /// Cues after which a line lists roles.
    static let cues = ["we're hiring:", "we are hiring:", "now hiring:", "hiring:", "is hiring", "are hiring",
                       "we're hiring", "we are hiring", "we're recruiting:", "we are recruiting:", "is recruiting:", "recruiting:",
                       "looking for", "seeking", "we are finding", "position:",
                       "job title:", "role:", "roles:", "职位名称：", "岗位名称：", "职位名称:", "岗位名称:", "在招岗位：",
                       "招聘岗位：", "岗位包括", "岗位涵盖", "职位包括", "职位涵盖", "岗位：", "职位：", "岗位:", "职位:", "招聘：", "招聘:", "诚聘", "急招",
                       "招：", "招:", "招聘", "招收", "招", "急缺", "寻找", "需要", "个人求职", "求职",
                       // A job seeker's cues: the role sought follows ("应聘前端开发", "蹲一个后端岗").
                       "应聘", "應徵", "職缺", "徵才", "誠徵", "應聘", "现寻", "蹲", "招募", "急寻", "寻", "急聘", "热招", "直招", "诚邀", "寻求", "找",
                       // A job seeker's direction ("目前方向为：Java后端（广州）").
                       "方向为：", "方向为:", "方向规划为：", "求职意向：", "意向岗位：", "目标岗位：",
                       // A label in brackets ("【岗位名称】：AI应用开发工程师").
                       "岗位名称】：", "职位名称】：", "岗位】：", "职位】：", "岗位名称】", "职位名称】",
                       "join us as a", "join us as an", "join our team as a", "join our team as an"]

    // MARK: extraction

    /// CJK role words that name a position on their own (工程师, 架构师); the others (前端, 开发, 算法) name one only in
    /// a list of openings, after a hiring cue, or in brackets.
    static let strongCJKRoleWords = ["工程师", "架构师", "经理", "设计师", "专家", "实习生", "研究员", "主管", "负责人",
                                     "总监", "分析师", "程序员", "科学家", "顾问", "开发者", "开发人员", "Leader", "leader",
                                     "合伙人", "交易员", "专员", "助理", "管理员", "技术员", "教师",
                                     "工程師", "架構師", "設計師", "經理", "專家", "研究員"]
    /// What follows a role in a CJK list and is not part of it (岗位, 同学, 各类人才).
    static let cjkRoleTails = ["相关人才", "各类人才", "多类研发", "各类研发", "等职位", "等岗位", "招聘", "招人", "岗位", "职位", "同学", "人才", "等", "们",
                               "大量", "内推", "均有", "都有", "都要", "均可", "岗", "急招", "应届生", "应届", "毕业生", "社招", "校招", "工作"]
    /// Qualifiers in front of a role that are not part of it.
    static let leadingQualifiers: Set<String> = ["remote", "contractor", "contract", "freelance", "freelancer",
                                                 "pre-ipo", "part-time", "full-time", "parttime", "fulltime",
                                                 "temporary", "interim", "permanent", "required", "urgent"]

    /// The roles of a posting whose employer is known: as ``roles(title:text:)``, with the employer's name taken off
    /// the front of a role ("ACME Example Developer" of ACME Example is a Developer; "拼多多高级开发工程师" of 拼多多
    /// is a 高级开发工程师) and a "role" that is the employer's name dropped.
    public func roles(title: String, text: String, employer: String?) -> [ExtractedRole] {
        let found = roles(title: title, text: text)
        // An employer field that is a job title (a heading taken for the company: "AI大模型后端工程师") names no company.
        guard let employer = employer?.trimmingCharacters(in: .whitespaces), employer.count >= 2,
              !Self.endsInStrongRoleWord(employer) else { return found }
        var out: [ExtractedRole] = []
        for var r in found {
            guard var rest = Self.withoutEmployer(r.phrase, employer: employer) else { continue }
            // The name written twice, in two scripts ("希沃 seewo Android系统工程师" of 希沃（seewo）).
            if rest != r.phrase, let again = Self.withoutEmployer(rest, employer: employer) { rest = again }
            if rest != r.phrase {
                // After the company, a CJK name in front of a platform function is its team ("腾讯微信视频号前端").
                rest = Self.withoutTeamBeforePlatform(rest)
                guard let k = Self.key(rest) else { continue }
                r = ExtractedRole(phrase: rest, key: k, evidence: r.evidence + ", employer's name removed")
            }
            if !out.contains(where: { $0.key == r.key }) { out.append(r) }
        }
        return out
    }

    /// A role phrase without the employer's name in front of it, or nil when the phrase is the employer's name.
    /// The name in front is the employer field or a part of it ("阿里巴巴-Lazada" → 阿里巴巴, Lazada), its words
    /// ("AHL Quant Platform Developer" of Man AHL), or, in CJK, the first half of it or more ("秘猿" of 秘猿科技);
    /// what is left must still hold a role word.
    static func withoutEmployer(_ phrase: String, employer: String) -> String? {
        let lower = phrase.lowercased()
        let e = employer.lowercased()
        // Every case below needs the phrase's first two characters, or its first two after leading punctuation,
        // in the name (a part, a name word and a CJK half all have two or more): most phrases fail this at once,
        // before the name is split into parts.
        let head = lower.unicodeScalars.drop(while: { $0 == " " || $0 == "\t" })
        func inName(_ h: Substring.UnicodeScalarView) -> Bool {
            var it = h.makeIterator()
            guard let a = it.next(), let b = it.next() else { return true } // too short to tell: the full check
            var previous: Unicode.Scalar?
            for c in e.unicodeScalars {
                if previous == a, c == b { return true }
                previous = c
            }
            return false
        }
        guard inName(head) || inName(head.drop(while: { wordEdge.contains($0) })) else { return phrase }
        let parts = [e] + e.split(whereSeparator: { "-–—|/,()（）·".contains($0) })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.count >= 2 }
        if parts.contains(lower) { return nil }
        func roleLeft(_ rest: String) -> String? {
            let t = withoutLeadingCount(rest.trimmingCharacters(in: trim))
            return !t.isEmpty && containsRoleWord(t) ? t : nil
        }
        // What is left is a role only when it names one ("七牛云实习生" is the company's internship, no role).
        func generic(_ rest: String) -> Bool {
            genericCJK.contains(rest) || genericRoleWords.contains(normalWord(rest)) && words(rest).count == 1
        }
        // The whole name or a part of it in front.
        for part in parts.sorted(by: { $0.count > $1.count }) where lower.hasPrefix(part) {
            if let rest = roleLeft(String(phrase.dropFirst(part.count))) { return generic(rest) ? nil : rest }
        }
        // Leading words that are words of the employer's name: two or more, or one written as a name (AHL of
        // Man AHL), not an ordinary word that a name also uses ("Data" of Open Data Services).
        let nameWords = Set(words(e).map(normalWord).filter { $0.count >= 2 })
        let ws = words(phrase)
        var n = 0
        while n < ws.count - 1, nameWords.contains(normalWord(ws[n])), !roleWords.contains(normalWord(ws[n])) { n += 1 }
        let nameLike = n >= 2 || n == 1 && ws[0].filter(\.isUppercase).count >= 2
        if nameLike, let rest = roleLeft(ws[n...].joined(separator: " ")) { return generic(rest) ? nil : rest }
        // A CJK name shortened to its first half or more (秘猿 of 秘猿科技).
        let pc = Array(phrase), ec = Array(employer)
        var common = 0
        while common < min(pc.count, ec.count), pc[common] == ec[common],
              pc[common].unicodeScalars.first.map(PlaceText.isCJKScalar) == true { common += 1 }
        if common >= 2, common * 2 >= ec.count, let rest = roleLeft(String(pc[common...])) { return generic(rest) ? nil : rest }
        // Or shortened to its first two characters or more, then a team before a platform function ("字节教育后端研发"
        // of 字节跳动教育): the caller takes the team off.
        if common >= 2, let rest = roleLeft(String(pc[common...])), platformFunctions.contains(where: { rest.contains($0) }),
           withoutTeamBeforePlatform(rest) != rest { return rest }
        return phrase
    }

    /// The roles of a posting: from its title when the title is a job title, else from its header lines.
    public func roles(title: String, text: String) -> [ExtractedRole] {
        var out: [ExtractedRole] = []
        // The text read so far (the header lines a role can come from): where a phrase's leading dot is looked for.
        var read = text.startIndex
        // The line being read (the title, then each header line): a role the writer says is theirs is looked for there.
        var current = title[...]
        func add(_ phrase: String, _ evidence: String) {
            let p = Self.withLeadingDot(phrase.trimmingCharacters(in: Self.phraseEdge), in: [title[...], text[..<read]])
            guard !p.isEmpty, let k = Self.key(p), !out.contains(where: { $0.key == k }),
                  !Self.writersOwnRole(p, in: current) else { return }
            out.append(ExtractedRole(phrase: p, key: k, evidence: evidence))
        }
        if !title.isEmpty {
            // Titles repeat: their roles are remembered (per place-awareness; the title alone decides them).
            let fromTitle = Self.titleCache.value((places == nil ? "0" : "1") + title) {
                let t = Self.withoutRadicals(title.trimmingCharacters(in: .whitespacesAndNewlines))
                var found = roles(inLine: t, cue: Self.cue(in: t))
                if found.isEmpty { found = clauseRoles(t) }
                if found.isEmpty, let agent = Self.agentTitle(t), !isNotRole(agent) { found = [(agent, "an agent noun")] }
                for (p, why) in found { add(p, "title, " + why) }
                return out
            }
            if !fromTitle.isEmpty { return fromTitle }
        }
        var n = 0
        var foundAt = 0
        var foundLine = ""
        var labelAbove = false
        for line in text.split(whereSeparator: \.isNewline) {
            read = line.endIndex
            current = line
            let trimmed = line.drop { $0 == " " }
            // A bold line is a heading; a bold paragraph is emphasis ("**公司研发中心设在广州。…**").
            let heading = trimmed.first == "#"
                || (trimmed.hasPrefix("**") && trimmed.hasSuffix("**") && trimmed.utf8.count <= Self.shortLineBytes)
            let l = Self.withoutRadicals(Self.stripMarkup(line))
            if l.isEmpty { continue }
            n += 1
            if n > Self.headerLines { break }
            guard l.utf8.count <= Self.headerBytes else {
                // A long paragraph names openings only in a list ("多个社招岗位开放中（前端开发，SRE，golang后端，…）").
                if foundAt == 0 {
                    for (p, why) in proseListRoles(l) { add(p, "header line \(n), " + why) }
                    if !out.isEmpty { foundAt = n; foundLine = l }
                }
                continue
            }
            if labelAbove, foundAt == 0 {
                // "### 岗位 ⏎ Java 开发工程师": the line under a label lists the roles.
                labelAbove = false
                for (p, why) in roles(inLine: l, cue: ("招", l)) { add(p, "header line \(n), under a label, " + why) }
                if !out.isEmpty { foundAt = n; foundLine = l }
                continue
            }
            if foundAt == 0, Self.isLabel(l) {
                labelAbove = true
                continue
            }
            if foundAt > 0 {
                // After the line that named the roles, a header line may announce more openings ("另有「移动端开发」、
                // 「前端开发」", "we also hire …") or write one of them in full ("招后端开发 ⏎ 后端开发工程师 18k").
                let also = Self.cue(in: l, from: Self.alsoCueBytes)
                // A line shaped like the one that named the roles (the same fields in front: "- [蚂蚁 - 某部 - …](…)"
                // twice) names another opening.
                if Self.sameFieldsInFront(l, foundLine) {
                    for (p, why) in roles(inLine: l, cue: Self.cue(in: l)) { add(p, "header line \(n), same fields as line \(foundAt), " + why) }
                    continue
                }
                guard also != nil || heading || l.utf8.count <= Self.shortLineBytes else { continue }
                let lineCue = Self.cue(in: l)
                // A field that names the post ("职位名称：高级Web前端工程师", "Position: ..."), at the line's start.
                let field = lineCue.map { c in Self.fieldCues.contains(c.cue.lowercased())
                    && l.lowercased().trimmingCharacters(in: Self.trim).hasPrefix(c.cue.lowercased().trimmingCharacters(in: Self.trim)) } ?? false
                var found = roles(inLine: l, cue: also ?? lineCue)
                // A later line that is a job title and nothing else names another opening ("招聘前端、后端测试以及算法 ⏎
                // JAVA开发工程师"), as a heading does.
                lazy var titleAlone = l.count <= 40 && titleLine(l) != nil
                // "既招开发人员也招技术Leader": a hiring cue before the "also" cue lists openings as well.
                if let a = also, l.hasSuffix(a.after) {
                    let cut = l.utf8.count - a.after.utf8.count - a.cue.utf8.count
                    if cut > 0, let before = String(l.utf8.prefix(cut)), let c = Self.cue(in: before) {
                        found = roles(inText: c.after, list: true, explicit: false, why: "list after '\(c.cue)'") + found
                    }
                }
                for (p, why) in found {
                    let phrase = p.trimmingCharacters(in: Self.phraseEdge)
                    guard let k = Self.key(phrase), !out.contains(where: { $0.key == k }) else { continue }
                    // The same post written shorter ("Java开发工程师 ⏎ 岗位名称：Java工程师") adds nothing.
                    if also == nil, out.contains(where: { Self.shorterForm(k, of: $0.key) }) { continue }
                    // A field naming the post, or a later line that is a job title alone, writes a role found above in
                    // full ("# Talkdesk - 架构师 ⏎ … ⏎ 资深服务端架构师").
                    if let i = out.firstIndex(where: { Self.writesInFull(k, $0.key) || (field || titleAlone) && k.hasSuffix($0.key) }),
                       Self.endsInStrongRoleWord(phrase) {
                        out[i] = ExtractedRole(phrase: phrase, key: k, evidence: "header line \(n), \(why), written in full")
                    } else if also != nil || (heading || field || titleAlone) && Self.endsInStrongRoleWord(phrase) {
                        // A later heading naming a position is another opening ("# DevOps 研发工程师").
                        add(phrase, "header line \(n), " + why)
                    }
                }
                continue
            }
            // The first line is the header when it is short or a heading; later lines only as headings or when
            // they announce openings ("在招岗位：…", "We're hiring: …").
            let cue = Self.cue(in: l)
            guard heading || cue != nil || (n == 1 && (l.utf8.count <= Self.shortLineBytes || l.contains("|"))) else {
                // A later short line that is a job title and nothing else ("金连连科技有限公司 ⏎ 高级前端开发工程师").
                if n > 1, foundAt == 0, l.count <= 40, let title = titleLine(l) {
                    add(title, "header line \(n), a job title alone")
                    if !out.isEmpty { foundAt = n; foundLine = l }
                } else if n > 1, foundAt == 0, l.count <= 40, l.contains("、") || l.contains("/"),
                          !Self.requirementWords.contains(where: { l.lowercased().contains($0) }),
                          case let list = roles(inLine: l, cue: nil), list.count >= 2 {
                    // A later short line listing openings ("前端、后端、数据均有HC。").
                    for (p, why) in list { add(p, "header line \(n), a short list, " + why) }
                    if !out.isEmpty { foundAt = n; foundLine = l }
                } else if foundAt == 0 {
                    // A sentence that names the post ("A 3-year PhD scholarship is available", "become a …").
                    var found = clauseRoles(l)
                    // Or lists openings in running prose ("…团队，有前端、后端岗位，HC 充足").
                    if found.isEmpty { found = proseListRoles(l) }
                    for (p, why) in found { add(p, "header line \(n), " + why) }
                    if !out.isEmpty { foundAt = n; foundLine = l }
                }
                continue
            }
            var found = roles(inLine: l, cue: cue)
            if found.isEmpty { found = clauseRoles(l) }
            if found.isEmpty { found = proseListRoles(l) }
            for (p, why) in found { add(p, "header line \(n), " + why) }
            if !out.isEmpty { foundAt = n; foundLine = l }
        }
        return out
    }

    /// Whether `phrase` is the writer's own role in `line`: it follows "我是" / "I am" / "I'm" in its clause, with no
    /// hiring word between ("我是编程猫产品线的产品负责人，…" names who writes, not the opening; "I'm the CTO and we are
    /// hiring a Backend Engineer" still names the engineer).
    static func writersOwnRole(_ phrase: String, in line: Substring) -> Bool {
        let lower = line.lowercased()
        guard let at = lower.range(of: phrase.lowercased()) else { return false }
        let before = lower[..<at.lowerBound]
        guard let cue = ["我是", "i am ", "i'm ", "i’m "].compactMap({ before.range(of: $0, options: .backwards) })
            .max(by: { $0.lowerBound < $1.lowerBound }) else { return false }
        let between = before[cue.upperBound...]
        return between.count <= 30 && !between.contains(where: { "，。,.;；!！?？:：\n".contains($0) })
            && !["招", "寻", "hir", "look", "seek", "we ", "我们", "join"].contains(where: { between.contains($0) })
    }

    /// `short` is `long` without its activity words (开发, 研发) or spaces: "java 工程师" of "java 开发工程师".
    static func shorterForm(_ short: String, of long: String) -> Bool {
        func bare(_ k: String) -> String {
            var b = k.replacingOccurrences(of: " ", with: "")
            for w in ["开发", "研发"] { b = b.replacingOccurrences(of: w, with: "") }
            return b
        }
        return short.count < long.count && !bare(short).isEmpty && bare(short) == bare(long)
    }

    /// Alternatives written with their head once, as one role (guideline 7), beyond the two of a slash:
    /// 1. a bare head after a list, apart from its last item by a space: "React/iOS/Java/数据/测试 工程师", "后台/前端 开发";
    /// 2. languages or platforms in Latin letters listed before a role that ends in a head word: "Golang、C++、Java工程师";
    /// 3. a level written as an alternative after a role: "容器云研发工程师/专家" (the post is open at either level).
    static func sharingOneHead(_ items: [CJKItem]) -> [CJKItem] {
        var segs = items
        func latinName(_ raw: String) -> Bool {
            let t = raw.trimmingCharacters(in: .whitespaces)
            return !t.isEmpty && t.count <= 16 && t.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+#.-".contains($0)) }
                && t.contains(where: \.isLetter) && !roleWords.contains(t.lowercased())
        }
        func merge(_ from: Int, _ to: Int, spaced: Bool) {
            var text = ""
            for k in from...to {
                text += segs[k].text
                if k < to { text += spaced && k == to - 1 ? " " : (segs[k].slashAfter ? "/" : "、") }
            }
            // What follows the run is what follows its last item; brackets hold only when around all of it.
            var merged = segs[to]
            merged.text = text
            merged.bracketed = segs[from].bracketed && merged.bracketed
            merged.paren = segs[from].paren && merged.paren
            segs[from] = merged
            segs.removeSubrange((from + 1)...to)
        }
        var k = 1
        while k < segs.count {
            let y = segs[k]
            // The run of alternatives before item k: items joined by a slash or 、 (the last one may end in a space).
            var start = k - 1
            while start > 0, segs[start - 1].enumerated, !segs[start - 1].fieldAfter, !segs[start - 1].labelAfter { start -= 1 }
            let bareHead = ["各种", "各类", "多种"].reduce(y.text) { t, q in t.hasPrefix(q) ? String(t.dropFirst(q.count)) : t }
            if sharedHeads.contains(bareHead), segs[k - 1].spaceAfter, start < k - 1,
               (start..<(k - 1)).allSatisfy({ segs[$0].enumerated }),
               (start..<k).allSatisfy({ !strongCJKRoleWords.contains(where: segs[$0].text.contains) }) {
                merge(start, k, spaced: true)
                k = start + 1
                continue
            }
            var names = k
            while names > start, latinName(segs[names - 1].text), segs[names - 1].enumerated, !segs[names - 1].orAfter { names -= 1 }
            // The head is a role's head word ("Java工程师"), or a function that ends the list ("Java、Go后端"); a
            // function with more openings after it is an item of its own ("Java / C / C++ / web前端 / 产品经理").
            if names < k, !segs[k - 1].spaceAfter, !y.bracketed,
               endsInStrongCJKRoleWord(y.text) || sharedHeads.contains(where: { y.text.hasSuffix($0) })
                || endsInCJKRoleWord(y.text) && !y.enumerated,
               latinName(String(y.text.prefix { $0.isASCII }).trimmingCharacters(in: .whitespaces)) {
                merge(names, k, spaced: false)
                k = names + 1
                continue
            }
            if segs[k - 1].slashAfter, RoleKey.isLevelAlternative(y.text, of: segs[k - 1].text) {
                merge(k - 1, k, spaced: false)
                continue
            }
            k += 1
        }
        return segs
    }
    /// Heads a list of alternatives may share, written once after it.
    static let sharedHeads: Set<String> = ["工程师", "开发", "研发", "开发工程师", "研发工程师", "工程師", "开发者"]

    /// A phrase whose name starts with a dot where it is written (".NET Developer", ".Net软件工程师"): trimming
    /// punctuation off the phrase's edges took the dot, which is part of the technology's name. The dot is given back
    /// when the source (the title, the header lines read) writes it right before the phrase, after a space, a line
    /// start or a non-Latin character.
    static func withLeadingDot(_ p: String, in sources: [Substring]) -> String {
        guard let first = p.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic else { return p }
        for source in sources {
            var from = source.startIndex
            while let r = source.range(of: "." + p, range: from..<source.endIndex) {
                if r.lowerBound == source.startIndex { return "." + p }
                let before = source[source.index(before: r.lowerBound)]
                if !(before.isASCII && (before.isLetter || before.isNumber || before == ".")) { return "." + p }
                from = source.index(after: r.lowerBound)
            }
        }
        return p
    }

    /// Roles that running prose lists in one sentence ("…团队，有前端、后端岗位，HC 充足", "多个社招岗位开放中（前端开发，
    /// SRE，golang后端，QA测试，数据分析，客户端，…）", "前端/后端/客户端/算法/数据科学等岗位等你来投"): a run of short items
    /// that each name a role, three or more, or two joined by 、 or /, or two before 岗位, 都有, 均有.
    func proseListRoles(_ l: String) -> [(String, String)] {
        guard l.unicodeScalars.contains(where: PlaceText.isCJKScalar) else { return [] }
        var out: [(String, String)] = []
        for sentence in l.split(whereSeparator: { "。！？；!?;".contains($0) }) {
            // A sentence about openings: one that names posts, hiring or head counts ("…有前端、后端岗位"), not a
            // description of a product or a business ("提供产品、研发、运营的端到端服务").
            guard ["岗", "职位", "招", "HC", "hc", "都有", "均有", "人才"].contains(where: { sentence.contains($0) }) else { continue }
            var items: [(text: String, sep: Character)] = []
            var cur = ""
            var sep: Character = " "
            for c in sentence {
                if "，,、/／（）()：:".contains(c) {
                    items.append((cur, sep))
                    cur = ""
                    sep = c
                } else {
                    cur.append(c)
                }
            }
            items.append((cur, sep))
            var run: [[String]] = []
            var listed = false
            func close() {
                let n = run.reduce(0) { $0 + $1.count }
                if n >= 3 || n >= 2 && listed {
                    for r in run.joined() where !out.contains(where: { $0.0 == r }) { out.append((r, "a list in prose")) }
                }
                run = []
                listed = false
            }
            for (text, s) in items {
                var t = text.trimmingCharacters(in: Self.trim)
                if t.isEmpty { continue } // "，，"
                // "有前端、后端岗位": "有" (there are) before the first item.
                if t.hasPrefix("有"), Self.cjkRoleWords.contains(where: { t.dropFirst().hasPrefix($0) }) { t.removeFirst() }
                var found: [String] = []
                if t.count <= 12 {
                    if t.unicodeScalars.contains(where: PlaceText.isCJKScalar) {
                        found = cjkRoles(t, list: true)
                    } else if let r = latinRoles(t).first, r == t || Self.words(t).count <= 3 {
                        found = [r]
                    }
                }
                if found.isEmpty { close(); continue }
                if !run.isEmpty, "、/／".contains(s) { listed = true }
                if ["岗位", "职位", "都有", "均有", "等岗位", "等职位"].contains(where: { t.hasSuffix($0) }), !run.isEmpty { listed = true }
                run.append(found)
            }
            close()
        }
        return out
    }

    /// The role of a line that is a job title and nothing else: one role ending in a word that names a position,
    /// covering the line but for a parenthetical ("中级客户端开发工程师（iOS）", "Senior Data Engineer").
    func titleLine(_ l: String) -> String? {
        let found = roles(inLine: l, cue: nil)
        guard found.count == 1, let p = found.first?.0, Self.endsInStrongRoleWord(p) else { return nil }
        var rest = l
        for open in ["（", "("] { if let r = rest.range(of: open) { rest = String(rest[..<r.lowerBound]) } }
        rest = rest.trimmingCharacters(in: Self.trim)
        if rest == p || rest.replacingOccurrences(of: " ", with: "") == p.replacingOccurrences(of: " ", with: "") { return p }
        // The title, then a qualifier after a dash ("服务端研发工程师-研发环境方向").
        if rest.hasPrefix(p), let next = rest.dropFirst(p.count).first, "-–—|｜".contains(next) { return p }
        // Tags in brackets and a place in front of the title ("【社招】北京 web前端工程师").
        var untagged = Substring(l.trimmingCharacters(in: .whitespaces))
        while let open = untagged.first, "【[".contains(open), let close = untagged.firstIndex(where: { "】]".contains($0) }) {
            untagged = untagged[untagged.index(after: close)...].drop { $0 == " " }
        }
        if untagged != Substring(l.trimmingCharacters(in: .whitespaces)) {
            let u = String(untagged).trimmingCharacters(in: Self.trim)
            if u == p || stripLeadingPlace(u) == p { return p }
            if let space = u.firstIndex(of: " "), isNotRole(String(u[..<space])),
               u[space...].trimmingCharacters(in: Self.trim) == p { return p }
        }
        // The title as one of the line's dash fields ("业务技术-高级AI前端开发工程师-直播业务").
        if rest.split(whereSeparator: { "-–—|｜".contains($0) }).map({ $0.trimmingCharacters(in: Self.trim) }).contains(p) { return p }
        // Levels in front of the title ("高级/资深 前端工程师").
        var front = Substring(rest)
        var levelFound = true
        while levelFound {
            levelFound = false
            front = front.drop { " /／、".contains($0) }
            for level in RoleKey.levelWords + ["专家"] where front.hasPrefix(level) && front.count > level.count {
                front = front.dropFirst(level.count)
                levelFound = true
            }
        }
        if front != Substring(rest), front.trimmingCharacters(in: Self.trim) == p { return p }
        return nil
    }

    /// Words after which a sentence names the post ("become a Power Originator", "a job as carrier").
    static let agentCues = ["become a ", "become an ", "become ", "job as a ", "job as an ", "job as ", "position as a ",
                            "position as an ", "position as ", "work as a ", "work as an ", "employed as ", "hired as "]
    /// Words after a clause that names the post ("A 3-year PhD scholarship is available").
    static let postCues = [" is available", " are available", " is vacant", " are vacant", " is now open"]
    /// Agent nouns that name no post.
    static let notAgents: Set<String> = ["member", "members", "part", "partner", "player", "user", "users", "customer",
                                         "customers", "number", "other", "others", "center", "centre", "order", "career",
                                         "leader", "winner", "owner", "employer", "provider", "supporter", "pioneer"]

    /// Roles that a sentence names in a clause before "is available" or after "become a", "job as": a role
    /// phrase, or after such a cue one to four words ending in an agent noun (-er, -or, -ist, -ian).
    func clauseRoles(_ l: String) -> [(String, String)] {
        let lower = l.lowercased()
        guard lower.unicodeScalars.allSatisfy({ !PlaceText.isCJKScalar($0) }) else { return [] }
        for pc in Self.postCues {
            guard let r = lower.range(of: pc), let i = String.Index(r.lowerBound, within: l) else { continue }
            var clause = String(l[..<i])
            if let b = clause.lastIndex(where: { ".:;!?".contains($0) }) { clause = String(clause[clause.index(after: b)...]) }
            let found = latinRoles(clause).filter { Self.endsInStrongRoleWord($0) || Self.academicPosts.contains(Self.normalWord(Self.words($0).last ?? "")) }
            if !found.isEmpty { return found.map { ($0, "before '\(pc.trimmingCharacters(in: .whitespaces))'") } }
        }
        for ac in Self.agentCues {
            guard let r = lower.range(of: ac), let i = String.Index(r.upperBound, within: l),
                  let phrase = agentPhrase(String(l[i...])) else { continue }
            return [(phrase, "after '\(ac.trimmingCharacters(in: .whitespaces))'")]
        }
        return []
    }

    /// A Latin cue's list without the clause that follows its first role ("a Project Manager who works with the
    /// release train engineer", "a Python developer to join our team"): roles named there are no openings.
    static func beforeClause(_ s: String) -> String {
        guard s.unicodeScalars.allSatisfy({ !PlaceText.isCJKScalar($0) }) else { return s }
        let lower = s.lowercased()
        var cut = lower.endIndex
        for w in [" who ", " which ", " that ", " to ", " with ", " in order ", " where "] {
            if let r = lower.range(of: w), r.lowerBound < cut { cut = r.lowerBound }
        }
        guard cut < lower.endIndex, let i = String.Index(cut, within: s) else { return s }
        let head = String(s[..<i])
        return words(head).contains(where: { isRoleWord($0) }) ? head : s
    }

    /// One to four words at the start of `s` ending in an agent noun (-er, -or, -ist, -ian, -eer, also plural) or a
    /// role word, before an article, verb or punctuation ("dancer", "Power Originator", "educated veterinarians").
    func agentPhrase(_ s: String) -> String? {
        var ws: [String] = []
        for w in Self.words(s) {
            let nw = Self.normalWord(w)
            if nw.isEmpty || Self.phraseStops.contains(nw) || ws.count == 4 { break }
            ws.append(w)
            if w.last.map({ ".,;:!?)".contains($0) }) == true { break }
        }
        // The phrase ends at its last agent noun or role word.
        while let last = ws.last {
            var nw = Self.normalWord(last)
            if nw.hasSuffix("s"), nw.count > 6 { nw.removeLast() }
            let agent = nw.count >= 5 && ["er", "or", "ist", "ian", "eer"].contains { nw.hasSuffix($0) }
                && nw.allSatisfy(\.isLetter) && !Self.notAgents.contains(nw) && !Self.titleNotAgents.contains(nw)
            if agent || Self.roleWords.contains(nw) && !Self.genericRoleWords.contains(nw) { break }
            ws.removeLast()
        }
        // An adjective in front is no part of it ("educated veterinarians").
        while ws.count > 1, let first = ws.first, first.first?.isLowercase == true, Self.isAdjective(Self.normalWord(first)) {
            ws.removeFirst()
        }
        guard !ws.isEmpty else { return nil }
        let phrase = ws.joined(separator: " ").trimmingCharacters(in: Self.trim)
        return isNotRole(phrase) ? nil : phrase
    }

    /// Two lines that begin with the same fields: a common start of four characters or more that ends at a field
    /// separator ("蚂蚁 - 可信原生技术部 - ").
    static func sameFieldsInFront(_ a: String, _ b: String) -> Bool {
        guard !b.isEmpty, a != b else { return false }
        var common = 0
        var lastSeparatorEnd = 0
        for (x, y) in zip(a, b) {
            guard x == y else { break }
            common += 1
            if "-–—|｜/】]:：".contains(x) { lastSeparatorEnd = common }
        }
        return lastSeparatorEnd >= 4 && lastSeparatorEnd < a.count
    }

    /// A header line that only labels the next one ("### 岗位 ⏎ Java 开发工程师").
    static let labels: Set<String> = ["岗位", "职位", "招聘岗位", "职位名称", "岗位名称", "在招岗位", "招", "招聘", "position", "positions",
                                      "role", "roles", "job title", "open positions", "openings"]
    /// A line that labels the next one: a label alone ("岗位", "招"), or a line announcing a list ("热招职位如下：",
    /// "Open positions:").
    static func isLabel(_ line: String) -> Bool {
        let t = line.lowercased().trimmingCharacters(in: trim)
        // A field of the post's duties, requirements or description ("岗位职责：", "职位描述") labels no list of posts.
        if ["职责", "描述", "要求", "介绍", "福利", "待遇", "地点", "responsib", "requirement", "description"].contains(where: { t.contains($0) }) {
            return false
        }
        if labels.contains(t) { return true }
        // A short line naming openings ("内推岗位", "热招职位"), or one announcing a collection of them
        // ("阿联酋迪拜Center技术中心岗位合集", "职位列表").
        if t.count <= 6, t.hasSuffix("岗位") || t.hasSuffix("职位") { return true }
        if ["岗位", "职位"].contains(where: { w in ["合集", "列表", "汇总", "一览"].contains { t.hasSuffix(w + $0) } }) { return true }
        let l = line.trimmingCharacters(in: .whitespaces)
        guard l.hasSuffix(":") || l.hasSuffix("：") else { return false }
        // A role before the word for a post is no label ("微视后台开发岗位："); "热招职位如下：" is one.
        for w in ["岗位", "职位"] {
            if let r = t.range(of: w), endsInCJKRoleWord(String(t[..<r.lowerBound]).trimmingCharacters(in: trim)) { return false }
        }
        return ["职位", "岗位", "position", "opening", "roles", "role"].contains { t.contains($0) }
            && (t.hasSuffix("如下") || t.hasSuffix("below") || t.count <= 24)
    }

    /// Cues that name a field holding the post's title ("职位名称：", "Position:"): on a later header line, its roles
    /// count (guideline 9), and a fuller form of an earlier role replaces it ("招聘前端工程师 ⏎ 职位名称： 高级Web前端工程师").
    static let fieldCues: Set<String> = ["position:", "job title:", "role:", "roles:", "职位名称：", "岗位名称：", "职位名称:",
                                         "岗位名称:", "在招岗位：", "招聘岗位：", "岗位：", "职位：", "岗位:", "职位:",
                                         "岗位名称】：", "职位名称】：", "岗位】：", "职位】：", "岗位名称】", "职位名称】"]

    /// Cues of further openings, after the line that named the first ones.
    static let alsoCues = ["另有", "也招", "还招", "同时招", "另外招", "also hiring", "we also hire", "we're also hiring",
                           "we are also hiring", "also looking for"]
    static let alsoCueBytes: [(cue: String, bytes: [UInt8])] = alsoCues.map { ($0, Array($0.utf8)) }

    /// A later role key that writes an earlier one in full: the earlier key, or its end (two characters or more,
    /// at least half of it), begins the later one ("后端开发" → "后端开发工程师"; "c 端前端" → "c 端前端开发工程师").
    static func writesInFull(_ later: String, _ earlier: String) -> Bool {
        guard later.count > earlier.count else { return false }
        if later.hasPrefix(earlier) { return true }
        // With the activity written out ("前端工程师" → "前端开发工程师").
        if shorterForm(earlier, of: later) { return true }
        let e = Array(earlier)
        for start in 1..<max(1, e.count - 1) where (e.count - start) * 2 >= e.count {
            if later.hasPrefix(String(e[start...])) { return true }
        }
        return false
    }

    /// A phrase that ends in a word naming a position on its own (工程师, Engineer), not a function (前端).
    static func endsInStrongRoleWord(_ p: String) -> Bool {
        if endsInStrongCJKRoleWord(p) { return true }
        guard let last = words(p).last else { return false }
        let w = normalWord(last)
        return roleWords.contains(w) && !genericRoleWords.contains(w)
    }

    static let titleCache = SharedCache<[ExtractedRole]>(limit: 100_000)

    static let headerLines = 3
    static let headerBytes = 400
    static let shortLineBytes = 160
    static let trim = CharacterSet(charactersIn: " \t*_#>`\"'“”‘’:：-–—.,;!?~·•「」【】[]()（）…")

    /// Markdown marks, bullets and quote marks at the start of a line; images and URLs anywhere (a link keeps its
    /// text).
    static func stripMarkup(_ line: Substring) -> String {
        var s = String(line.drop { " \t#>*-•·_`".contains($0) })
        // Emphasis inside the line ("**岗位**：大数据SRE").
        if s.contains("**") { s = s.replacingOccurrences(of: "**", with: "") }
        let u = Array(s.utf8)
        let hasLink = !occurrences(of: Array("](".utf8), in: u).isEmpty
        let hasURL = !occurrences(of: Array("http".utf8), in: u).isEmpty || !occurrences(of: Array("www.".utf8), in: u).isEmpty
            || !occurrences(of: Array("mailto:".utf8), in: u).isEmpty
        if !hasLink && !hasURL { return s.trimmingCharacters(in: markupEdge) }
        // ![alt](url) -> "", [text](url) -> text, bare URLs -> "".
        var from = s.startIndex
        while let open = s.range(of: "](", range: from..<s.endIndex),
              let close = s[open.upperBound...].firstIndex(of: ")") {
            guard let start = s[..<open.lowerBound].lastIndex(of: "[") else {
                // "](" without its "[": drop the "(url)" part only.
                s.removeSubrange(s.index(after: open.lowerBound)...close)
                from = s.index(after: open.lowerBound)
                continue
            }
            let image = start > s.startIndex && s[s.index(before: start)] == "!"
            let text = image ? "" : String(s[s.index(after: start)..<open.lowerBound])
            let lower = image ? s.index(before: start) : start
            let offset = s.distance(from: s.startIndex, to: lower)
            s.replaceSubrange(lower...close, with: text)
            from = s.index(s.startIndex, offsetBy: offset + text.count)
        }
        for scheme in ["https://", "http://", "mailto:", "www."] {
            while let r = s.range(of: scheme) {
                let end = s[r.lowerBound...].firstIndex { $0 == " " || $0 == ")" || $0 == "]" || $0 == "，" } ?? s.endIndex
                s.removeSubrange(r.lowerBound..<end)
            }
        }
        return s.trimmingCharacters(in: markupEdge)
    }

    static let markupEdge = CharacterSet(charactersIn: " \t*_#>`")

    /// The line with Kangxi and supplementary radicals written for the characters they look like ("⾼级Java后端⼯程师"
    /// is 高级Java后端工程师): their compatibility forms.
    static func withoutRadicals(_ s: String) -> String {
        func radical(_ u: Unicode.Scalar) -> Bool { (0x2E80...0x2FDF).contains(u.value) }
        guard s.unicodeScalars.contains(where: radical) else { return s }
        var out = ""
        for u in s.unicodeScalars {
            out += radical(u) ? String(u).precomposedStringWithCompatibilityMapping : String(u)
        }
        return out
    }
    /// What a role phrase never begins or ends with: ``trim`` and a slash left of an alternative ("10-15K/前端…").
    static let phraseEdge = trim.union(CharacterSet(charactersIn: "/／"))

    /// The cues as bytes (lower case), for a search on the line's bytes without Foundation.
    static let cueBytes: [(cue: String, bytes: [UInt8])] = cues.map { ($0, Array($0.utf8)) }

    /// Byte offsets in `line` (UTF-8) where `needle` starts, comparing ASCII letters without case.
    static func occurrences(of needle: [UInt8], in hay: [UInt8]) -> [Int] {
        guard let first = needle.first, hay.count >= needle.count else { return [] }
        var out: [Int] = []
        func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }
        var i = 0
        let last = hay.count - needle.count
        while i <= last {
            if lower(hay[i]) == first {
                var k = 1
                while k < needle.count && lower(hay[i + k]) == needle[k] { k += 1 }
                if k == needle.count { out.append(i) }
            }
            i += 1
        }
        return out
    }

    /// The hiring cue of a line and the text after it.
    static func cue(in line: String, from list: [(cue: String, bytes: [UInt8])] = cueBytes) -> (cue: String, after: String)? {
        let bytes = Array(line.utf8)
        for (c, needle) in list {
            for start in occurrences(of: needle, in: bytes) {
                let end = start + needle.count
                guard let idx = String.Index(line.utf8.index(line.utf8.startIndex, offsetBy: end), within: line) else { continue }
                let after = String(line[idx...])
                let rest = after.trimmingCharacters(in: trim)
                if rest.isEmpty { continue }
                // A one-character CJK cue (招) only before a role, a colon or a space ("招募中" is not one).
                if c == "招" || c == "蹲" || c == "寻" || c == "找" {
                    // Emphasis or quotes between the cue and the role ("招**前端、设计**") do not count.
                    var bare = String(after.drop { "*_`「【\"“'".contains($0) })
                    // Nor does a count ("蹲一个前端"); the role follows it.
                    var counted = false
                    for m in ["一个", "一個", "一名", "一位", "一份", "个", "個", "名", "位", "份"] where bare.hasPrefix(m) && bare.count > m.count + 1 {
                        bare.removeFirst(m.count)
                        counted = true
                        break
                    }
                    // A level may precede the role ("招资深Web前端工程师", "招高级Java").
                    var role = bare
                    for level in RoleKey.levelWords where role.hasPrefix(level) {
                        role = String(role.dropFirst(level.count)).trimmingCharacters(in: .whitespaces)
                        break
                    }
                    let next = bare.first
                    let roleNext = cjkRoleWords.contains { role.hasPrefix($0) } || next == "：" || next == ":"
                        || next == " " || next?.isASCII == true && next?.isLetter == true
                        || role != bare && role.first?.isASCII == true && role.first?.isLetter == true
                    if !roleNext { continue }
                    // "找" (look for) is a seeker's cue only before a role ("找java开发"), not before a colon or space.
                    if c == "找", !(cjkRoleWords.contains(where: { role.hasPrefix($0) }) || role.first?.isASCII == true && role.first?.isLetter == true) {
                        continue
                    }
                    if counted { return (c, bare) }
                }
                return (c, after)
            }
        }
        return nil
    }

    /// Roles in one line, each with the rule that took it; `cue` is the line's hiring cue (``cue(in:)``).
    func roles(inLine line: String, cue: (cue: String, after: String)?) -> [(String, String)] {
        if let c = cue {
            // What follows the cue lists the roles; when it names none ("七牛云前端实习生招聘（上海）"), the line
            // before it may.
            let explicit = c.cue.contains("岗位") || c.cue.contains("职位")
            // "内推PHP和前端岗位：base北京，…": the roles stand before the word for the posts, not after it.
            if explicit, line.hasSuffix(c.after), case let cut = line.utf8.count - c.after.utf8.count - c.cue.utf8.count,
               cut > 0, let before = String(line.utf8.prefix(cut)),
               Self.endsInCJKRoleWord(before) || Self.techNames.contains(Self.normalWord(Self.words(before).last ?? "")) {
                let found = roles(inText: before, list: true, explicit: false, why: "list before '\(c.cue)'")
                if !found.isEmpty { return found }
            }
            // The list ends with its sentence ("目前方向为：Java后端（广州）。后端技术栈 JavaWeb、Springboot").
            let sentence = c.after.firstIndex(where: { "。！？".contains($0) }).map { String(c.after[..<$0]) } ?? c.after
            var found = roles(inText: Self.beforeClause(sentence), list: true, explicit: explicit, why: "list after '\(c.cue)'")
            // "… is looking for dancer": an agent noun after a Latin cue.
            if found.isEmpty, c.cue.unicodeScalars.allSatisfy(\.isASCII), let agent = agentPhrase(c.after) {
                found = [(agent, "agent noun after '\(c.cue)'")]
            }
            if !found.isEmpty {
                // A line that opens with a Latin job title keeps it ("iOS Developer <ORG> … we are looking for …").
                let cut = line.utf8.count - c.after.utf8.count - c.cue.utf8.count
                let before = line.hasSuffix(c.after) && cut > 0 ? String(line.utf8.prefix(cut)) ?? "" : ""
                if let first = latinRoles(before).first, before.trimmingCharacters(in: Self.trim).hasPrefix(first),
                   !found.contains(where: { $0.0 == first }) {
                    return [(first, "role word at the start")] + found
                }
                return found
            }
        }
        return roles(inText: line, list: false, explicit: false, why: "role word")
    }

    func roles(inText line: String, list: Bool, explicit: Bool, why: String) -> [(String, String)] {
        var text = Self.beforeContact(line)
        var out: [(String, String)] = []
        // A `|` header: the field after the company is the role slot; each of its "/" parts is a role
        // ("Aha! | Rails / Devops / Front End | REMOTE").
        let fields = text.split(whereSeparator: { $0 == "|" || $0 == "｜" }).map { $0.trimmingCharacters(in: Self.trim) }
        if !list, fields.count >= 3, !fields[1].unicodeScalars.contains(where: PlaceText.isCJKScalar) {
            var parts = fields[1].components(separatedBy: " / ").map { $0.trimmingCharacters(in: Self.trim) }
            // "Backend, Frontend, Data": a comma list of short names is a list of roles as well.
            if parts.count == 1 {
                let commas = fields[1].components(separatedBy: CharacterSet(charactersIn: ",;"))
                    .map { $0.trimmingCharacters(in: Self.trim) }.filter { !$0.isEmpty }
                if commas.count > 1, commas.allSatisfy({ latinRoles($0).first != nil || isSlotRole($0) }) { parts = commas }
            }
            if parts.count > 1 {
                for part in parts {
                    if let r = latinRoles(part).first { out.append((r, "role slot of a | header")) }
                    else if isSlotRole(part) { out.append((part, "role slot of a | header")) }
                }
                text = ([fields[0]] + fields.dropFirst(2)).joined(separator: " | ")
            }
        }
        // Roles side by side, separated by spaces, each ending in a CJK role word ("web前端 java工程师"), are a list.
        let cjk = cjkRoles(text, list: list, explicit: explicit).flatMap { p -> [String] in
            let parts = p.split(separator: " ").map(String.init)
            // A bare head after them is theirs ("React/iOS/Java/数据/测试 工程师", ``sharingOneHead(_:)``).
            return parts.count >= 2 && parts.allSatisfy({ Self.endsInCJKRoleWord($0) })
                && !Self.sharedHeads.contains(parts[parts.count - 1]) ? parts : [p]
        }
        // A Latin role word inside a CJK role ("DevOps 研发工程师") is part of it.
        for p in latinRoles(text) where !out.contains(where: { $0.0 == p }) && !cjk.contains(where: { $0.contains(p) }) {
            out.append((p, why))
        }
        for p in cjk where !out.contains(where: { $0.0 == p }) { out.append((p, why)) }
        if list, !text.unicodeScalars.contains(where: PlaceText.isCJKScalar) {
            // After a cue, a list of short names is a list of roles ("We are finding Java, Devops, Front-end, QA").
            let items = text.components(separatedBy: CharacterSet(charactersIn: ",;/|")).flatMap {
                $0.components(separatedBy: " and ") }.map { $0.trimmingCharacters(in: Self.trim) }.filter { !$0.isEmpty }
            if items.count >= 2 {
                // Names, not phrases of a sentence: "an ambitious, driven Python expert" lists no role "an ambitious".
                let named = items.filter { item in
                    !Self.words(item).contains { Self.phraseStops.contains(Self.normalWord($0)) }
                        && (item.first?.isUppercase == true || item.first?.isNumber == false && item.count <= 4)
                }
                for item in named where isSlotRole(item) && !out.contains(where: { $0.0.contains(item) || item.contains($0.0) }) {
                    out.append((item, why))
                }
            }
        }
        if out.isEmpty, !list, fields.count >= 3, isSlotRole(fields[1]) {
            // The role slot of a `|` header holding one name ("Acme | Devops | Berlin").
            out.append((Self.withoutTeamBeforePlatform(fields[1]), "role slot of a | header"))
        }
        return out
    }

    /// A token of a Latin line: a word, or a separator that a role phrase may span (`/`, `&`, `+`, a
    /// parenthetical) or not.
    enum LatinToken {
        case word(String)
        case joiner      // "/", "&", "+" between words of one phrase: "Python / Flask engineer"
        case skip        // a parenthetical inside a phrase: "Full Stack (Python & JS) Developer"
        case stop        // anything else: "|", ",", ";", ":", " - ", "."
    }

    static func latinTokens(_ s: String) -> [LatinToken] {
        var out: [LatinToken] = []
        var cur = ""
        let chars = Array(s)
        func flush() {
            if !cur.isEmpty { out.append(.word(cur)); cur = "" }
        }
        // In a line whose dashes separate CJK fields ("阿里-Lazada-Java Engineer-国际化中台"), every dash does: a
        // hyphen joins Latin words only elsewhere ("Front-end").
        func cjk(_ c: Character) -> Bool { c.unicodeScalars.first.map(PlaceText.isCJKScalar) ?? false }
        let dashFields = chars.indices.contains { i in
            chars[i] == "-" && (i > 0 && cjk(chars[i - 1]) || i + 1 < chars.count && cjk(chars[i + 1]))
        }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if cjk(c) {
                flush(); out.append(.stop)
            } else if c.isLetter || c.isNumber || c == "+" && !cur.isEmpty || c == "#" && !cur.isEmpty
                        || c == "." && !cur.isEmpty && i + 1 < chars.count && chars[i + 1].isLetter
                        || (c == "'" || c == "’" || c == "-" && !dashFields) && !cur.isEmpty && i + 1 < chars.count
                            && chars[i + 1].isLetter && !cjk(chars[i + 1]) {
                cur.append(c)
            } else if c == " " || c == "\t" {
                flush()
            } else if c == "/" || c == "&" || c == "+" {
                flush(); out.append(.joiner)
            } else if c == "(" {
                // A short parenthetical is skipped inside a phrase; a long one stops it.
                flush()
                if let close = chars[i...].firstIndex(of: ")"), close - i <= 24 {
                    out.append(.skip)
                    i = close
                } else {
                    out.append(.stop)
                }
            } else {
                flush(); out.append(.stop)
            }
            i += 1
        }
        flush()
        return out
    }

    /// Latin role phrases: each role word with up to four words before it ("Senior Python / Django Engineer"),
    /// stopping at articles, verbs, employment qualifiers and punctuation; "Head of Data" keeps its object.
    func latinRoles(_ s: String) -> [String] {
        let toks = Self.latinTokens(s)
        var out: [String] = []
        var spans: [ClosedRange<Int>] = []
        var uiHeads: [Bool] = []
        var i = 0
        while i < toks.count {
            guard case .word(let w) = toks[i], Self.isRoleWord(w) else { i += 1; continue }
            // The last role word of a run ("Software Engineer Lead" ends at "Lead"; "Engineer" alone otherwise).
            var h = i
            while h + 1 < toks.count, case .word(let n) = toks[h + 1], Self.isRoleWord(n) { h += 1 }
            var start = h
            var words = 0
            var j = h - 1
            var lastWordStart = h
            // A capitalised role ("Business Process Engineer") does not take the lower-case words before it
            // ("an enthusiastic Business Process Engineer").
            let titleCase = wordAt(toks, h).first?.isUppercase == true
            while j >= 0, words < 5 {
                switch toks[j] {
                case .word(let w):
                    let nw = Self.normalWord(w)
                    // "Python and Javascript Developer": "and" between two capitalised names inside a title-case
                    // phrase joins them; after a role word it starts another role ("Engineers and Data Scientists").
                    if nw == "and", titleCase, j > 0, j + 1 <= h, case .word(let before) = toks[j - 1],
                       case .word(let after) = toks[j + 1], before.first?.isUppercase == true,
                       after.first?.isUppercase == true, !Self.roleWords.contains(Self.normalWord(before)),
                       !Self.phraseStops.contains(Self.normalWord(before)) {
                        j -= 1
                        continue
                    }
                    // A number is part of a product name after a capitalised word ("Dynamics 365 Developer"), not
                    // a head count ("hire 2 Senior Engineers"); a duration is no part of a role ("two-year").
                    let number = !nw.isEmpty && nw.allSatisfy({ $0.isNumber || $0 == "." })
                    var inName = false
                    if number, j > 0, case .word(let b) = toks[j - 1], b.first?.isUppercase == true,
                       !Self.phraseStops.contains(Self.normalWord(b)) { inName = true }
                    // An employment word inside a capitalised title is skipped, not a stop ("Senior Full Stack Contract
                    // Software Developer"): the role's words go on before it (the key drops the word).
                    if Self.leadingQualifiers.contains(nw), titleCase, w.first?.isUppercase == true, j > 0,
                       case .word(let b) = toks[j - 1], b.first?.isUppercase == true,
                       !Self.phraseStops.contains(Self.normalWord(b)), !Self.leadingQualifiers.contains(Self.normalWord(b)) {
                        j -= 1
                        continue
                    }
                    if Self.phraseStops.contains(nw) || Self.leadingQualifiers.contains(nw) || nw.isEmpty
                        || number && !inName || Self.isDuration(nw) { j = -1; continue }
                    if titleCase && !w.contains(where: \.isUppercase) && !w.contains(where: \.isNumber) { j = -1; continue }
                    // In prose, an adjective before a lower-case role is no part of it ("a registered surgeon",
                    // "an independent engineer").
                    if !titleCase, w.first?.isLowercase == true, Self.isAdjective(nw) { j = -1; continue }
                    // An industry in front names the business, not the work ("Edtech web app developer",
                    // "Fintech Backend Engineer"); "Tech Lead" keeps its word.
                    if nw.count > 4, nw.hasSuffix("tech") { j = -1; continue }
                    words += 1
                    lastWordStart = j
                    start = j
                case .joiner:
                    // "Data Systems Developer / Web Application Developer": a role before the joiner is another
                    // role, not a modifier of this one.
                    // So is a generic role word with its own modifier ("Scrum Master & Lead Python Developer");
                    // alone it modifies this one ("UX/UI Designer").
                    var modified = false
                    if j > 1, case .word(let m) = toks[j - 2], !Self.phraseStops.contains(Self.normalWord(m)),
                       !Self.roleWords.contains(Self.normalWord(m)), m.first?.isUppercase == true,
                       !Self.seniorityWords.contains(Self.normalWord(m)) { modified = true }
                    if j > 0, case .word(let before) = toks[j - 1], Self.roleWords.contains(Self.normalWord(before)),
                       !Self.genericRoleWords.contains(Self.normalWord(before))
                        || Self.positionsAlone.contains(Self.normalWord(before)) || modified {
                        j = -1
                        continue
                    }
                case .skip:
                    break
                case .stop:
                    j = -1
                    continue
                }
                j -= 1
            }
            start = lastWordStart
            // A lone lower-case role word after a subject pronoun or "to" is a verb ("We engineer tomorrow", "to lead").
            if start == h, wordAt(toks, h).first?.isLowercase == true, h > 0, case .word(let before) = toks[h - 1],
               ["we", "you", "they", "i", "to", "will", "can"].contains(Self.normalWord(before)) {
                i = h + 1
                continue
            }
            // People the hire works with are no opening ("work closely with developers designers and marketers").
            if start > 0, case .word(let before) = toks[start - 1], Self.collaborationWords.contains(Self.normalWord(before)) {
                i = h + 1
                continue
            }
            var end = h
            if h + 2 < toks.count, case .word(let of) = toks[h + 1], Self.normalWord(of) == "of",
               case .word = toks[h + 2], ["head", "vp", "director", "chief", "professor"].contains(Self.normalWord(wordAt(toks, h))) {
                end = h + 2
            }
            // "PhD scholarship", "Postdoc position": the word naming the post belongs to an academic role.
            if end == h, h + 1 < toks.count, case .word(let post) = toks[h + 1],
               Self.academicPosts.contains(Self.normalWord(post)),
               Self.academicRoles.contains(Self.normalWord(wordAt(toks, h))) {
                end = h + 1
            }
            let phrase = render(toks[start...end])
            let head = Self.normalWord(wordAt(toks, h))
            // "Junior / Graduate Python Developer": a generic role word followed, without a stop, by words that end
            // in another role word modifies that role.
            var nextIsWordOrJoiner = false
            if h + 1 < toks.count {
                switch toks[h + 1] {
                case .word: nextIsWordOrJoiner = true
                case .joiner:
                    // Only a bare or merely senior generic word: "Scrum Master & Lead Python Developer" is two roles.
                    nextIsWordOrJoiner = (start..<h).allSatisfy { k in
                        if case .word(let w) = toks[k] { return Self.seniorityWords.contains(Self.normalWord(w)) }
                        return true
                    }
                default: break
                }
            }
            // "Senior UI/UX Designer": after a joiner as well.
            if Self.genericRoleWords.contains(head), !Self.positionsAlone.contains(head), end == h, nextIsWordOrJoiner {
                var k = h + 1
                var modifies = false
                while k < toks.count {
                    if case .word(let w) = toks[k] {
                        if Self.roleWords.contains(Self.normalWord(w)) { modifies = k > h + 1; break }
                        if Self.phraseStops.contains(Self.normalWord(w)) { break }
                    } else if case .stop = toks[k] { break }
                    k += 1
                }
                if modifies { i = h + 1; continue }
            }
            let lone = start == h && end == h
            let generic = Self.genericRoleWords
            // "Co-Founder / CTO": a position of its own before a joiner stands alone.
            var beforeJoiner = false
            if Self.positionsAlone.contains(head), h + 1 < toks.count, case .joiner = toks[h + 1] { beforeJoiner = true }
            if beforeJoiner || !(lone && generic.contains(head) && out.isEmpty == false) && !(lone && generic.contains(head) && toks.count > 1) {
                if !isNotRole(phrase) {
                    // A phrase that takes in an earlier one replaces it ("Sr Manager Endpoint Security Engineer"
                    // is one role, not also "Sr Manager").
                    while let last = spans.last, start <= last.lowerBound, end > last.upperBound {
                        spans.removeLast()
                        out.removeLast()
                        uiHeads.removeLast()
                    }
                    out.append(phrase)
                    spans.append(start...end)
                    uiHeads.append(["ui", "ux"].contains(head))
                }
            }
            i = h + 1
        }
        // A phrase headed by UI or UX beside a role is a product area ("Software Engineer - Service Desk UI").
        if uiHeads.contains(false) { out = zip(out, uiHeads).filter { !$0.1 }.map(\.0) }
        return out
    }

    /// Words that ask for a skill: a list after them names technologies the hire knows ("精通 Java/Kotlin/Ruby"), no
    /// openings.
    static let requirementWords = ["精通", "熟悉", "熟练", "掌握", "了解", "proficient", "experience with", "experience in",
                                   "knowledge of", "familiar with", "expertise in"]

    /// Words after which role words name colleagues, not the opening.
    static let collaborationWords: Set<String> = ["with", "alongside", "among", "mit", "avec", "con", "z"]

    /// Seniority words (they modify the role after a slash: "Senior UI/UX Designer").
    static let seniorityWords: Set<String> = ["senior", "junior", "sr", "jr", "lead", "principal", "staff", "mid", "entry"]

    /// An English adjective by its ending: a participle or quality ("registered", "independent", "creative").
    static func isAdjective(_ w: String) -> Bool {
        guard w.count >= 6, w.allSatisfy({ $0.isLetter || $0 == "-" }) else { return false }
        if w.contains("-") { return w.hasSuffix("ed") || w.hasSuffix("ing") } // "quality-minded", "hard-working"
        return ["ed", "ive", "ous", "ful", "ent", "able", "ible"].contains { w.hasSuffix($0) }
            && !["student", "agent", "president", "resident", "talent", "content", "client"].contains(w)
            // Participles that name a field of work ("embedded software engineer", "applied scientist").
            && !["embedded", "distributed", "applied", "automated", "integrated", "advanced", "managed", "connected",
                 "structured", "assisted", "interactive", "creative", "executive", "automotive", "cognitive",
                 "predictive", "generative", "quantitative", "qualitative", "continuous"].contains(w)
    }

    /// A hyphenated duration or schedule ("two-year", "3-month", "full-time").
    static func isDuration(_ w: String) -> Bool {
        guard let dash = w.lastIndex(of: "-") else { return false }
        let unit = w[w.index(after: dash)...]
        return ["year", "years", "month", "months", "week", "weeks", "time", "day", "days"].contains(String(unit))
    }

    func wordAt(_ toks: [LatinToken], _ i: Int) -> String {
        if case .word(let w) = toks[i] { return w }
        return ""
    }

    /// Words of a token run, joiners as " / ", parentheticals left out.
    func render(_ toks: ArraySlice<LatinToken>) -> String {
        var out = ""
        for t in toks {
            switch t {
            case .word(let w): out += (out.isEmpty || out.hasSuffix("/ ") ? "" : " ") + w
            case .joiner: out += " / "
            case .skip, .stop: break
            }
        }
        return out.replacingOccurrences(of: " /  / ", with: " / ")
    }

    /// CJK role phrases: segments that end in a role word (工程师; 前端, 算法 only in a list, after a cue or in
    /// brackets), without the company or team before them.
    func cjkRoles(_ s: String, list: Bool, explicit: Bool = false) -> [String] {
        guard s.unicodeScalars.contains(where: PlaceText.isCJKScalar) else { return [] }
        var segs: [CJKItem] = []
        var hiring = false // a segment ended in 招聘/招人: the line announces openings
        var fieldSeparators = 0 // dashes between fields: "腾讯-金融科技-微信支付业务-c++后台开发" has a role field
        var cur = ""
        var bracket = false
        let chars = Array(s)
        func flush(_ b: Bool) {
            var t = Self.withoutSymbolEdges(cur.trimmingCharacters(in: Self.trim))
            defer { cur = "" }
            // A technology direction ("React方向") is not a role; a function direction ("运维方向") is that function.
            if t.hasSuffix("方向") {
                t.removeLast(2)
                if t.unicodeScalars.allSatisfy({ $0.isASCII }) { return }
            }
            // A level code alone ("P6-P8均有HC", "P7/高级开发工程师") names no opening.
            if Self.isLevelCode(t) { return }
            // A head count ("数据产品经理1名", "算法工程师（2）").
            while let last = t.last, last.isNumber || "名个人位".contains(last) && t.count > 2 && t.dropLast().last?.isNumber == true {
                t.removeLast()
            }
            // A head count written with a times sign ("产品经理x2", "前端工程师×4").
            if let last = t.last, "xX×*".contains(last), t.count > 2, Self.endsInCJKRoleWord(String(t.dropLast())),
               !cur.hasSuffix(String(last)) {
                t.removeLast()
            }
            // A level code after the role ("前端P6起", "Go后端P7+", "研发工程师 P6-P7").
            t = Self.withoutTrailingLevel(t)
            // Sentence-final particles ("…岗啊", "…吗").
            while let last = t.last, "啊吗呢呀吧哈哦".contains(last), t.count > 2 { t.removeLast() }
            var posted = false
            var etc = false
            // Tails stack in any order ("开发岗位内推", "前端开发方向应届生"): taken off until none is left.
            var tailFound = true
            while tailFound {
                tailFound = false
                for tail in Self.cjkRoleTails where t.hasSuffix(tail) && t.count > tail.count {
                    if tail == "招聘" || tail == "招人" || tail == "急招" { hiring = true }
                    // "前端岗位", "后台开发岗": the word for a post marks what precedes it as one.
                    if tail == "岗位" || tail == "职位" || tail == "岗" { posted = true }
                    if tail == "等岗位" || tail == "等职位" { posted = true; etc = true }
                    if tail == "等" { etc = true }
                    t.removeLast(tail.count)
                    t = Self.withoutSymbolEdges(t)
                    tailFound = true
                }
                // A conjunction left before a removed tail ("前端社招和校招").
                while tailFound, let last = t.last, "和及与&/／".contains(last), t.count > 2 { t.removeLast() }
                if tailFound, t.hasSuffix("方向"), t.count > 2 {
                    t.removeLast(2)
                    if t.unicodeScalars.allSatisfy({ $0.isASCII }) { return }
                }
            }
            // A hiring word after the roles, then no role: "前端招聘合计50+人" is 前端.
            for word in ["招聘", "招人", "急招", "加入", "求捞", "求内推", "求推荐"] {
                if let r = t.range(of: word), r.lowerBound > t.startIndex,
                   Self.endsInCJKRoleWord(String(t[..<r.lowerBound]).trimmingCharacters(in: Self.trim)),
                   !Self.containsCJKRoleWord(String(t[r.upperBound...])) {
                    t = String(t[..<r.lowerBound]).trimmingCharacters(in: Self.trim)
                    hiring = true
                }
            }
            // "等" (etc.) ends a list: "项目等各类研发职位" is 项目.
            if let r = t.range(of: "等") {
                // "计算，网络，存储，中间件等各个方向…都有多个职位空缺": what follows 等 says the items are posts.
                if ["职位", "岗位", "职缺", "空缺", "方向"].contains(where: { t[r.upperBound...].contains($0) }) { posted = true }
                t = String(t[..<r.lowerBound])
                etc = true
            }
            // "都"/"均" (all) after a list of roles ends it: "前后端产品运营都可以投递".
            for all in ["都", "均"] {
                if let r = t.range(of: all), Self.endsInCJKRoleWord(String(t[..<r.lowerBound])) {
                    t = String(t[..<r.lowerBound])
                }
            }
            t = t.trimmingCharacters(in: Self.trim)
            // One CJK character names no opening (等, 及).
            if Self.isLoneCJKCharacter(t) { return }
            if !t.isEmpty { segs.append(CJKItem(text: t, bracketed: b, paren: b && paren, posted: posted, etcPosts: posted && etc)) }
        }
        var skipUntil = -1
        var paren = false
        func cjkChar(_ c: Character) -> Bool { c.unicodeScalars.first.map(PlaceText.isCJKScalar) ?? false }
        func latinLetter(_ c: Character) -> Bool { c.isASCII && c.isLetter }
        // A line whose dashes separate fields (a dash next to CJK or between spaces): every dash does
        // ("阿里-Lazada-Java-国际化中台"); elsewhere a hyphen inside a Latin word joins it ("React-Native").
        let dashFields = chars.indices.contains { i in
            "-–—".contains(chars[i]) && (i > 0 && (cjkChar(chars[i - 1]) || chars[i - 1] == " ")
                || i + 1 < chars.count && (cjkChar(chars[i + 1]) || chars[i + 1] == " "))
        }
        for (i, c) in chars.enumerated() {
            if i <= skipUntil { continue }
            let prev: Character = i > 0 ? chars[i - 1] : " ", next: Character = i + 1 < chars.count ? chars[i + 1] : " "
            let cjkNear = (prev.unicodeScalars.first.map(PlaceText.isCJKScalar) ?? false)
                || (next.unicodeScalars.first.map(PlaceText.isCJKScalar) ?? false)
            // One CJK character before a 、 or a slash shares the head after it ("web前、后端开发", "前/后端工程师").
            func loneCharacterBeforeHead() -> Bool {
                cjkChar(next) && cur.last.map(cjkChar) == true && !(cur.dropLast().last.map(cjkChar) ?? false)
            }
            switch c {
            case "「", "【", "[", "（", "(", "《", "<", "〈":
                // A short parenthetical inside an item is left out ("深度学习（AIGC视觉）算法工程师").
                if c == "（" || c == "(", !cur.isEmpty,
                   let close = chars[(i + 1)...].prefix(24).firstIndex(where: { $0 == "）" || $0 == ")" }),
                   close + 1 < chars.count, chars[close + 1].isLetter {
                    skipUntil = close
                    continue
                }
                flush(false); bracket = true; paren = c == "（" || c == "("
            case "」", "】", "]", "）", ")", "》", ">", "〉":
                flush(bracket); bracket = false; paren = false
            case "、" where loneCharacterBeforeHead():
                // One character before "、" shares the head after it: "web前、后端开发", "软、硬件工程师".
                cur.append(c)
            case "|", "｜":
                // Bars separate the fields of a header ("社招内推 | 拼多多 | 广告服务端后台开发 | Base 上海").
                flush(bracket)
                fieldSeparators += 1
            case "&" where prev == " " && next == " " && chars[..<i].last(where: { $0 != " " }).map(latinLetter) == true
                        && chars[(i + 1)...].first(where: { $0 != " " }).map(latinLetter) == true:
                // "DevOps & MLOps Engineer Lead": Latin words joined by & are one phrase.
                cur.append(c)
            case "、", ",", "，", ";", "；", "：", ":", "!", "！", "?", "？", "。", "·", "&", "~", "～", "@":
                let count = segs.count
                flush(bracket)
                if c == "、", !segs.isEmpty { segs[segs.count - 1].enumerated = true; segs[segs.count - 1].ideographicCommaAfter = true }
                if c == "，" || c == ",", segs.count > count { segs[segs.count - 1].commaAfter = true }
                if c == "：" || c == ":", segs.count > count { segs[segs.count - 1].labelAfter = true }
            case "/" where loneCharacterBeforeHead(), "／" where loneCharacterBeforeHead():
                // One character before the slash shares the head after it: "前/后端工程师", "软/硬件".
                cur.append(c)
            case "/", "／":
                flush(bracket)
                if !segs.isEmpty { segs[segs.count - 1].slashAfter = true; segs[segs.count - 1].enumerated = true }
            case "+" where prev == " " && next == " " || PlaceText.isCJKScalar(prev.unicodeScalars.first ?? " ")
                                                          && PlaceText.isCJKScalar(next.unicodeScalars.first ?? " "):
                // "容器开发 + 测试工程师": two openings ("C++", "Java+Go" stay whole).
                flush(bracket)
            case "-", "–", "—":
                // In a CJK line a dash separates fields ("阿里-Lazada-Java工程师-UG-广州"), except inside a number.
                // A hyphen inside a Latin word ("React-Native", "Front-end") joins it.
                let latinWord = !dashFields && latinLetter(prev) && latinLetter(next)
                if !latinWord && (!(prev.isNumber && next.isNumber) || cjkNear) {
                    flush(bracket)
                    fieldSeparators += 1
                    if !segs.isEmpty { segs[segs.count - 1].fieldAfter = true }
                } else {
                    cur.append(c)
                }
            case "以" where next == "及" && !cur.isEmpty:
                // "后端测试以及算法": a list.
                flush(bracket)
                if !segs.isEmpty { segs[segs.count - 1].enumerated = true }
                skipUntil = i + 1
            case "或" where prev == " " || next == " " || latinLetter(prev) || latinLetter(next)
                            || Self.endsInCJKRoleWord(cur) && !cur.isEmpty,
                 "和" where latinLetter(prev) || latinLetter(next) || prev == "+":
                // "PHP 或 React-Native 方向工程师": alternatives, each a role of its own.
                flush(bracket)
                if !segs.isEmpty { segs[segs.count - 1].enumerated = true; segs[segs.count - 1].orAfter = true }
            case " ":
                // A space between CJK words separates ("猿辅导研发内推 前端"); "C 端前端", "Java 服务端" stay whole.
                let before = chars[..<i].last { $0 != " " }, after = chars[(i + 1)...].first { $0 != " " }
                let cjkBoth = (before?.unicodeScalars.first.map(PlaceText.isCJKScalar) ?? false)
                    && (after?.unicodeScalars.first.map(PlaceText.isCJKScalar) ?? false)
                // A number after a space starts a salary or a span of years ("工程师 18k-25k", "3-5年").
                // A Latin word after a CJK role that is no role word itself starts a note ("商家前端 S级紧急社招").
                let latinAfter = String(chars[(i + 1)...].drop { $0 == " " }.prefix { $0.isASCII && ($0.isLetter || $0.isNumber) })
                let noteAfter = before.map(cjkChar) == true && !latinAfter.isEmpty
                    && Self.endsInCJKRoleWord(cur.trimmingCharacters(in: .whitespaces))
                    && !Self.roleWords.contains(latinAfter.lowercased()) && !Self.techNames.contains(latinAfter.lowercased())
                // A Latin role of its own after a CJK one is another role ("运维工程师 DBA"; "开发 Lead" is one).
                let lw = latinAfter.lowercased()
                let secondRole = before.map(cjkChar) == true && Self.roleWords.contains(lw) && !Self.genericRoleWords.contains(lw)
                    && Self.endsInStrongCJKRoleWord(cur.trimmingCharacters(in: .whitespaces))
                // A Latin role then the same in CJK ("Frontend Engineer 前端工程师"): two phrases (guideline 6).
                // (Not before a bare head: "AI Agent 开发工程师" is one role.)
                let latinRoleBefore = before.map(latinLetter) == true && after.map(cjkChar) == true
                    && cur.split(separator: " ").last.map({ Self.roleWords.contains(Self.normalWord(String($0)))
                        && !Self.techNames.contains(Self.normalWord(String($0))) }) == true
                    && { (w: String) in !Self.sharedHeads.contains(w) && !Self.genericCJK.contains(w) }(
                        String(chars[(i + 1)...].drop { $0 == " " }.prefix { cjkChar($0) }))
                if secondRole || latinRoleBefore {
                    flush(bracket)
                } else if noteAfter {
                    // The note runs to the next separator and is no item.
                    flush(bracket)
                    skipUntil = (chars[(i + 1)...].firstIndex { "|｜、,，;；：:!！?？。()（）[]【】「」/／".contains($0) } ?? chars.count) - 1
                } else if cjkBoth || after?.isNumber == true {
                    let count = segs.count
                    flush(bracket)
                    if cjkBoth, segs.count > count { segs[segs.count - 1].spaceAfter = true }
                } else if !cur.hasSuffix(" ") { cur.append(c) }
            default:
                cur.append(c)
            }
        }
        flush(bracket)
        // Two alternatives sharing one head are one role: "服务端/后端研发工程师", "golang/rust 开发工程师" (a
        // function or language, a slash, a phrase ending in 工程师); longer slash lists are lists of openings.
        var k = 0
        while k + 1 < segs.count {
            let x = segs[k], y = segs[k + 1]
            // Also two items joined by 、 ("前端、后端工程师"): the head written once is theirs.
            let joined = { (s: CJKItem) in s.slashAfter || s.ideographicCommaAfter }
            let alone = joined(x) && !joined(y) && (k == 0 || !joined(segs[k - 1]))
            // An item that ends in an activity ("C++开发/存储工程师") is a role of its own, not a modifier.
            let activity = ["开发", "研发"].contains { x.text.hasSuffix($0) } || Self.employmentWords.contains(x.text)
            if alone, !activity, x.text.count <= 8, !Self.strongCJKRoleWords.contains(where: { x.text.contains($0) }),
               Self.endsInStrongCJKRoleWord(y.text), !y.text.hasPrefix(x.text) {
                segs[k] = CJKItem(text: x.text + (x.slashAfter ? "/" : "、") + y.text, bracketed: x.bracketed || y.bracketed, enumerated: y.enumerated,
                                  fieldAfter: y.fieldAfter, paren: x.paren && y.paren)
                segs.remove(at: k + 1)
            }
            k += 1
        }
        segs = Self.sharingOneHead(segs)
        // Functions written one after another without a separator are a list ("AI方向前端后端客户端",
        // "前后端产品运营", "售前售后"); what precedes them (a team, a direction) is no part of them.
        segs = segs.flatMap { seg -> [CJKItem] in
            guard let parts = Self.concatenatedFunctions(seg.text) else { return [seg] }
            return parts.map { CJKItem(text: $0, bracketed: seg.bracketed, enumerated: true, paren: seg.paren, posted: seg.posted) }
        }
        let withRoles = segs.filter { Self.endsInCJKRoleWord($0.text) }.count
        // The items outside brackets (a bracketed list of cities is no part of the list of openings).
        let open = segs.filter { !$0.bracketed }
        let openRoles = open.filter { Self.endsInCJKRoleWord($0.text) }.count
        // A list whose items are each quoted in brackets ("「移动端开发」、「前端开发」、「数据挖掘」"), parentheses aside.
        let quoted = segs.filter { $0.bracketed && !$0.paren }
        let quotedRoles = quoted.filter { Self.endsInCJKRoleWord($0.text) }.count
        var out: [String] = []
        // The items that name something (a company, a team, a role), not a place or a stack in parentheses.
        lazy var fieldNames = segs.map { !$0.paren && !isNotRole($0.text) }
        // The unbracketed items that may name the opening: not an employment term, place or level code
        // ("字节跳动飞书内推前端组件开发，社招、实习"), nor the company: a name ending in 科技, 集团, …, one followed by
        // its city in parentheses ("达观数据（上海）"), or the first field before a field naming a role ("携程-资深Java研发").
        lazy var namedOpen: [Int] = segs.indices.filter { k in
            let x = segs[k]
            guard !x.bracketed else { return false }
            let text = x.text
            if isNotRole(text) || Self.employmentWords.contains(text.lowercased()) || Self.isLevelCode(text) { return false }
            // A field's label and its value ("坐标：广州") name no opening.
            if x.labelAfter || k > 0 && segs[k - 1].labelAfter && !Self.endsInCJKRoleWord(text) { return false }
            if Self.endsInCJKRoleWord(text) { return true }
            if Self.companySuffixes.contains(where: { text.hasSuffix($0) }) { return false }
            if k + 1 < segs.count, segs[k + 1].paren, isNotRole(segs[k + 1].text) { return false }
            if x.fieldAfter, segs[..<k].allSatisfy(\.bracketed), k + 1 < segs.count,
               Self.endsInCJKRoleWord(segs[k + 1].text) || Self.containsRoleWord(segs[k + 1].text) { return false }
            return true
        }
        // Each run of three or more items ending in such an item (a shorter run elsewhere in the line leaves it be).
        var postRun = Set<Int>()
        for (k, x) in segs.enumerated() where x.etcPosts {
            var j = k - 1
            while j >= 0, segs[j].enumerated || segs[j].commaAfter && segs[j].text.count <= 6, !segs[j].bracketed,
                  !segs[j].fieldAfter, !segs[j].labelAfter { j -= 1 }
            if k - j >= 3 { postRun.formUnion((j + 1)...k) }
        }
        for (index, seg) in segs.enumerated() {
            var t = seg.text
            // Cut what precedes the role: a company or team (…部, …团队, …招聘).
            for marker in ["招聘", "诚聘", "急招", "急聘", "热招", "直招", "招收", "招募", "内推", "大量", "团队", "部门", "中心", "部", "组", "的", "招"] {
                if let r = t.range(of: marker, options: .backwards), r.upperBound < t.endIndex,
                   !Self.cjkRoleWords.contains(where: { String(t[..<r.upperBound]).hasSuffix($0) && $0.count > marker.count }),
                   // A marker that begins a word is none ("组件开发", "部署").
                   !Self.wordsBeginningWithMarker.contains(where: { t[r.lowerBound...].hasPrefix($0) }) {
                    t = String(t[r.upperBound...]).trimmingCharacters(in: Self.trim)
                }
            }
            // Work modes in front are not part of the role ("远程全职移动端开发").
            var stripped = true
            while stripped {
                stripped = false
                for mode in ["远程", "全职", "兼职", "急招", "社招", "校招", "大量", "急聘", "热招", "诚聘", "内推"]
                where t.hasPrefix(mode) && t.count > mode.count + 1 {
                    t = String(t.dropFirst(mode.count)).trimmingCharacters(in: Self.trim)
                    stripped = true
                }
            }
            // Words that join or announce a role are not part of it ("或技术专家", "新增资深前端").
            for lead in Self.cjkLeads where t.hasPrefix(lead) && t.count > lead.count + 1 {
                t = String(t.dropFirst(lead.count)).trimmingCharacters(in: Self.trim)
            }
            // A place in front of the role is not part of it ("深圳 Flutter前端工程师").
            t = stripLeadingPlace(t)
            t = Self.withoutLeadingCount(t)
            t = Self.withoutLeadingName(t)
            // A header that is the role alone keeps its qualifier ("## 区块链金融前端工程师"); beside other fields
            // (company, city, salary), or before a bare function, a CJK name is a team ("腾讯微信视频号前端开发工程师").
            if Self.platformFunctions.contains(where: { t.contains($0) }),
               Self.platformFunctions.contains(where: { t.hasSuffix($0) }) || segs.indices.contains(where: { k in k != index && fieldNames[k] }) {
                t = Self.withoutTeamBeforePlatform(t)
            }
            if Self.isLoneCJKCharacter(t) { continue }
            // "云相关" (cloud-related): a field of interest, no post.
            if t.hasSuffix("相关") { continue }
            // A section heading ("关于产品", "关于我们") names no opening, nor does a clause of a sentence
            // ("为了帮助开发者", "需要一些伙伴一起参与共同推进研发", "简历直达业务负责人").
            if t.hasPrefix("关于") || Self.proseMarkers.contains(where: { t.contains($0) }) { continue }
            // Only employment terms and generic words joined ("应届生和实习生") name no role.
            let joined = t.split(whereSeparator: { "和及与".contains($0) }).map(String.init)
            if joined.count > 1, joined.allSatisfy({ Self.employmentWords.contains($0) || Self.genericCJK.contains($0) }) { continue }
            guard !t.isEmpty, t.count <= 32, t.unicodeScalars.filter(PlaceText.isCJKScalar).count <= 16, !Self.employmentWords.contains(t),
                  !Self.employmentWords.contains(where: { $0.count >= 2 && !$0.utf8.allSatisfy { $0 < 0x80 } && t.hasSuffix($0) }) else { continue }
            let inList = list || withRoles >= 2 || hiring || fieldSeparators >= 2
            if RoleKey.seniorityCJK.contains(t) { continue }
            // A level and a bare head ("中高级工程师" among "欢迎应届、实习、中高级工程师") names no function.
            if seg.enumerated || index > 0 && segs[index - 1].enumerated,
               let level = RoleKey.levelWords.first(where: { t.hasPrefix($0) }),
               Self.genericCJK.contains(String(t.dropFirst(level.count))) { continue }
            // After a slash, a level of the role before it is no position of its own ("iOS开发专家/高级专家").
            if index > 0, segs[index - 1].slashAfter,
               let level = RoleKey.levelWords.first(where: { t.hasPrefix($0) }),
               case let word = String(t.dropFirst(level.count)), Self.genericCJK.contains(word),
               segs[index - 1].text.hasSuffix(word) { continue }
            // After an explicit list cue ("岗位：", "岗位包括") every short item is an opening (分布式存储, 云原生); so is
            // one in a list of three or more openings most of which are roles ("存储、虚拟化、前端、后端、测试").
            let enumerated = seg.enumerated || index > 0 && segs[index - 1].enumerated
            let openList = open.count >= 3 && openRoles * 2 >= open.count && !seg.bracketed
            let quotedList = quoted.count >= 3 && quotedRoles * 3 >= quoted.count * 2 && seg.bracketed && !seg.paren
            // The items of a list that ends "等…职位" are posts, each ("硬件/软件/QT/算法/工业设计/项目等各类研发职位").
            let postList = postRun.contains(index) && (1...6).contains(t.count) && !seg.bracketed
                && !Self.companySuffixes.contains(where: { t.hasSuffix($0) && t.count > $0.count })
            let roleList = ((openList || quotedList) && (2...5).contains(t.count) || postList && (2...6).contains(t.count))
                && enumerated && t.unicodeScalars.allSatisfy(PlaceText.isCJKScalar) && !Self.genericCJK.contains(t)
            // (Not an item in parentheses after a role, "（兼职 / 项目制）", nor a team, "火山团队".)
            // An alternative to a team is a team too ("抖音/火山团队").
            let team = Self.teamMarkers.contains { t.hasSuffix($0) }
                || seg.slashAfter && index + 1 < segs.count && Self.teamMarkers.contains { segs[index + 1].text.hasSuffix($0) }
                || index > 0 && segs[index - 1].slashAfter && Self.teamMarkers.contains { segs[index - 1].text.hasSuffix($0) }
            let stack = index > 0 && segs[index - 1].fieldAfter && Self.endsInCJKRoleWord(segs[index - 1].text)
                && Self.techNames.contains(t.lowercased())
            // A function alone in parentheses after a role is its qualifier ("NodeJS技术专家（服务端）"), no other
            // opening; a list there names openings ("全栈开发工程师（前端开发、中间层开发、后端开发 均有hc）").
            if seg.paren, !seg.enumerated, index > 0, !segs[index - 1].paren,
               index + 1 == segs.count || !segs[index + 1].paren,
               Self.endsInStrongCJKRoleWord(segs[index - 1].text),
               !Self.endsInStrongCJKRoleWord(t) { continue }
            if (explicit && t.count <= 6 && !seg.paren && !stack || roleList) && !team && !isNotRole(t) && !t.contains(where: \.isNumber)
                && !Self.isLevelCode(t) {
                out.append(t)
                continue
            }
            if Self.genericCJK.contains(t) && !(inList && Self.listOnlyCJK.contains(t)) { continue }
            // A CJK role with a Latin level word after it ("大数据平台开发 Lead") is one role.
            let latinLevel = Self.words(t).count >= 2 && Self.genericRoleWords.contains(Self.normalWord(Self.words(t).last ?? ""))
                && Self.endsInCJKRoleWord(Self.words(t).dropLast().joined(separator: " "))
            let strong = Self.endsInStrongCJKRoleWord(t) || latinLevel
            let weak = Self.endsInCJKRoleWord(t)
            let latinTech = (list || withRoles >= 2 || enumerated) && t.unicodeScalars.allSatisfy { $0.isASCII } && t.count <= 10
                && !t.contains(" ") && t.first?.isLetter == true && !t.contains(where: \.isNumber) && t.count >= 2
            // A Latin name opening a CJK header before a field dash is the company ("SmartX - 存储、虚拟化、前端").
            // (Bracketed places or tags before it do not count: "【上海】Airwallex-前端/后端".)
            let companyField = segs[..<index].allSatisfy(\.bracketed) && !seg.bracketed && seg.fieldAfter && segs.count > 1
            // The one unbracketed item of a line ("【宇信科技】Web前端开发") is its role when it is short.
            // ("**python后端开发**": a Latin qualifier counts as one character.)
            let onlyItem = namedOpen == [index] && !seg.bracketed && t.count <= 16
                && t.unicodeScalars.filter(PlaceText.isCJKScalar).count + (t.contains(where: { $0.isASCII && $0.isLetter }) ? 1 : 0) <= 8
            // A programming language or platform standing as a field of a structured header ("Java/小米/武汉·3-5年",
            // "北京 - 作业帮 - 直播 - iOS&Android") names the role, as a technology in the role slot of a `|` header.
            // After a field that names the role, a technology field is its stack ("…EDA工具开发 - C++ - 上海").
            let techField = withRoles == 0 && segs.count >= 3 && !seg.paren && !seg.bracketed && Self.techNames.contains(t.lowercased())
            // A level and a language after a cue ("招聘高级JAVA"): the language is the role.
            let seniorTech = (list || seg.posted || onlyItem) && RoleKey.levelWords.contains { level in
                t.hasPrefix(level) && Self.techNames.contains(String(t.dropFirst(level.count)).trimmingCharacters(in: .whitespaces).lowercased())
            }
            if seniorTech && !isNotRole(t) {
                out.append(t)
                continue
            }
            // "后端 Java 岗": a post named by its function and language.
            let postedTech = seg.posted && Self.techNames.contains(Self.normalWord(Self.words(t).last ?? ""))
                && Self.containsCJKRoleWord(t)
            if strong || postedTech || (weak && (inList || seg.bracketed || t.count <= 4 && segs.count == 1 || onlyItem || seg.posted))
                || (latinTech && !companyField && !seg.paren && !stack && withRoles >= 1 && !isNotRole(t))
                || (techField && !companyField && !isNotRole(t)) {
                if !isNotRole(t) { out.append(t) }
            }
        }
        return out
    }

    /// Endings of CJK company names (科技, 公司, 集团, ...): a name with one, written apart before a role, is the
    /// employer; other words there may name the kind of work ("中间件 PaaS 服务开发高级工程师").
    static let companySuffixes = ["科技", "公司", "集团", "网络", "信息", "软件", "银行", "证券", "资本", "基金",
                                  "实验室", "研究院", "工作室", "厂", "互联", "传媒", "控股"]

    /// The phrase without a CJK company name written apart in front of it ("某厂 Java 开发工程师") and a Latin
    /// name after that which is no technology ("瓴岳科技 Fintopia 算法工程师"); a seniority word stays.
    static func withoutLeadingName(_ t: String) -> String {
        var ws = words(t)
        // A dotted name written apart before a CJK role is the company's site or name ("Booking.com 后端开发").
        // (A domain: "Next.js" is a framework, the kind of work.)
        if ws.count >= 2, let first = ws.first, first.allSatisfy({ $0.isASCII }), !techNames.contains(first.lowercased()),
           let dot = first.lastIndex(of: "."), dot > first.startIndex,
           ["com", "io", "ai", "cn", "net", "org", "co", "app", "tech"].contains(first[first.index(after: dot)...].lowercased()),
           ws[1].unicodeScalars.first.map(PlaceText.isCJKScalar) == true {
            let rest = ws.dropFirst().joined(separator: " ")
            if endsInCJKRoleWord(rest) { return rest }
        }
        guard ws.count >= 2, let first = ws.first, first.unicodeScalars.allSatisfy(PlaceText.isCJKScalar),
              !endsInCJKRoleWord(first), companySuffixes.contains(where: { first.hasSuffix($0) }) else { return t }
        ws.removeFirst()
        if ws.count >= 2, ws[0].allSatisfy({ $0.isASCII }), !techNames.contains(ws[0].lowercased()),
           !roleWords.contains(normalWord(ws[0])), ws[0].count > 3 { ws.removeFirst() }
        let rest = ws.joined(separator: " ")
        return endsInCJKRoleWord(rest) || containsRoleWord(rest) ? rest : t
    }

    static let trailingLevel = try! NSRegularExpression(
        pattern: "\\s*[PpTtLlMm]\\d{1,2}(\\s*[-~～/+]\\s*[PpTtLlMm]?\\d{1,2})*\\s*(起|及以上|以上|\\+)?$")

    /// The phrase without a level code at its end ("前端P6起" → "前端"), when what is left names a role.
    static func withoutTrailingLevel(_ t: String) -> String {
        guard t.last.map({ $0.isNumber || "起上+".contains($0) }) == true else { return t }
        let ns = t as NSString
        guard let m = trailingLevel.firstMatch(in: t, range: NSRange(location: 0, length: ns.length)), m.range.location > 0 else { return t }
        let rest = ns.substring(to: m.range.location).trimmingCharacters(in: trim)
        return endsInCJKRoleWord(rest) || containsRoleWord(rest) || techNames.contains(rest.lowercased()) ? rest : t
    }

    /// A level code or a lone letter left of one ("P", "P6", "T3-T4"): no role.
    static func isLevelCode(_ t: String) -> Bool {
        let c = Array(t.trimmingCharacters(in: .whitespaces))
        guard let first = c.first, "PpTtLlMm".contains(first), c.count <= 8 else { return false }
        let rest = c.dropFirst()
        return rest.allSatisfy { $0.isNumber || "-~～/+ PpTtLlMm".contains($0) } && (rest.isEmpty || rest.first?.isNumber == true)
    }

    /// Words that begin with a team marker and are no team ("组件开发" is component development).
    static let wordsBeginningWithMarker = ["组件", "组织", "组合", "部署", "部分", "中心化"]

    /// The phrase without a count, span of years, class year or level in front ("5年前端开发工程师", "26届实习生",
    /// "2名顾问", "P7高级开发工程师", "17-19级专家"), when what is left still names a role.
    static func withoutLeadingCount(_ t: String) -> String {
        // A numbered label in front ("职位1 前端开发工程师", "岗位2：…").
        for label in ["职位", "岗位"] where t.hasPrefix(label) {
            let rest = t.dropFirst(label.count)
            let digits = rest.prefix { $0.isNumber }
            if !digits.isEmpty {
                let after = String(rest.dropFirst(digits.count)).trimmingCharacters(in: trim)
                if endsInCJKRoleWord(after) || containsRoleWord(after) { return withoutLeadingCount(after) }
            }
        }
        let chars = Array(t)
        // A year written apart in front ("2021 蚂蚁集团前端").
        if chars.count > 6, chars[..<4].allSatisfy(\.isNumber), chars[0] == "2" || chars[0] == "1", chars[4] == " " {
            let rest = String(chars[5...]).trimmingCharacters(in: trim)
            if endsInCJKRoleWord(rest) || containsRoleWord(rest) { return withoutLeadingCount(rest) }
        }
        var i = 0
        // A level code: one or two Latin letters before the digits ("P7", "T3").
        while i < min(2, chars.count), chars[i].isASCII, chars[i].isLetter { i += 1 }
        let digitsStart = i
        while i < chars.count, chars[i].isNumber || "-~～+.".contains(chars[i]) { i += 1 }
        guard i > digitsStart, chars[digitsStart].isNumber else { return t }
        // A technology's name is no level code ("H5开发工程师", "UE5").
        if techNames.contains(String(chars[..<i]).lowercased()) { return t }
        let units: Set<Character> = ["年", "届", "名", "个", "级", "位", "人", "k", "K"]
        if i + 1 < chars.count, chars[i] == " ", units.contains(chars[i + 1]) { i += 1 }
        if i < chars.count, units.contains(chars[i]) {
            i += 1
        } else if digitsStart == 0 || i < chars.count && chars[i].isASCII && (chars[i].isLetter || chars[i].isNumber) {
            return t // a bare number, or a name such as "U3D"
        }
        var rest = String(chars[i...])
        for more in ["以上", "以内", "左右", "经验", "的", "+"] where rest.hasPrefix(more) { rest.removeFirst(more.count) }
        rest = rest.trimmingCharacters(in: trim)
        guard !rest.isEmpty, endsInCJKRoleWord(rest) || containsRoleWord(rest), !genericCJK.contains(rest) || i > 0 else { return t }
        return rest
    }

    /// Platform functions: a CJK name in front of one is a team, product or business line ("平台治理前端开发工程师",
    /// "商业化服务端"), not a kind of work; Latin qualifiers stay ("C 端前端", "Java 服务端", "Web前端").
    static let platformFunctions = ["前后端", "大前端", "前端", "后端", "服务端", "客户端", "后台"]

    /// The phrase without a CJK team or product name (two characters or more) in front of a platform function;
    /// a seniority word in front of the function stays ("商家资深前端" → "资深前端").
    static func withoutTeamBeforePlatform(_ t: String) -> String {
        for f in platformFunctions {
            guard let r = t.range(of: f) else { continue }
            var prefix = String(t[..<r.lowerBound])
            // A Latin name written apart before the function is a company or product ("某公司 everFinance 前端");
            // a language or platform is the kind of work ("Java 服务端"), a letter part of it ("C 端前端").
            let ws = words(prefix)
            if prefix.hasSuffix(" "), ws.count >= 2, let last = ws.last, last.allSatisfy({ $0.isASCII }),
               ws[ws.count - 2].unicodeScalars.contains(where: PlaceText.isCJKScalar) {
                let tech = techNames.contains(last.lowercased()) || last.count <= 3
                return (tech ? last + " " : "") + String(t[r.lowerBound...])
            }
            guard prefix.count >= 2, prefix.unicodeScalars.allSatisfy(PlaceText.isCJKScalar) else { continue }
            var kept = ""
            for s in RoleKey.levelWords where prefix.hasSuffix(s) {
                kept = s
                prefix.removeLast(s.count)
            }
            if prefix.count < 2 || RoleKey.seniorityCJK.contains(prefix) || prefix == "中高级" { return t }
            return kept + String(t[r.lowerBound...])
        }
        return t
    }

    /// Functions that may be written one after another as a list of openings.
    static let concatenableFunctions = ["前后端", "前端", "后端", "服务端", "客户端", "移动端", "全栈", "售前", "售后", "算法",
                                        "测试", "运维", "产品", "运营"]
    /// Functions that do not make a list of two alone ("产品运营" is one role).
    static let modifierFunctions: Set<String> = ["产品", "运营", "测试", "运维", "算法"]

    /// The functions of a CJK item that writes two or more of them one after another at its end, or nil.
    static func concatenatedFunctions(_ t: String) -> [String]? {
        var rest = Substring(t)
        var parts: [String] = []
        while let f = concatenableFunctions.first(where: { rest.hasSuffix($0) }) {
            parts.insert(f, at: 0)
            rest = rest.dropLast(f.count)
        }
        guard parts.count >= 3 || parts.count == 2 && !parts.allSatisfy(modifierFunctions.contains) else { return nil }
        // What precedes must not be part of the first function ("Web前端后端" keeps no "Web"; "大前端" is one word).
        if let last = rest.last, !(last.unicodeScalars.first.map(PlaceText.isCJKScalar) ?? false), last != " " { return nil }
        return parts
    }

    /// A CJK phrase ending in a role word, strong or a function (工程师, 前端, 算法).
    static func endsInCJKRoleWord(_ t: String) -> Bool { cjkRoleWords.contains { t.hasSuffix($0) } }

    /// Whether `t` ends with a strong CJK role word (工程师, 专家, 经理…).
    static func endsInStrongCJKRoleWord(_ t: String) -> Bool { strongCJKRoleWords.contains { t.hasSuffix($0) } }

    /// A phrase holding a CJK role word anywhere.
    static func containsCJKRoleWord(_ s: String) -> Bool { cjkRoleWords.contains { s.contains($0) } }

    /// A single CJK character (等, 门 left over after 部 was cut): no opening.
    static func isLoneCJKCharacter(_ t: String) -> Bool {
        t.count == 1 && t.unicodeScalars.first.map(PlaceText.isCJKScalar) == true
    }

    /// A phrase without emoji and other symbols at its ends ("前端开发工程师🔥🔥") and without list numbering in front
    /// ("1.Java开发工程师", "2、").
    static func withoutSymbolEdges(_ t: String) -> String {
        var u = t.unicodeScalars[...]
        func symbol(_ c: Unicode.Scalar) -> Bool {
            c.properties.isEmojiPresentation || c.properties.generalCategory == .otherSymbol
                || c.value == 0xFE0F || c.value == 0x200D
        }
        while let l = u.last, symbol(l) || l == " " { u = u.dropLast() }
        while let f = u.first, symbol(f) || f == " " { u = u.dropFirst() }
        var out = String(String.UnicodeScalarView(u))
        if let dot = out.firstIndex(where: { $0 == "." || $0 == "、" }), dot > out.startIndex,
           out[..<dot].allSatisfy(\.isNumber), out[..<dot].count <= 2, out.index(after: dot) < out.endIndex {
            out = String(out[out.index(after: dot)...]).trimmingCharacters(in: .whitespaces)
        }
        // A requisition code in front ("JR1985476高级软件测试开发工程师"): letters and four digits or more, then CJK.
        let code = out.prefix { $0.isASCII && ($0.isLetter || $0.isNumber) }
        // (A year with its unit, "2022届前端实习生", is a count the caller takes off.)
        if code.filter(\.isNumber).count >= 4, code.endIndex < out.endIndex, !"届年级".contains(out[code.endIndex]),
           out[code.endIndex].unicodeScalars.first.map(PlaceText.isCJKScalar) == true {
            out = String(out[code.endIndex...])
        }
        return out
    }

    /// An item of a CJK line: its text, whether it stood in brackets (in parentheses: a qualifier such as the stack
    /// of "前端开发（React/Next）"), and the separator after it (a slash of alternatives, a list mark, a field dash).
    struct CJKItem {
        var text: String
        var bracketed: Bool
        var slashAfter = false
        var enumerated = false
        var fieldAfter = false
        var paren = false
        var posted = false
        /// A colon follows: the item labels a field ("坐标：广州").
        var labelAfter = false
        /// A space follows (between CJK words): "测试 工程师" writes the head apart from the list before it.
        var spaceAfter = false
        /// The item ends a list with "等…职位/岗位" ("硬件/软件/算法/项目等各类研发职位"): the list names posts.
        var etcPosts = false
        /// "或" (or) follows: the items are alternatives, each a role of its own, sharing no head.
        var orAfter = false
        /// A comma follows.
        var commaAfter = false
        /// "、" follows.
        var ideographicCommaAfter = false
    }

    /// Words of a sentence, never of a job title.
    static let proseMarkers = ["为了", "一起", "参与", "共同", "推进", "帮助", "直达", "我们", "你们", "期待", "可以"]
    static let cjkLeads = ["欢迎", "新增", "另有", "也招", "还招", "以及", "或者", "或", "和", "及", "与", "有没有", "还有", "包括", "包含", "含"]
    /// Endings of team and department names ("火山团队", "基础架构部"): no role.
    static let teamMarkers = ["团队", "部门", "中心", "事业部", "事业群", "小组"]

    /// The phrase without a place written in front of it: the first word, or the first two to four CJK characters,
    /// when they name a place and the rest is still a role.
    func stripLeadingPlace(_ t: String) -> String {
        guard let places else { return t }
        var candidates: [String] = []
        // A Latin word as a place only before a Latin role ("Berlin Backend Engineer"); "Java 服务端" is a role.
        if let space = t.firstIndex(of: " "),
           t[space...].drop(while: { $0 == " " }).first.map({ $0.isASCII }) == true {
            candidates.append(String(t[..<space]))
        }
        let chars = Array(t)
        for n in stride(from: min(4, chars.count - 2), through: 2, by: -1)
        where chars.prefix(n).allSatisfy({ $0.unicodeScalars.first.map(PlaceText.isCJKScalar) ?? false }) {
            candidates.append(String(chars.prefix(n)))
        }
        for c in candidates {
            // A language or field is no place ("AI Agent产品经理": AI is no Anguilla), as in ``isNotRole(_:)``.
            if Self.techNames.contains(c.lowercased()) { continue }
            let r = places.normalize(c)
            guard r.isPlaced, r.confidence >= 0.99 else { continue }
            let rest = String(t.dropFirst(c.count)).trimmingCharacters(in: Self.trim)
            if Self.endsInCJKRoleWord(rest) || Self.containsRoleWord(rest) { return rest }
        }
        return t
    }

    /// URLs, e-mail addresses, places and work modes, employment terms.
    func isNotRole(_ s: String) -> Bool {
        let l = s.lowercased()
        if l.contains("http") || l.contains("www.") || l.contains("@") || l.contains(".com") || l.contains(".io") {
            return true
        }
        let ws = Self.words(l)
        if !ws.isEmpty && ws.allSatisfy({ Self.employmentWords.contains(Self.normalWord($0)) }) { return true }
        if Self.contactWords.contains(l.trimmingCharacters(in: Self.trim)) { return true }
        if Self.employmentWords.contains(l) { return true }
        // A language or field is no place ("Rust", "AI").
        if let places, !Self.containsRoleWord(s), !Self.techNames.contains(l) {
            let r = places.normalize(s)
            // A first-level region written in Latin letters is not taken for a place here: "Java" in
            // "前端，Java/Python" is a language (cities and countries still are places: "Beijing", "Germany").
            let regionOnly = r.places.allSatisfy { $0.level == .admin1 } && s.unicodeScalars.allSatisfy(\.isASCII)
            if (r.isPlaced && !regionOnly || r.remote || r.hybrid || r.onsite) && r.confidence >= 0.99 { return true }
        }
        return false
    }

    /// A short function name standing where a `|` header puts the role ("Rails", "Devops", "Front End"): one to
    /// three words, no digits, not a place, mode or employment term.
    func isSlotRole(_ s: String) -> Bool {
        let ws = Self.words(s)
        guard (1...3).contains(ws.count), !s.contains(where: \.isNumber), !isNotRole(s) else { return false }
        // A CJK field names a role only with a role word ("哈啰出行" in "内推｜哈啰出行｜普惠用车事业部" is the company).
        if s.unicodeScalars.contains(where: PlaceText.isCJKScalar) { return Self.containsCJKRoleWord(s) }
        return ws.allSatisfy { $0.count >= 2 }
    }

    /// A role word, or a hyphenated word ending in one ("Frontend-Developer", "Software-Entwickler").
    static func isRoleWord(_ w: String) -> Bool {
        let n = normalWord(w)
        if roleWords.contains(n) { return true }
        guard let d = n.lastIndex(of: "-"), d != n.startIndex else { return roleWordTypo(n) != nil }
        let tail = String(n[n.index(after: d)...])
        return roleWords.contains(tail) && !genericRoleWords.contains(tail)
    }

    /// The role word that `n` (a normalized word) misspells by one letter before its last, left out or one too many
    /// ("Developper", "Programer", "Enginer"); nil for a word or a role word. Only role words of eight or more
    /// letters (a shorter word is one letter away from too many other words), no word ending in -ed or -ing, never
    /// at the last letter (`directory`), and no wrong letter: one letter replaced makes words too often (`analysis`
    /// of analysts, `responsible` of the French `responsable`, `designed`), so "Develooer" stays unread.
    static func roleWordTypo(_ n: String) -> String? {
        // Checked before any copy: this runs on every word that is no role word.
        guard (7...15).contains(n.utf8.count), n.utf8.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }),
              !n.hasSuffix("ed"), !n.hasSuffix("ing"), !roleWords.contains(n) else { return nil }
        // One letter too few: the word is a deletion of a role word.
        if let r = roleWordDeletions[n]?.first { return r }
        // One letter too many: a deletion of the word is a role word.
        return deletionsBeforeLast(n).first(where: longRoleWords.contains)
    }

    /// `w` with one letter deleted, for each letter before its last (ASCII words).
    static func deletionsBeforeLast(_ w: String) -> [String] {
        let b = Array(w.utf8)
        return b.indices.dropLast().map { i in
            var d = b
            d.remove(at: i)
            return String(decoding: d, as: UTF8.self)
        }
    }

    /// Role words of eight or more ASCII letters, and each of them with one letter before its last deleted -> those
    /// role words.
    static let longRoleWords: Set<String> = Set(roleWords.filter { $0.utf8.count >= 8 && $0.utf8.allSatisfy { $0 >= 0x61 && $0 <= 0x7A } })
    static let roleWordDeletions: [String: [String]] = {
        var out: [String: [String]] = [:]
        for r in longRoleWords.sorted() {
            for key in Set(deletionsBeforeLast(r)) { out[key, default: []].append(r) }
        }
        return out
    }()

    /// A title field that is a job title named by an agent noun the role words lack ("Bioinformatician - COVID
    /// Data Analysis", "Electrician"): its first segment, one to three capitalised words ending in -er, -or, -ist,
    /// -ian, -ant or -eer.
    static func agentTitle(_ title: String) -> String? {
        let first = title.split(whereSeparator: { "|(,–—:".contains($0) }).first.map(String.init) ?? title
        let segment = (first.components(separatedBy: " - ").first ?? first).trimmingCharacters(in: trim)
        let ws = words(segment)
        guard (1...3).contains(ws.count), ws.allSatisfy({ $0.first?.isUppercase == true && $0.allSatisfy { $0.isLetter || $0 == "-" } }),
              let last = ws.last.map(normalWord), last.count >= 6,
              ["er", "or", "ist", "ian", "ant", "eer"].contains(where: { last.hasSuffix($0) }),
              !notAgents.contains(last), !titleNotAgents.contains(last) else { return nil }
        return segment
    }
    static let titleNotAgents: Set<String> = ["summer", "winter", "newsletter", "computer", "register", "chapter",
                                              "quarter", "matter", "letter", "cluster", "poster", "monitor", "factor",
                                              "sector", "vendor", "error", "interior", "paper", "offer", "answer",
                                              "important", "restaurant", "assistant", "variant", "tenant", "elephant"]

    static func words(_ s: String) -> [String] {
        s.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }

    static func containsRoleWord(_ s: String) -> Bool {
        words(s).contains { roleWords.contains(normalWord($0)) } || containsCJKRoleWord(s)
    }

    static let wordEdge: Set<Unicode.Scalar> = Set(".,;:!?()[]\"'’“”*".unicodeScalars)

    /// Lower case, without punctuation at the ends (no Foundation: this runs for every word of every header).
    static func normalWord(_ w: String) -> String {
        var u = w.unicodeScalars[...]
        while let f = u.first, wordEdge.contains(f) { u = u.dropFirst() }
        while let l = u.last, wordEdge.contains(l) { u = u.dropLast() }
        return String(String.UnicodeScalarView(u)).lowercased()
    }

    /// The clustering key of a role (the shared title normaliser of the occupation side).
    public static func key(_ phrase: String) -> String? { RoleKey.key(phrase) }
}

/// The key of a role: the coder's title normaliser (``TitleNormalizer/analyze(_:)``'s head words, without
/// seniority, gender markers, employment terms and places), so that role clusters and occupation coding agree on
/// what a title is. "Senior Backend Engineer (m/w/d)" and "backend engineers" give `backend engineer`.
public enum RoleKey {
    static let normalizer = TitleNormalizer()
    /// Keys of phrases seen (titles repeat): normalising is the costly part of role extraction.
    static let cache = SharedCache<String?>(limit: 200_000)

    public static func key(_ phrase: String) -> String? { cache.value(phrase) { compute(phrase) } }

    static func compute(_ phrase: String) -> String? {
        // Alternatives inside a role ("Python / Django Engineer", "Python & JS") are one phrase, not segments.
        // Look-alike radicals are their characters ("⾼级Java后端⼯程师" = 高级Java后端工程师), as in extraction.
        var p = RoleExtractor.withoutRadicals(phrase)
        // A level written as an alternative ("前端工程师/专家", "研发工程师／技术专家"): the post is the role at either
        // level, as a seniority word in front is (高级前端工程师 = 前端工程师).
        for level in levelAlternatives where p.hasSuffix(level) {
            let rest = String(p.dropLast(level.count)).trimmingCharacters(in: .whitespaces)
            if RoleExtractor.endsInStrongCJKRoleWord(rest) { p = rest }
        }
        while let slash = p.lastIndex(where: { $0 == "/" || $0 == "／" }) {
            let role = String(p[..<slash]), alt = String(p[p.index(after: slash)...])
            let first = String(role.split(whereSeparator: { $0 == "/" || $0 == "／" }).first ?? "")
            guard isLevelAlternative(alt, of: first) else { break }
            p = role
        }
        for sep in [" / ", "/", " & ", "&", " + "] { p = p.replacingOccurrences(of: sep, with: " ") }
        // A misspelt role word is the role word ("Python Developper" clusters with "Python Developer").
        if p.unicodeScalars.contains(where: { $0.properties.isAlphabetic && $0.isASCII }) {
            p = p.split(separator: " ", omittingEmptySubsequences: false).map { w in
                RoleExtractor.roleWordTypo(RoleExtractor.normalWord(String(w))) ?? String(w)
            }.joined(separator: " ")
        }
        let a = normalizer.analyze(p)
        let words = a.main.isEmpty ? a.full : a.main
        guard !words.isEmpty else { return nil }
        // CJK tokens are joined directly, other words with a space; CJK seniority goes (高级前端工程师 = 前端工程师).
        var out = ""
        var prevCJK = false
        var latin = 0
        for w in words {
            let cjk = w.unicodeScalars.first.map(PlaceText.isCJKScalar) ?? false
            if !cjk { latin += 1 }
            if latin > 6 { break }
            if !out.isEmpty && !(cjk && prevCJK) { out += " " }
            out += w
            prevCJK = cjk
        }
        for p in seniorityCJK where out.hasPrefix(p) && out.count > p.count + 1 { out.removeFirst(p.count) }
        return out.trimmingCharacters(in: .whitespaces)
    }

    static let seniorityCJK = ["高级", "资深", "初级", "中级", "首席", "专家级"]
    /// The seniority words and 中高级 (levels written in front of a role or alone).
    static let levelWords = seniorityCJK + ["中高级"]
    /// `alt`, written after `role` and a slash, is the same post at another level: a bare level ("专家", "实习生"), or
    /// the role's function or language with 专家 ("高级测试开发/测试开发专家", "高级Java工程师/Java技术专家").
    static func isLevelAlternative(_ alt: String, of role: String) -> Bool {
        let a = alt.trimmingCharacters(in: .whitespaces), r = role.trimmingCharacters(in: .whitespaces)
        guard r.count > 3, RoleExtractor.endsInStrongCJKRoleWord(r)
                || ["开发", "研发"].contains(where: { r.hasSuffix($0) }) else { return false }
        if ["专家", "技术专家", "高级专家", "资深专家", "实习生", "助理"].contains(a) { return true }
        // A level and the role's own head ("Java工程师/高级工程师").
        for level in levelWords where a.hasPrefix(level) {
            let head = String(a.dropFirst(level.count))
            if RoleExtractor.strongCJKRoleWords.contains(head), r.hasSuffix(head) { return true }
        }
        for level in ["技术专家", "专家"] where a.hasSuffix(level) && a.count > level.count {
            let stem = String(a.dropLast(level.count)).trimmingCharacters(in: .whitespaces)
            if stem.count >= 2, r.contains(stem) { return true }
        }
        return false
    }

    static let levelAlternatives = ["/专家", "／专家", "/技术专家", "／技术专家", "/ 专家", " / 专家", "/高级专家", "／高级专家",
                                    "/资深专家", "／资深专家"]
}

/// A memo shared by the matching threads: string key to value, emptied when it reaches `limit` entries. A value
/// is computed outside the lock (two threads may compute the same one; both get equal values).
final class SharedCache<Value>: @unchecked Sendable {
    private var entries: [String: Value] = [:]
    private let lock = NSLock()
    let limit: Int

    init(limit: Int) { self.limit = limit }

    func value(_ key: String, compute: () -> Value) -> Value {
        lock.lock()
        if let hit = entries[key] { lock.unlock(); return hit }
        lock.unlock()
        let v = compute()
        lock.lock()
        if entries.count >= limit { entries.removeAll(keepingCapacity: true) }
        entries[key] = v
        lock.unlock()
        return v
    }
}
