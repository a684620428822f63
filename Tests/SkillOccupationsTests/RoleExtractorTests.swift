import XCTest
@testable import SkillOccupations

/// Role extraction without a gazetteer: the classes of header the extractor must read (the role gold measures
/// the rest).
final class RoleExtractorTests: XCTestCase {
    let x = RoleExtractor(places: nil)

    func phrases(_ title: String, _ text: String = "", employer: String? = nil) -> [String] {
        x.roles(title: title, text: text, employer: employer).map(\.phrase)
    }

    func testTitlesHeadersAndLists() {
        XCTAssertEqual(phrases("Senior Backend Developer (Python/Django)"), ["Senior Backend Developer"])
        XCTAssertEqual(phrases("", "Aha! (http://www.aha.io) | Rails / Devops / Front End | REMOTE"),
                       ["Rails", "Devops", "Front End"])
        XCTAssertEqual(phrases("", "# 字节跳动南京研发部招：前端开发工程师、服务端开发工程师、大数据开发工程师"),
                       ["前端开发工程师", "服务端开发工程师", "大数据开发工程师"])
        XCTAssertEqual(phrases("", "We're hiring: Senior Data Engineer (m/w/d)"), ["Senior Data Engineer"])
        XCTAssertEqual(phrases("Data Systems Developer / Web Application Developer"),
                       ["Data Systems Developer", "Web Application Developer"])
        XCTAssertEqual(phrases("", "We are looking for three developers and two data engineers"),
                       ["developers", "data engineers"])
    }

    func testWhatIsNotARole() {
        XCTAssertEqual(phrases("", "Oscar Insurance is a startup using technology, data & design to make insurance simple"), [])
        XCTAssertEqual(phrases("", "# 【阿里巴巴】【杭州】淘宝特价版技术团队招人，看到最后有惊喜~"), [])
        XCTAssertEqual(phrases("", "![image](https://user-images.githubusercontent.com/1/2.png)"), [])
        // Prose after the first line is not a header.
        XCTAssertEqual(phrases("", "Welcome to our company.\nOur CTO and two engineers founded it in 2015 after years of work."), [])
    }

    func testTheEmployersNameIsNotPartOfTheRole() {
        XCTAssertEqual(phrases("ACME Example Developer", employer: "ACME Example"), ["Developer"])
        XCTAssertEqual(phrases("", "# 拼多多高级开发工程师", employer: "拼多多"), ["高级开发工程师"])
        XCTAssertEqual(phrases("", "# 字节跳动互娱研发 ⏎".replacingOccurrences(of: " ⏎", with: ""), employer: "字节跳动互娱研发"), [])
    }

    /// The employer's name in front of a role, as a part of the field, its words or a CJK short form; an ordinary
    /// word that a company name also uses stays ("Data" of Open Data Services).
    func testEmployerNameFormsInFrontOfARole() {
        XCTAssertEqual(phrases("AHL Quant Platform Developer", employer: "Man AHL"), ["Quant Platform Developer"])
        XCTAssertEqual(phrases("Data Systems Developer", employer: "Open Data Services"), ["Data Systems Developer"])
        XCTAssertEqual(phrases("", "### **七牛云前端实习生招聘（上海/杭州，7月1日前入职）**", employer: "七牛云"), ["前端实习生"])
        XCTAssertEqual(phrases("", "## 秘猿前端工程师", employer: "秘猿科技"), ["前端工程师"])
        XCTAssertEqual(phrases("", "# 拼多多C端前端招人", employer: "拼多多"), ["C端前端"])
        // What is left must name a role: the company's internship is no role of its own.
        XCTAssertEqual(phrases("", "# 七牛云实习生", employer: "七牛云"), [])
    }

    /// Slashes, "and" and generic words between role words, from real titles.
    func testAlternativesAndModifiersInLatinTitles() {
        XCTAssertEqual(phrases("Co-Founder/CTO"), ["Co-Founder", "CTO"])
        XCTAssertEqual(phrases("Junior/Graduate Python Developer"), ["Junior / Graduate Python Developer"])
        XCTAssertEqual(phrases("Python and Javascript Developer"), ["Python and Javascript Developer"])
        XCTAssertEqual(phrases("UX/UI Designer"), ["UX / UI Designer"])
        XCTAssertEqual(phrases("", "We are looking for an ambitious, driven Python expert to join"), ["Python expert"])
    }

    /// CJK headers: alternatives sharing a head, "+" lists, emoji and numbering, "等", later lines that add openings
    /// or write one in full.
    func testCJKListsAndLaterHeaderLines() {
        XCTAssertEqual(phrases("", "## 【字节-业务中台】服务端/后端研发工程师"), ["服务端/后端研发工程师"])
        XCTAssertEqual(phrases("", "# 招前端/后端/测试"), ["前端", "后端", "测试"])
        XCTAssertEqual(phrases("", "# 青云QingCloud 容器开发 + 测试工程师大量岗位！", employer: "青云QingCloud"),
                       ["容器开发", "测试工程师"])
        XCTAssertEqual(phrases("", "# [北京] 懂车帝急招前端开发工程师🔥🔥🔥"), ["前端开发工程师"])
        XCTAssertEqual(phrases("", "### 1.Java开发工程师（风控方向）"), ["Java开发工程师"])
        XCTAssertEqual(phrases("", "招聘：嵌入式/硬件/软件/算法/测试/项目等各类研发职位"),
                       ["嵌入式", "硬件", "软件", "算法", "测试", "项目"])
        XCTAssertEqual(phrases("", "# [北京] 字节急招「基础平台研发」「后端研发」工程师\n团队快速扩张\n## 另有「移动端开发」、「前端开发」"),
                       ["基础平台研发", "后端研发", "移动端开发", "前端开发"])
        XCTAssertEqual(phrases("", "### [武汉] Talkdesk 招后端开发\n后端开发工程师 18k-25k·13薪 湖北·武汉"), ["后端开发工程师"])
        XCTAssertEqual(phrases("", "### 岗位\nJava 开发工程师\n### 公司"), ["Java 开发工程师"])
        XCTAssertEqual(phrases("", "SmartX - 存储、虚拟化、前端、后端、测试、产品"), ["存储", "虚拟化", "前端", "后端", "测试", "产品"])
    }

    /// More header shapes from the shared corpora: a parenthetical inside an item, requisition codes, a stack in
    /// parentheses, a later heading with another position, labels, "&" between two full roles, times and posts.
    func testMoreHeaderShapes() {
        XCTAssertEqual(phrases("", "# [深圳] 招聘 Java 后端开发、深度学习（AIGC视觉）算法工程师"), ["Java 后端开发", "深度学习算法工程师"])
        XCTAssertEqual(phrases("", "## 1. JR1985476高级软件测试开发工程师（DGX Cloud）"), ["高级软件测试开发工程师"])
        XCTAssertEqual(phrases("", "# [上海] 招商拓扑银行(筹) 急缺大数据开发相关人才"), ["大数据开发"])
        XCTAssertEqual(phrases("", "# 青云 容器开发 + 测试工程师\n# DevOps 研发工程师\n## 职位描述"),
                       ["容器开发", "测试工程师", "DevOps 研发工程师"])
        XCTAssertEqual(phrases("", "### 蚂蚁金服-消费信贷-重庆\n招\n- JAVA研发工程师"), ["JAVA研发工程师"])
        XCTAssertEqual(phrases("", "> 热招职位如下：\n> 1. Senior Frontend Engineer (API Gateway)"), ["Senior Frontend Engineer"])
        XCTAssertEqual(phrases("", "## 内推｜哈啰出行｜普惠用车事业部(社招/应届都可)\n=====\n### 高级/资深Java工程师-普惠-上海(J16017)"),
                       ["高级/资深Java工程师"])
        XCTAssertEqual(phrases("", "25届，有两段实习经验，个人求职：前端开发（React/Next/WebGL）"), ["前端开发"])
        XCTAssertEqual(phrases("Scrum Master & Lead Python Developer in Nantes (France)"), ["Scrum Master", "Lead Python Developer"])
        XCTAssertEqual(phrases("Live in positions 40 hours per week Working split shifts: 7.00 am to 2.30 pm"), [])
        XCTAssertEqual(phrases("Description", "We are currently looking for candidates for a PhD scholarship in microscopy"),
                       ["PhD scholarship"])
        XCTAssertEqual(phrases("", "we’re recruiting: Experienced Product Manager for a client"), ["Product Manager"])
        XCTAssertEqual(phrases("", "We are looking for an experienced project manager who loves project and programme management"),
                       ["project manager"])
    }

    /// A job seeker's cues, functions written one after another, technologies in the fields of a structured
    /// header, an activity before a slash, contact labels after a list.
    func testSeekersConcatenatedFunctionsAndTechnologyFields() {
        XCTAssertEqual(phrases("", "三年经验，应聘后端开发工程师岗，或者运维开发，微信：abc"), ["后端开发工程师", "运维开发"])
        XCTAssertEqual(phrases("", "应届生蹲Java开发（Spring/MySQL）"), ["Java开发"])
        XCTAssertEqual(phrases("", "某公司增长团队招人，AI方向前端后端测试都要"), ["前端", "后端", "测试"])
        XCTAssertEqual(phrases("", "# 某某科技 售前售后"), ["售前", "售后"])
        XCTAssertEqual(phrases("", "# 产品运营招聘"), ["产品运营"])
        XCTAssertEqual(phrases("", "# Golang/某厂/杭州·1-3年·本科/20-30K"), ["Golang"])
        XCTAssertEqual(phrases("", "# 上海 - 某厂 - 电商 - Android&iOS"), ["Android", "iOS"])
        XCTAssertEqual(phrases("", "# 某厂 - 推荐算法工程师 - Python - 北京"), ["推荐算法工程师"])
        XCTAssertEqual(phrases("", "# 招聘：Go开发/测试工程师、量化交易员"), ["Go开发", "测试工程师", "量化交易员"])
    }

    /// A team or product name in front of a platform function beside other fields; a header that is the role alone
    /// keeps its qualifier; a Latin note after a CJK role; hyphenated Latin words; "或" between alternatives.
    func testTeamsBeforePlatformFunctionsAndNotes() {
        XCTAssertEqual(phrases("", "## 某厂-会员增长前端开发工程师-北京"), ["前端开发工程师"])
        XCTAssertEqual(phrases("", "## 某厂 | 广告投放服务端 | 内推"), ["服务端"])
        XCTAssertEqual(phrases("", "## 量化交易前端工程师"), ["量化交易前端工程师"])
        // A stack in parentheses (and, with a gazetteer, a place) is no other field: the qualifier names the work.
        XCTAssertEqual(phrases("", "# 游戏客户端开发（Unity）"), ["游戏客户端开发"])
        XCTAssertEqual(phrases("", "某公司急聘Python爬虫工程师"), ["Python爬虫工程师"])
        XCTAssertEqual(phrases("", "# 某公司 运维工程师 DBA"), ["DBA", "运维工程师"])
        XCTAssertEqual(phrases("", "## 某厂直播资深前端", employer: "某厂"), ["资深前端"])
        XCTAssertEqual(phrases("", "# [杭州]某厂电商后端 P7紧急招聘"), ["后端"])
        XCTAssertEqual(phrases("", "## Go 或 React-Native 方向工程师"), ["Go", "React-Native 方向工程师"])
        XCTAssertEqual(phrases("", "# 某厂-Golang-基础架构-上海"), ["Golang"])
    }

    /// Lists of quoted items, list cues, longer short items; seniority before a slash, numbers in product names,
    /// durations in front of a role.
    func testQuotedListsSlashesNumbersAndDurations() {
        XCTAssertEqual(phrases("", "# 另招「客户端开发」、「后端开发」、「推荐算法」、「质量保障」"),
                       ["客户端开发", "后端开发", "推荐算法", "质量保障"])
        XCTAssertEqual(phrases("", "# 某团队招人，岗位涵盖【服务端】【测试】【风控】"), ["服务端", "测试", "风控"])
        XCTAssertEqual(phrases("Junior UI/UX Designer"), ["Junior UI / UX Designer"])
        XCTAssertEqual(phrases("SAP S4 Consultant"), ["SAP S4 Consultant"])
        XCTAssertEqual(phrases("Office 365 Administrator"), ["Office 365 Administrator"])
        XCTAssertEqual(phrases("", "We want to hire 2 Senior Engineers"), ["Senior Engineers"])
        XCTAssertEqual(phrases("", "We are looking for a three-year postdoctoral fellow in ecology"), ["postdoctoral fellow"])
    }

    /// Counts, years and levels in front of a role; a later line that is a job title alone; short labels; markup
    /// after a one-character cue; a hiring word after the role; a place after "@".
    func testCountsTitleLinesLabelsAndMarkup() {
        XCTAssertEqual(phrases("", "# 3年以上Go开发工程师"), ["Go开发工程师"])
        XCTAssertEqual(phrases("", "# P7高级测试工程师"), ["高级测试工程师"])
        XCTAssertEqual(phrases("", "# 招聘 U3D开发工程师"), ["U3D开发工程师"])
        XCTAssertEqual(phrases("", "某某网络科技有限公司\n资深Java工程师\n公司介绍"), ["资深Java工程师"])
        XCTAssertEqual(phrases("", "# 热招岗位\n中级数据开发工程师（Flink）"), ["中级数据开发工程师"])
        XCTAssertEqual(phrases("", "地点：北京；招**前端、后端、测试**"), ["前端", "后端", "测试"])
        XCTAssertEqual(phrases("", "## 某某 安卓开发🔥急招🔥"), ["安卓开发"])
        XCTAssertEqual(phrases("", "# 嵌入式软件工程师 @深圳"), ["嵌入式软件工程师"])
        XCTAssertEqual(phrases("", "# 某厂招聘 组件开发工程师"), ["组件开发工程师"])
        XCTAssertEqual(phrases("", "# 某厂招前端以及算法"), ["前端", "算法"])
    }

    /// A phrase that takes in an earlier one replaces it; a title that opens with a role keeps it before a cue.
    func testOverlappingPhrasesAndTitlesBeforeACue() {
        XCTAssertEqual(phrases("Sr Manager Cloud Security Engineer"), ["Sr Manager Cloud Security Engineer"])
        XCTAssertEqual(phrases("Android Developer at ACME. We are looking for a Mobile Engineer"),
                       ["Android Developer", "Mobile Engineer"])
        XCTAssertEqual(phrases("ACME is looking for a Data Engineer"), ["Data Engineer"])
    }

    /// Roles before a hiring word in a later line; two cues in one line; a comma list in the role slot.
    func testRolesBeforeAHiringWordAndTwoCues() {
        XCTAssertEqual(phrases("", "# 某厂 大量技术岗急招中！\n联系：abc\n测试、运维招聘合计20人"), ["测试", "运维"])
        XCTAssertEqual(phrases("", "# 某厂招聘 前端/后端\n既招测试工程师也招技术Leader"), ["前端", "后端", "测试工程师", "技术Leader"])
        XCTAssertEqual(phrases("", "Acme (acme.com) | Backend, Frontend, Mobile | Remote"), ["Backend", "Frontend", "Mobile"])
    }

    /// Sentences that name the post: before "is available", after "become a" or "job as" (an agent noun).
    func testSentencesThatNameThePost() {
        XCTAssertEqual(phrases("Deadline: 1 May. A two-year Postdoc position is available in our lab"), ["Postdoc position"])
        XCTAssertEqual(phrases("Are you ready?", "Join us and become a Grid Planner in our team ."), ["Grid Planner"])
        XCTAssertEqual(phrases("We offer a part-time job as courier in the city"), ["courier"])
        XCTAssertEqual(phrases("Come and become a member of our community"), [])
        XCTAssertEqual(phrases("For the summer season ACME is looking for dancers at the beach"), ["dancers"])
        XCTAssertEqual(phrases("Looking for a job where you do not have to speak Danish?"), [])
        // A clause after the first role of a cue names no opening; a language after a dash is a role's stack.
        XCTAssertEqual(phrases("", "We are looking for a Project Manager who works with the data engineer"), ["Project Manager"])
        XCTAssertEqual(phrases("", "某团队招聘：\n岗位：高级技术专家-Go\n岗位职责："), ["高级技术专家"])
        // In prose an adjective before a lower-case role is no part of it; a field of work is.
        XCTAssertEqual(phrases("We expect you to be a licensed physician ."), ["physician"])
        XCTAssertEqual(phrases("", "We need an embedded software engineer"), ["embedded software engineer"])
    }

    /// The word for a post marks a role (前端岗位); a level and a language after a cue; one character sharing the
    /// head after "、"; emphasis inside a line; a title with a qualifier after a dash; a later short list line;
    /// a Latin company name before a platform function.
    func testPostsLevelsSharedHeadsAndLaterLines() {
        XCTAssertEqual(phrases("", "# [深圳] 某某科技 后端岗位"), ["后端"])
        XCTAssertEqual(phrases("", "## 某某信息招聘高级JAVA（成都）"), ["高级JAVA"])
        XCTAssertEqual(phrases("", "# 某厂-基础研发中心，软、硬件开发岗位"), ["软、硬件开发"])
        XCTAssertEqual(phrases("", "**公司**：某厂\n**城市**：深圳\n**岗位**：大数据开发"), ["大数据开发"])
        XCTAssertEqual(phrases("", "某厂基础架构\n存储研发工程师-分布式方向\n请仔细阅读"), ["存储研发工程师"])
        XCTAssertEqual(phrases("", "# 某厂新增岗位\n前端、后端、数据均有HC。"), ["前端", "后端"])
        XCTAssertEqual(phrases("", "# 区块链创业公司 fooBar 前端岗位"), ["前端"])
        XCTAssertEqual(phrases("", "# 某厂 Java 服务端"), ["Java 服务端"])
        XCTAssertEqual(phrases("", "1、直播后台开发岗位："), ["直播后台开发"])
    }

    /// A later header line that is a field naming the post adds its role, or writes an earlier one in full with a
    /// qualifier in front; roles side by side, each ending in a CJK role word, are a list.
    func testLaterPostFieldsAndSpaceSeparatedRoles() {
        XCTAssertEqual(phrases("", "### 某某软件技术有限公司 -- 招聘全栈开发\n**工作地点**：上海\n**职位：** 软件开发工程师"),
                       ["全栈开发", "软件开发工程师"])
        XCTAssertEqual(phrases("", "某某科技招聘前端工程师\n职位名称： 高级Web前端工程师\n工作地点： 上海"), ["高级Web前端工程师"])
        XCTAssertEqual(phrases("", "## 某某（北京）科技有限公司\n招聘职位: web前端 java工程师\n### 公司简介"), ["web前端", "java工程师"])
        XCTAssertEqual(phrases("", "招聘 Java 开发工程师"), ["Java 开发工程师"], "a technology before the role is part of it")
        XCTAssertEqual(phrases("", "某某科技招聘前端工程师\n工作地点： 上海"), ["前端工程师"], "a place field adds nothing")
    }

    /// A later line with the same fields in front names another opening; a bracketed tag before a company field;
    /// a CJK role with a Latin level word; an employment term before a slash.
    func testSiblingLinesTagsAndLevels() {
        XCTAssertEqual(phrases("", "- [某厂 - 基础架构部 - 存储研发专家](https://a.b/c)\n- [某厂 - 基础架构部 - 编译器研发](https://a.b/d)"),
                       ["存储研发专家", "编译器研发"])
        XCTAssertEqual(phrases("", "### 【深圳】Foobar-前端/后端/测试工程师 岗位"), ["前端", "后端", "测试工程师"])
        XCTAssertEqual(phrases("", "## 某某科技招聘「推荐系统开发 Lead」！"), ["推荐系统开发 Lead"])
        XCTAssertEqual(phrases("", "# 某某科技[全职岗/实习生]"), [])
    }

    /// A CJK company name written apart before a role (and a Latin brand after it) is no part of it; a domain word
    /// there is; a question around a post; a post named by function and language.
    func testCompanyNamesWrittenApart() {
        XCTAssertEqual(phrases("", "# 某某科技 FooBar 算法工程师招聘"), ["算法工程师"])
        XCTAssertEqual(phrases("", "# 某厂 Java 开发工程师"), ["Java 开发工程师"])
        XCTAssertEqual(phrases("", "## 中间件 PaaS 服务开发高级工程师 - 某银行"), ["中间件 PaaS 服务开发高级工程师"])
        XCTAssertEqual(phrases("", "有没有后端 Go 岗啊~"), ["后端 Go"])
        XCTAssertEqual(phrases("", "# 某某软件 SRE产品研发（远程）"), ["SRE产品研发"])
    }

    /// Roles before the word for the posts and a colon; "含" before a list; no list items in parentheses after a
    /// role, nor teams; a class year in front of an internship of the employer.
    func testRolesBeforePostWordsTeamsAndParentheses() {
        XCTAssertEqual(phrases("", "内推Go和前端岗位：base北京，上升期的公司"), ["Go", "前端"])
        XCTAssertEqual(phrases("", "职位名称：强化学习工程师（兼职 / 项目制）"), ["强化学习工程师"])
        XCTAssertEqual(phrases("", "# 某厂-某部—直播/电商团队—客户端/服务端"), ["客户端", "服务端"])
        XCTAssertEqual(phrases("", "### 某某科技2025届实习生招聘", employer: "某某科技"), [])
        XCTAssertEqual(phrases("", "# 某厂 职位1 后端开发工程师"), ["后端开发工程师"])
        XCTAssertEqual(phrases("", "# 某厂大量Go开发"), ["Go开发"])
    }

    /// A hyphenated role word; a title named by an agent noun the role words lack; a title that names nothing.
    func testHyphenatedRoleWordsAndAgentTitles() {
        XCTAssertEqual(phrases("Backend-Developer ( m/f/d ) ACME"), ["Backend-Developer"])
        XCTAssertEqual(phrases("Electrician - Night Shift"), ["Electrician"])
        XCTAssertEqual(phrases("Computational Linguist"), ["Computational Linguist"])
        XCTAssertEqual(phrases("Summer"), [])
        XCTAssertEqual(phrases("Software Engineer - Checkout UI"), ["Software Engineer"])
        // An industry in front names the business (guideline 8); "Tech Lead" keeps its word.
        XCTAssertEqual(phrases("Fintech Backend Engineer"), ["Backend Engineer"])
        XCTAssertEqual(phrases("Tech Lead"), ["Tech Lead"])
        XCTAssertEqual(phrases("Test Role"), [])
    }

    /// A level code after a role; an invitation to join (诚邀 … 加入, "join us as a …").
    func testTrailingLevelsAndInvitations() {
        XCTAssertEqual(phrases("", "### 某厂开放平台招聘 - 前端P6起，Go后端P7起"), ["前端", "Go后端"])
        XCTAssertEqual(phrases("", "# 招聘 数据开发（P6-P7）、测试 P5+"), ["数据开发", "测试"])
        XCTAssertEqual(phrases("", "我们是一家国企，现诚邀优秀的后端工程师加入我们的团队！"), ["后端工程师"])
        XCTAssertEqual(phrases("", "Join us as a Senior Data Engineer in Berlin"), ["Senior Data Engineer"])
    }

    /// Chinese "who is hiring" headers (issue 18, round 4): a company or team fused to the role, employment terms
    /// beside it, a level or a count after the hiring cue, a title among dash fields, roles listed in running prose.
    func testCompaniesFusedToCJKRoles() {
        // A dotted name written apart before the role is the company.
        XCTAssertEqual(phrases("", "# [上海/阿姆斯特丹] Booking.com 后端开发招聘"), ["后端开发"])
        // Employment terms beside the role are no items of their own: the role is the one item left.
        XCTAssertEqual(phrases("", "# 2021 字节跳动飞书内推前端组件开发，社招、实习"), ["前端组件开发"])
        // The first dash field before a role field is the company.
        XCTAssertEqual(phrases("", "## 携程-资深Java研发"), ["资深Java研发"])
        // Bars separate fields as dashes do; a team before a platform function goes.
        XCTAssertEqual(phrases("", "## 社招内推 | 拼多多 | 【商业化方向】广告服务端后台开发 | Base 上海"), ["服务端后台开发"])
        // Dashes between CJK fields split Latin words too.
        XCTAssertEqual(phrases("", "## 阿里-Lazada-Java Engineer-国际化中台-商家端 （深圳）"), ["Java Engineer"])
        // The employer's first two characters, then a team before a platform function.
        XCTAssertEqual(phrases("", "# 字节教育后端研发内推", employer: "字节跳动教育"), ["后端研发"])
        // A level code is no role.
        XCTAssertEqual(phrases("", "* 招聘岗位：后端、前端、测试岗位，P6-P8均有HC"), ["后端", "前端", "测试"])
    }

    func testCuesWithLevelsCountsAndSeekers() {
        XCTAssertEqual(phrases("", "★ 明星Web 3.0创业公司招资深Web前端工程师，熟悉React框架，3年以上工作经验，可远程支持"),
                       ["资深Web前端工程师"])
        XCTAssertEqual(phrases("", "蹲一个前端（vue方向）,希望在上海"), ["前端"])
        XCTAssertEqual(phrases("", "## 腾讯金融科技招前端开发方向应届生，欢迎大家投递！"), ["前端开发"])
        XCTAssertEqual(phrases("", "# 26届找实习\n西安电子科技大学硕士在读，找java开发或AI开发或云相关"), ["java开发", "AI开发"])
        XCTAssertEqual(phrases("", "**浙江精准学科技有限公司** 阿里战投AI native\n【岗位名称】：AI应用开发工程师\n【关于我们】"),
                       ["AI应用开发工程师"])
    }

    /// A field's label and value beside the role ("坐标：广州"); a seeker's direction; radicals that look like
    /// characters.
    func testLabelsSeekersAndRadicals() {
        XCTAssertEqual(phrases("", "# 🎉 2-5 年中高级前端开发，坐标：广州"), ["中高级前端开发"])
        XCTAssertEqual(phrases("", "本人是一名22届毕业生，会Java，c，MySQL。目前方向为：Java后端（广州）。后端技术栈JavaWeb（Servlet）、Springboot"),
                       ["Java后端"])
        XCTAssertEqual(phrases("", "### 个人求职\n4年工作经验，在西安找份Java后端工作，有极强的责任心。"), ["Java后端"])
        XCTAssertEqual(phrases("", "### ⾼级Java后端⼯程师\n工作地点:上海/合肥/远程"), ["高级Java后端工程师"])
    }

    /// A line announcing a collection of posts labels the next; traditional script; head counts with a times sign.
    func testCollectionsTraditionalScriptAndHeadCounts() {
        XCTAssertEqual(phrases("", "**阿联酋迪拜Center技术中心岗位合集**\n高级前端\n岗位职责："), ["高级前端"])
        XCTAssertEqual(phrases("", "我们是一个技术创业小分队。\n以下是详情，可以email也可以直接pm我。\n# 後端工程師（Python）"), ["後端工程師"])
        XCTAssertEqual(phrases("", "> > 職缺 1.【产品经理x2】$[phone redacted].【前端工程师x4】$[phone redacted].【Java后端运维工程师x4】"),
                       ["产品经理", "前端工程师", "Java后端运维工程师"])
    }

    func testTitleLinesAmongFieldsAndLevels() {
        XCTAssertEqual(phrases("", "TMALLCROUP\n邀请你投递 简历发送\n业务技术-高级AI前端开发工程师-直播业务"), ["高级AI前端开发工程师"])
        XCTAssertEqual(phrases("", "**【北京】伴鱼**\n**高级/资深** 前端工程师\n**任职要求：**"), ["前端工程师"])
        XCTAssertEqual(phrases("", "### 【远程办公】10-15K/前端开发工程师（小程序端）"), ["前端开发工程师"])
        XCTAssertEqual(phrases("", "京东零售大量招人，欢迎来投！\n简历发送：[email redacted]\n【社招】web前端工程师"), ["web前端工程师"])
        // Employment terms joined are no role.
        XCTAssertEqual(phrases("", "### 初级前端工程师（1年工作经验，欢迎应届生和实习生）"), ["初级前端工程师"])
        // A seeker's "please pick me" after the role.
        XCTAssertEqual(phrases("", "5年前端求捞，技术栈Vue+React，对node bff也有开发经验"), ["前端"])
    }

    func testRolesListedInRunningProse() {
        XCTAssertEqual(phrases("", "**【社招】** 欢迎各位达人加入（字节）抖音生活服务达人团队，共同助力实体经济发展。有前端、后端岗位，HC 充足，可以 Base 上海、杭州、成都。"),
                       ["前端", "后端"])
        XCTAssertEqual(phrases("", "# 鹰角游戏 多个社招岗位开放中\n鹰角网络是中国知名游戏开发商。\n多个社招岗位开放中（Web前端，SRE，Unity客户端，游戏服务器开发，数据分析，项目管理PM，还有游戏和职能等等相关的岗位，可以通过链接里的列表查看），福利非常好。"),
                       ["Web前端", "SRE", "Unity客户端", "游戏服务器开发", "数据分析"])
        // Clauses of a sentence, section headings and a bold paragraph name no role.
        XCTAssertEqual(phrases("", "大家好，我是产品线的负责人，目前正在启动一个新项目，需要一些伙伴一起参与共同推进研发。"), [])
        XCTAssertEqual(phrases("", "# 带动热潮 TideSwing(北京)\n### 关于产品\n产品在此不多介绍。"), [])
        XCTAssertEqual(phrases("", "# 慧算账研发中心（广州）\n慧算账是财税服务平台。\n**公司研发中心设在广州。研发中心的技术氛围特别好，比如为每位新人指派Mentor、新人入职后CTO会分享《创新驱动未来》、每周有一场专业的技术分享。**"), [])
    }

    /// Round 12: a role word misspelt by a letter left out or doubled is still a role word, and clusters with the
    /// role; a word one letter away that is a word of its own (`analysis`, `responsible`, `directory`, `designed`)
    /// is none. Praise and a language's `speaking` in front are not part of the role.
    func testMisspeltRoleWordsAndPraiseInFront() {
        XCTAssertEqual(phrases("Python/JS Developper"), ["Python / JS Developper"])
        XCTAssertEqual(phrases("Senior Python Programer (remote)"), ["Senior Python Programer"])
        XCTAssertEqual(RoleKey.key("Python/JS Developper"), RoleKey.key("Python JS developer"))
        XCTAssertEqual(RoleExtractor.roleWordTypo("developper"), "developer")
        XCTAssertEqual(RoleExtractor.roleWordTypo("enginer"), "engineer")
        for word in ["analysis", "analyses", "responsible", "directory", "designed", "developed", "engineering",
                     "specialism", "developer", "engineers"] {
            XCTAssertNil(RoleExtractor.roleWordTypo(word), word)
        }
        XCTAssertEqual(phrases("", "We are looking for smart enthusiastic full-stack software engineers to join us."),
                       ["full-stack software engineers"])
        XCTAssertEqual(phrases("", "We are looking for Danish speaking customer care specialists for a project."),
                       ["customer care specialists"])
    }

    func testKeysAreSharedAcrossSpellings() {
        XCTAssertEqual(RoleKey.key("Senior Backend Engineer (m/w/d)"), RoleKey.key("backend engineers"))
        XCTAssertEqual(RoleKey.key("高级前端工程师"), RoleKey.key("前端工程师"))
        XCTAssertEqual(RoleKey.key("Python / Django Engineer"), RoleKey.key("Python Django engineer"))
    }

    /// Alternatives written with their head once are one role (guideline 7); a level written as an alternative is
    /// part of the phrase and not of the key (rounds 6–9, from the Chinese posts of the role gold).
    func testHeadsWrittenOnceAndLevelAlternatives() {
        XCTAssertEqual(phrases("", "**【西安】招聘 React/iOS/Java/数据/测试 工程师**"), ["React/iOS/Java/数据/测试 工程师"])
        XCTAssertEqual(phrases("", "【腾讯游戏上海】Golang、C++、Java（Scala）工程师"), ["Golang、C++、Java工程师"])
        XCTAssertEqual(phrases("", "## [上海] 碳衡科技招聘前端、后端工程师"), ["前端、后端工程师"])
        XCTAssertEqual(phrases("", "# 招聘前/后端工程师，一起做最好的在线表单系统"), ["前/后端工程师"])
        XCTAssertEqual(phrases("", "招聘前端、Java、Go工程师"), ["前端", "Java、Go工程师"])
        XCTAssertEqual(phrases("", "## 【北京】快手私有云团队 - 容器云研发工程师/专家"), ["容器云研发工程师/专家"])
        XCTAssertEqual(RoleKey.key("前端工程师/专家"), RoleKey.key("前端工程师"))
        XCTAssertEqual(RoleKey.key("Java工程师/高级工程师/专家"), RoleKey.key("Java工程师"))
        XCTAssertEqual(RoleKey.key("高级测试开发/测试开发专家"), RoleKey.key("测试开发"))
        XCTAssertEqual(RoleKey.key("⾼级Java后端⼯程师"), RoleKey.key("Java后端工程师"))
        // "PHP 或 React-Native 方向工程师": alternatives joined by 或 share no head.
        XCTAssertEqual(phrases("", "## PHP 或 React-Native 方向工程师 ##").count, 2)
    }

    /// Two phrases where one was read, and phrases that name no opening.
    func testLanguagesDotsSkillListsAndVerbs() {
        XCTAssertEqual(phrases("", "【上海】九思信源【Frontend Engineer 前端工程师】急招"), ["Frontend Engineer", "前端工程师"])
        XCTAssertEqual(phrases("", "# 【北京】淘天集团 - AI Agent 开发工程师【P5/P6】"), ["AI Agent 开发工程师"])
        XCTAssertEqual(phrases("", "## 西门子（深圳）磁共振有限公司 .Net软件工程师"), [".Net软件工程师"])
        XCTAssertEqual(phrases("", "## 米连集团招聘 H5开发工程师，急招"), ["H5开发工程师"])
        XCTAssertEqual(phrases("", "# Flexport Visibility & Schedule Engineering Team\n## 我们正在寻找：\n- 精通 Java/Kotlin/Ruby/JavaScript/AWS"), [])
        XCTAssertEqual(phrases("", "We engineer tomorrow and build a better future today ."), [])
        XCTAssertEqual(phrases("Senior Full Stack Contract Software Developer"), ["Senior Full Stack Contract Software Developer"])
        XCTAssertEqual(phrases("", "In this role youll work closely with developers designers and marketers"), [])
        // A list ending 等…职位 names posts, each.
        XCTAssertEqual(phrases("", "招聘 硬件/软件/QT/算法/测试/工业设计/项目等各类研发职位"),
                       ["硬件", "软件", "QT", "算法", "测试", "工业设计", "项目"])
        // Each such list is judged on its own, whatever its place in the line.
        XCTAssertEqual(Set(phrases("", "招聘 硬件/软件/算法等职位 - 机械设计等岗位")),
                       Set(phrases("", "招聘 机械设计等岗位 - 硬件/软件/算法等职位")))
        // A language's name is no country code (AI, Anguilla); a year with its unit is a count.
        XCTAssertEqual(phrases("", "在招聘岗位：移动端技术负责人 & AI Agent产品经理"), ["移动端技术负责人", "AI Agent产品经理"])
        XCTAssertEqual(phrases("", "## **腾讯TEG安全平台部2021/2022届前端实习生招聘**"), ["前端实习生"])
        XCTAssertEqual(RoleKey.key("产品经理/助理"), RoleKey.key("产品经理"))
        // An employer field that is a job title names no company.
        XCTAssertEqual(phrases("", "### AI大模型后端工程师\n#### 工作地点\n北京", employer: "AI大模型后端工程师"), ["AI大模型后端工程师"])
    }

    /// Round 11 (classes read in role-gold-holdout10's misses).
    func testListsQualifiersFullFormsAndTheWritersOwnRole() {
        // A function with more openings after it is no head shared by the languages before it.
        XCTAssertEqual(phrases("", "在招岗位：Java / C / C++ / web前端 / 产品经理 / 实施"),
                       ["Java", "C", "C++", "web前端", "产品经理", "实施"])
        XCTAssertEqual(phrases("", "### 【北京、杭州】阿里云开放平台招聘 - 前端P6起，Java、Go后端P7起"), ["前端", "Java、Go后端"])
        // A function alone in parentheses after a role qualifies it; a list there names openings.
        XCTAssertEqual(phrases("", "### 喜运达 ⏎ ### NodeJS技术专家（服务端） 坐标 杭州".replacingOccurrences(of: " ⏎ ", with: "\n")),
                       ["NodeJS技术专家"])
        XCTAssertEqual(phrases("", "### 全栈开发工程师（前端开发、中间层开发、后端开发 均有hc）"),
                       ["全栈开发工程师", "前端开发", "中间层开发", "后端开发"])
        // A later line that is a job title alone writes a role found above in full.
        XCTAssertEqual(phrases("", "# Talkdesk - 架构师\n## 岗位名称（描述）\n资深服务端架构师"), ["资深服务端架构师"])
        // The writer's own role is no opening; a role hired in the same sentence is.
        XCTAssertEqual(phrases("", "大家好，我是编程猫产品线的产品负责人，目前正在启动一个新项目"), [])
        XCTAssertEqual(phrases("", "I'm the CTO and we are hiring a Backend Engineer"), ["Backend Engineer"])
    }
}
