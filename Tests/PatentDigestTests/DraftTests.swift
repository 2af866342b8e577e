import Foundation
import PatentDigest
import PatentDigestTestSupport
import Testing

/// The column draft built from the sample feeds: picks, writing rules, formats, escaping.
@Suite("The weekly draft")
struct DraftTests {
  private static let samples = [FeedTestSupport.sample("ipa261126.xml"), FeedTestSupport.sample("ipg261124.xml")]

  private func weekly(_ paths: [String] = samples, watchList: WatchList = .default, workers: Int? = nil) throws -> WeeklyRun {
    var options = FeedReaderOptions()
    if let workers { options.workerCount = workers }
    return try WeeklyJob(
      paths.map(FeedInput.file), readerOptions: options, classifier: Classifier(watchList: watchList), watchListSource: "test"
    ).run()
  }

  @Test(
    "the headline names the brand readers know: the parent's, or the filed name's own",
    arguments: [("Google LLC", "Google"), ("Waymo LLC", "Waymo"), ("Apple Inc.", "Apple")])
  func headlineBrand(assignee: String, brand: String) throws {
    var document = ApplicationDocument()
    document.assignee = assignee
    document.title = "Smart glasses that show captions"
    let draft = try WeeklyJob(
      [.file(try FeedTestSupport.temporaryFile(document.text))], classifier: Classifier(watchList: .default),
      watchListSource: "test"
    ).run().draft
    #expect(draft.headline.hasPrefix("\(brand) wants to "), "\(draft.headline)")
  }

  @Test("one section per watched company with filings, alphabetical, one or two items each, the lead among them")
  func structure() throws {
    let draft = try weekly().draft
    #expect(draft.sections.map(\.company) == ["Alphabet", "Amazon", "Apple", "Meta", "Microsoft"])
    #expect(draft.sections.allSatisfy { (1...2).contains($0.items.count) })
    let lead = try #require(draft.lead)
    #expect(draft.sections.flatMap(\.items).contains { $0.publicationNumber == lead.publicationNumber })
    // The sample week's lead is Apple's ring; the headline names the company readers know.
    #expect(lead.company == "Apple")
    #expect(draft.headline.hasPrefix("Apple wants to "))
    #expect(draft.dek.hasPrefix("Also this week: ") && draft.dek.hasSuffix(", and more patents from Big Tech."))
    #expect(draft.intro.count == 2)
    #expect(draft.intro[1].contains("most of them never amount to anything"))
    // The rest of the week holds every other watched filing, and nothing picked.
    let picked = Set(draft.sections.flatMap(\.items).map(\.publicationNumber))
    let listed = draft.restOfWeek.flatMap(\.entries).map(\.publicationNumber)
    #expect(Set(listed).isDisjoint(with: picked))
    #expect(picked.count + listed.count == draft.byTheNumbers.perCompany.reduce(0) { $0 + $1.count })
    #expect(draft.byTheNumbers.documents == 49)
    #expect(draft.byTheNumbers.applications == 36 && draft.byTheNumbers.grants == 12)
    #expect(draft.weekOf == "2026-11-26")
  }

  @Test("a watched company with nothing this week is left out of the sections and named")
  func companyWithoutItems() throws {
    var list = WatchList.default
    let tesla = try #require(list.companies.firstIndex { $0.name == "Tesla" })
    list.companies[tesla].watched = true
    let weekly = try weekly(watchList: list)
    #expect(weekly.draft.companiesWithoutItems == ["Tesla"])
    #expect(!weekly.draft.sections.map(\.company).contains("Tesla"))
    #expect(weekly.report.text.contains("Nothing this week from: Tesla"))
  }

  @Test("blurbs are plain English: 40 to 120 words, no claim language, no reference numerals")
  func blurbRules() throws {
    let items = try weekly().draft.sections.flatMap(\.items)
    #expect(!items.isEmpty)
    for item in items {
      let words = item.blurb.split(separator: " ").count
      #expect((40...120).contains(words), "\(item.publicationNumber): \(words) words")
      let lower = " " + item.blurb.lowercased() + " "
      for banned in [" wherein ", " said ", "comprising", "plurality of", "a method comprising", "fig. "] {
        #expect(!lower.contains(banned), "\(item.publicationNumber) says “\(banned)”: \(item.blurb)")
      }
      #expect(item.blurb.range(of: #"\(\d+[a-z]?\)"#, options: .regularExpression) == nil, "reference numeral in \(item.blurb)")
      #expect(item.link.hasPrefix("https://patents.google.com/patent/US"))
      #expect(!item.topics.isEmpty || item.applicationType == "design")
    }
  }

  @Test("the same input gives the same draft, whatever the number of workers")
  func deterministic() throws {
    let one = try weekly(workers: 1)
    let four = try weekly(workers: 4)
    let renderer = DraftRenderer.builtIn()
    for format in DraftFormat.allCases {
      #expect(try renderer.render(one.draft, as: format) == renderer.render(four.draft, as: format))
    }
    #expect(RunReportJSON.encode(one.report) == RunReportJSON.encode(four.report))
  }

  @Test("the JSON is the versioned data model and decodes back")
  func json() throws {
    let draft = try weekly().draft
    let text = DraftRenderer.json(draft)
    let decoded = try JSONDecoder().decode(Draft.self, from: Data(text.utf8))
    #expect(decoded == draft)
    #expect(decoded.schemaVersion == Draft.schemaVersion)
    #expect(text.contains(#""schemaVersion" : 2"#))
  }

  @Test("each format of the sample week matches its snapshot", arguments: DraftFormat.allCases)
  func snapshots(format: DraftFormat) throws {
    let text = try DraftRenderer.builtIn().render(try weekly().draft, as: format)
    try expectSnapshot(text, named: "build-samples.\(format.outputFile.split(separator: ".").last!)")
    if format == .json { #expect(try JSONSchemaCheck.problems(in: text, against: .draft) == []) }
  }

  @Test("the HTML is email-safe: inline styles, no scripts, no external resources")
  func emailSafeHTML() throws {
    let html = try DraftRenderer.builtIn().render(try weekly().draft, as: .html)
    for forbidden in ["<script", "<style", "<link", "<iframe", "javascript:", "@import", "class="] {
      #expect(!html.lowercased().contains(forbidden), "HTML contains \(forbidden)")
    }
    #expect(html.contains("style=\""))
    #expect(html.hasPrefix("<!DOCTYPE html>"))
  }
}

/// Hostile text from the feed changes nothing in the structure of the output.
@Suite("Escaping feed text")
struct EscapingTests {
  private let hostileTitles = [
    "&lt;script&gt;alert(1)&lt;/script&gt; smart glasses",
    "Click [here](javascript:alert(1)) for smart glasses",
    "# Heading injection for smart glasses",
    "{{headline}} {{#sections}}x{{/sections}} smart glasses",
    "- list item and &lt;img src=x onerror=alert(1)&gt; smart glasses",
  ]

  private func draft() throws -> Draft {
    let documents = hostileTitles.enumerated().map { index, title in
      var document = ApplicationDocument()
      document.number = String(20_260_000_100 + index)
      document.title = title
      document.assignee = index % 2 == 0 ? "Google LLC" : "Apple Inc."
      document.abstract =
        "<p id=\"p-0001\" num=\"0000\">Smart glasses show &lt;b&gt;captions&lt;/b&gt; to the wearer. [x](javascript:alert(2)) The display is bright. {{dek}}</p>"
      return document.text
    }.joined()
    return try WeeklyJob(
      [.file(try FeedTestSupport.temporaryFile(documents))], classifier: Classifier(watchList: .default), watchListSource: "test"
    ).run().draft
  }

  @Test("HTML: no tag, script or attribute from the feed survives")
  func html() throws {
    let html = try DraftRenderer.builtIn().render(try draft(), as: .html)
    #expect(!html.contains("<script>"))
    #expect(!html.contains("<img"))
    #expect(!html.contains("<b>captions"))
    #expect(html.contains("&lt;script&gt;"))
    // Every filing is an item or a line of the rest of the week; nothing more, nothing less.
    let items = html.components(separatedBy: "<h3 ").count - 1
    let listed = html.components(separatedBy: "<p style=\"margin:0 0 4px 0;font-size:14px;line-height:20px;\"><a href=").count - 1
    #expect(items + listed == 5)
    // Mustache braces in a title are shown as written, never evaluated.
    #expect(html.contains("{{headline}} {{#sections}}x{{/sections}} smart glasses"))
  }

  @Test("Markdown: no link, heading, list or HTML from the feed is formed")
  func markdown() throws {
    let markdown = try DraftRenderer.builtIn().render(try draft(), as: .markdown)
    func unescaped(_ pattern: String) -> Bool {
      markdown.range(of: #"(?<!\\)"# + pattern, options: .regularExpression) != nil
    }
    #expect(!unescaped(#"\]\(javascript:"#))
    #expect(!unescaped("<script"))
    #expect(!unescaped("<img"))
    #expect(!unescaped("<b>"))
    let lines = markdown.split(separator: "\n")
    #expect(lines.filter { $0.hasPrefix("# ") }.count == 1)  // only the headline
    let items = lines.filter { $0.hasPrefix("### ") }.count
    let listed = lines.filter { $0.hasPrefix("- [US") }.count
    #expect(items + listed == 5)
    #expect(markdown.contains("\\[here\\]"))
    #expect(markdown.contains("### \\# heading injection"))
  }

  @Test("text: the words arrive as written, no template is evaluated")
  func text() throws {
    var draft = try draft()
    draft.headline = "Google wants to build {{dek}} {{#sections}}x{{/sections}}"
    let text = try DraftRenderer.builtIn().render(draft, as: .text)
    // The headline's braces are shown, not evaluated: neither the dek nor a section comes out.
    #expect(text.contains("Google wants to build {{dek}} {{#sections}}x{{/sections}}"))
    #expect(!text.contains("Google wants to build \(draft.dek)"))
    // A title's braces likewise.
    #expect(text.contains("{{headline}} {{#sections}}x{{/sections}} smart glasses"))
  }
}

/// Templates an editor supplies.
@Suite("Templates")
struct TemplateTests {
  private func folder(_ files: [String: String]) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("templates-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for (name, text) in DraftRenderer.builtInFiles.merging(files, uniquingKeysWith: { $1 }) {
      try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }
    return folder.path
  }

  @Test("the built-in templates are the project's Templates/ (run scripts/embed-defaults after editing them)")
  func builtInMatchesFolder() throws {
    for (name, text) in DraftRenderer.builtInFiles {
      let file = FeedTestSupport.packageRoot.appendingPathComponent("Templates").appendingPathComponent(name)
      #expect(try String(contentsOf: file, encoding: .utf8) == text, "\(name) differs")
    }
    #expect(DraftRenderer.builtInFiles.count == 3)
  }

  @Test("a broken template names its file and line")
  func brokenTemplate() throws {
    let path = try folder(["draft.md.mustache": "# {{headline}}\n\n{{#sections}}\n## {{company}}\n{{/items}}\n"])
    do {
      _ = try DraftRenderer(folder: path)
      Issue.record("expected a template error")
    } catch {
      #expect(error.file == "\(path)/draft.md.mustache")
      #expect(error.line == 5)
      #expect(error.message.contains("closed with a different name"))
    }
  }

  @Test("a missing template says which and how to get one")
  func missingTemplate() throws {
    let path = try folder([:])
    try FileManager.default.removeItem(atPath: "\(path)/draft.txt.mustache")
    #expect(throws: TemplateError.self) { try DraftRenderer(folder: path) }
    do { _ = try DraftRenderer(folder: path) } catch { #expect(error.message.contains("patent-digest templates --out")) }
  }

  @Test("a template whose sections repeat their own lists is refused at once, naming the file")
  func templateBomb() throws {
    // 24 `intro` sections, each inside the last: two paragraphs give 2^24 copies of the innermost
    // body, about 1 GB of output from a template of 600 bytes.
    let nested =
      String(repeating: "{{#intro}}", count: 24) + "{{.}} and some more text"
      + String(repeating: "{{/intro}}", count: 24)
    let path = try folder(["draft.md.mustache": "{{% CONTENT_TYPE: MARKDOWN}}\n" + nested])
    let renderer = try DraftRenderer(folder: path)
    let draft = try WeeklyJob(
      [.file(FeedTestSupport.sample("ipa261126.xml"))], classifier: Classifier(watchList: .default), watchListSource: "test",
      renderer: renderer
    ).run().draft
    let started = ContinuousClock.now
    do {
      _ = try renderer.render(draft, as: .markdown)
      Issue.record("expected the template to be refused")
    } catch {
      #expect(error.file == "\(path)/draft.md.mustache")
      #expect(error.message.hasPrefix("would write more than 64 MB"))
    }
    #expect(ContinuousClock.now - started < FeedTestSupport.hangLimit)
    // The other templates of the same folder still render.
    #expect(try renderer.render(draft, as: .html).hasPrefix("<!DOCTYPE html>"))
  }

  /// A week of `count` watched filings, spread over the five watched companies, built through the
  /// library as the feed reader would hand them over.
  static func watchedWeek(_ count: Int) -> Draft {
    let classifier = Classifier(watchList: .default)
    var builder = DraftBuilder(watchedCompanies: classifier.watchList.watchedCompanies.map(\.name))
    let assignees = ["Google LLC", "Amazon Technologies, Inc.", "Apple Inc.", "Meta Platforms, Inc.", "Microsoft Corporation"]
    for index in 0..<count {
      let number = String(20_260_000_000 + index)
      builder.add(
        classifier.classify(
          PatentRecord(
            type: .application, publicationNumber: "US\(number)A1", kind: "A1", publicationDate: "2026-11-26", filingDate: nil,
            applicationNumber: nil, applicationType: "utility",
            title: "Head-mounted display with a waveguide and eye tracking for augmented reality number \(index)",
            abstract: "A head-mounted display shows images through a waveguide. A camera tracks the eye of the wearer.",
            assignees: [Party(name: assignees[index % assignees.count], kind: .organization)], applicants: [], inventors: [],
            cpc: [Classification(symbol: "G02B 27/0172", main: true)], ipc: [], claimCount: 20,
            firstClaim: "1. A display comprising a waveguide.", dtdVersion: "v4.6 2022-02-17",
            source: SourcePosition(file: "generated", document: index, byteOffset: 0))))
    }
    return builder.draft(documents: count).draft
  }

  @Test("a week far larger than any real one renders whole within the budget; {{.}} shows a name, not a dump")
  func largeWeekWithinBudget() throws {
    let entries = (0..<60).map { number in
      RestOfWeekGroup.Entry(
        publicationNumber: "US2026\(number)A1", title: String(repeating: "A long title ", count: 12),
        link: "https://example.com/\(number)")
    }
    let draft = Draft(
      weekOf: "2026-11-26", weekOfText: "November 26, 2026", headline: "Headline", dek: "Dek.", intro: ["One.", "Two."],
      lead: nil,
      sections: [], companiesWithoutItems: [],
      restOfWeek: (0..<40).map { RestOfWeekGroup(company: "Company \($0)", entries: entries) },
      byTheNumbers: ByTheNumbers(documents: 2_400, applications: 2_400, grants: 0, perCompany: [], perTopic: []))
    for format in [DraftFormat.markdown, .html, .text] {
      let output = try DraftRenderer.builtIn().render(draft, as: format)
      #expect(output.components(separatedBy: "US202659A1").count - 1 == 40, "\(format)")
      #expect(output.contains("Company 39"))
    }
    let dots = try DraftRenderer(templates: ["draft.md.mustache": "{{.}}|{{#restOfWeek}}{{.}};{{/restOfWeek}}"], source: "test")
    #expect(try dots.render(draft, as: .markdown).hasPrefix("Headline|Company 0;Company 1;"))
  }

  @Test("the built-in templates render a week of 20,000 watched filings whole, in every format")
  func hugeWeekWithinBudget() throws {
    let draft = Self.watchedWeek(20_000)
    let listed: Int = draft.restOfWeek.map(\.entries.count).reduce(0, +)
    let items: Int = draft.sections.map(\.items.count).reduce(0, +)
    #expect(listed + items == 20_000)
    for format in [DraftFormat.markdown, .html, .text] {
      let output = try DraftRenderer.builtIn().render(draft, as: format)
      // Every filing is listed: the last number of each company is there.
      for number in 19_995..<20_000 {
        #expect(output.contains("US\(20_260_000_000 + number)A1"), "\(format): \(number)")
      }
    }
  }

  @Test("a template nested thousands of sections deep is refused before parsing, with its line; 100 levels render")
  func deepSections() throws {
    let open = ["{{#intro}}", "{{^hasTopTopics}}", "{{$block}}", "{{#sections}}"]
    let close = ["{{/intro}}", "{{/hasTopTopics}}", "{{/block}}", "{{/sections}}"]
    for (opening, closing) in zip(open, close) {
      let deep =
        "{{% CONTENT_TYPE: MARKDOWN}}\nline two\n" + String(repeating: opening, count: 5_000) + "x"
        + String(repeating: closing, count: 5_000)
      do {
        _ = try DraftRenderer(templates: ["draft.md.mustache": deep], source: "test")
        Issue.record("expected \(opening) x 5000 to be refused")
      } catch {
        #expect(error.file == "draft.md.mustache")
        #expect(error.line == 3)
        #expect(error.message.contains("nested more than 24"), "\(error)")
      }
    }
    // Changing the delimiters would hide the tags from the count: refused, with its line.
    let delimited =
      "{{=<% %>=}}\n" + String(repeating: "<%#intro%>", count: 5_000) + String(repeating: "<%/intro%>", count: 5_000)
    #expect {
      try DraftRenderer(templates: ["draft.md.mustache": delimited], source: "test")
    } throws: { error in
      (error as? TemplateError)?.line == 1 && (error as? TemplateError)?.message.contains("delimiters") == true
    }
    // Transforms nest too: a name wrapped in thousands of them is refused.
    let wrapped = "{{" + String(repeating: "reversed(", count: 5_000) + "intro" + String(repeating: ")", count: 5_000) + "}}"
    #expect(throws: TemplateError.self) { try DraftRenderer(templates: ["draft.md.mustache": wrapped], source: "test") }
    // 24 levels is the limit, and renders; 25 is refused.
    let limit = DraftRenderer.maximumSectionNesting
    #expect(limit == 24)
    let deepest =
      String(repeating: "{{#numbers}}", count: limit) + "{{documents}}" + String(repeating: "{{/numbers}}", count: limit)
    let renderer = try DraftRenderer(templates: ["draft.md.mustache": deepest], source: "test")
    #expect(try renderer.render(Self.watchedWeek(3), as: .markdown) == "3")
    #expect(throws: TemplateError.self) {
      try DraftRenderer(templates: ["draft.md.mustache": "{{#numbers}}" + deepest + "{{/numbers}}"], source: "test")
    }
  }

  @Test("the deepest template allowed parses and renders on a 512 KB thread stack, as the preview's threads on macOS have")
  func deepestOnSmallStack() throws {
    // Lists, inverted sections, blocks and single values: each kind of section is a level of
    // recursion in swift-mustache, lists the deepest.
    let open = ["{{#intro}}", "{{^nothing}}", "{{$block}}", "{{#numbers}}"]
    let close = ["{{/intro}}", "{{/nothing}}", "{{/block}}", "{{/numbers}}"]
    let deepest =
      (0..<DraftRenderer.maximumSectionNesting).map { open[$0 % 4] }.joined() + "{{.}}"
      + (0..<DraftRenderer.maximumSectionNesting).reversed().map { close[$0 % 4] }.joined()
    let draft = Self.watchedWeek(3)
    let finished = DispatchSemaphore(value: 0)
    let result = ResultBox()
    let thread = Thread {
      result.output = Result { () throws(TemplateError) -> String in
        try DraftRenderer(templates: ["draft.md.mustache": deepest], source: "test").render(draft, as: .markdown)
      }
      finished.signal()
    }
    thread.stackSize = 512 << 10
    thread.start()
    finished.wait()
    // A quarter of the levels are two-paragraph intros: 2^6 copies of the innermost text.
    #expect(try result.output?.get().isEmpty == false)
  }

  @Test("values are never written raw: {{{name}}} and {{& name}} are refused with their line")
  func unescapedTags() throws {
    for tag in ["{{{link}}}", "{{& title}}", "{{{ headline }}}"] {
      do {
        _ = try DraftRenderer(
          templates: ["draft.md.mustache": "{{% CONTENT_TYPE: MARKDOWN}}\n# {{headline}}\n\(tag)\n"], source: "test")
        Issue.record("expected \(tag) to be refused")
      } catch {
        #expect(error.line == 3, "\(error)")
        #expect(error.message.contains("escaped"), "\(error)")
      }
    }
  }

  @Test("the format decides the escaping: a Markdown template that says TEXT, or nothing, still escapes for Markdown")
  func contentTypeIsTheFormat() throws {
    var draft = Self.watchedWeek(1)
    draft.headline = "<script>alert(1)</script>\n# Fake [x](javascript:alert(1))"
    for template in ["{{% CONTENT_TYPE: TEXT}}\n{{headline}}\n", "{{headline}}\n", "{{% CONTENT_TYPE: HTML}}\n{{headline}}\n"] {
      let output = try DraftRenderer(templates: ["draft.md.mustache": template], source: "test").render(draft, as: .markdown)
      #expect(output == "\\<script\\>alert(1)\\</script\\> \\# Fake \\[x\\](javascript:alert(1))\n", "\(template)")
    }
    let text = try DraftRenderer(templates: ["draft.txt.mustache": "{{% CONTENT_TYPE: HTML}}\n{{headline}}\n"], source: "test")
    #expect(try text.render(draft, as: .text) == "<script>alert(1)</script> # Fake [x](javascript:alert(1))\n")
  }

  @Test("an error that quotes a template line shows its control characters, on one line")
  func controlCharactersInMessages() throws {
    do {
      _ = try DraftRenderer(templates: ["draft.md.mustache": "{{#sections}}\u{1B}[2J\r{{/items}}\n"], source: "test")
      Issue.record("expected an error")
    } catch {
      #expect(!error.description.contains { $0.isNewline || $0 == "\u{1B}" }, "\(error)")
      #expect(error.description.contains("\\u{1B}"), "\(error)")
    }
  }

  @Test("an editor's template is used")
  func ownTemplate() throws {
    let path = try folder(["draft.txt.mustache": "{{% CONTENT_TYPE: TEXT}}\nLEAD: {{headline}}\n"])
    let renderer = try DraftRenderer(folder: path)
    let weekly = try WeeklyJob(
      [.file(FeedTestSupport.sample("ipa261126.xml"))], classifier: Classifier(watchList: .default), watchListSource: "test",
      renderer: renderer
    ).run()
    #expect(try renderer.render(weekly.draft, as: .text) == "LEAD: \(weekly.draft.headline)\n")
  }
}

/// A result handed from a thread back to the test; the semaphore orders the access.
private final class ResultBox: @unchecked Sendable {
  var output: Result<String, TemplateError>?
}
