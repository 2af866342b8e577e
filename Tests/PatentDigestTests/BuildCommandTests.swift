import Foundation
import PatentDigest
import PatentDigestTestSupport
import Testing

/// `patent-digest build` run as the weekly job runs it.
@Suite("patent-digest build, end to end")
struct BuildCommandTests {
  private let samples = ["Samples/ipa261126.zip", "Samples/ipg261124.zip"]

  private func temporaryFolder() throws -> URL {
    try TestPaths.newTemporaryFolder("build")
  }

  @Test("the Markdown draft on stdout, the same bytes every run, problems and summary on stderr")
  func stdout() throws {
    let first = try BinaryRunner.run(["build"] + samples)
    let second = try BinaryRunner.run(["build"] + samples)
    #expect(first.status == 0, "\(first.standardError)")
    #expect(first.standardOutput.hasPrefix("# "))
    #expect(first.standardOutput == second.standardOutput)
    #expect(first.standardError == "patent-digest: read 49 documents from 2 inputs: 48 records, 1 sequence listing skipped\n")
    let html = try BinaryRunner.run(["build", "--format", "html", "-q"] + samples)
    #expect(html.standardOutput.hasPrefix("<!DOCTYPE html>"))
    #expect(html.standardError.isEmpty)
  }

  @Test("--out writes every format and the run report as one version, switched whole; a re-run is safe")
  func outFolder() throws {
    let folder = try temporaryFolder().appendingPathComponent("2026-11-26")
    let run = try BinaryRunner.run(["build", "--out", folder.path] + samples)
    #expect(run.status == 0, "\(run.standardError)")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    #expect(files == [".versions", "current", "draft.html", "draft.json", "draft.md", "draft.txt", "report.json", "report.txt"])
    #expect(try JSONSchemaCheck.problems(inFile: folder.appendingPathComponent("draft.json").path, against: .draft) == [])
    #expect(try JSONSchemaCheck.problems(inFile: folder.appendingPathComponent("report.json").path, against: .report) == [])
    // Each file is a link into `current`, which points at the one version folder.
    let versions = folder.appendingPathComponent(".versions")
    let first = try FileManager.default.contentsOfDirectory(atPath: versions.path)
    #expect(first.count == 1)
    #expect(
      try FileManager.default.destinationOfSymbolicLink(atPath: folder.appendingPathComponent("current").path)
        == ".versions/\(first[0])")
    #expect(
      try FileManager.default.destinationOfSymbolicLink(atPath: folder.appendingPathComponent("draft.md").path)
        == "current/draft.md")
    let report = try String(contentsOf: folder.appendingPathComponent("report.txt"), encoding: .utf8)
    #expect(report.contains("Picked:"))
    #expect(report.contains("Problems: none"))
    let markdown = try String(contentsOf: folder.appendingPathComponent("draft.md"), encoding: .utf8)
    let stdout = try BinaryRunner.run(["build", "-q"] + samples).standardOutput
    #expect(markdown == stdout)
    let again = try BinaryRunner.run(["build", "--out", folder.path] + samples)
    #expect(again.status == 0)
    #expect(try String(contentsOf: folder.appendingPathComponent("draft.md"), encoding: .utf8) == markdown)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == files)
    // The previous version is kept for readers still in it; older ones are removed.
    #expect(try FileManager.default.contentsOfDirectory(atPath: versions.path).count == 2)
    #expect(try BinaryRunner.run(["build", "-q", "--out", folder.path] + samples).status == 0)
    let kept = try FileManager.default.contentsOfDirectory(atPath: versions.path)
    #expect(kept.count == 2)
    #expect(!kept.contains(first[0]))
  }

  @Test("--out never replaces an entry the job did not make: a `current` of someone else's is refused")
  func foreignCurrent() throws {
    let folder = try temporaryFolder()
    try "mine".write(to: folder.appendingPathComponent("current"), atomically: false, encoding: .utf8)
    let run = try BinaryRunner.run(["build", "-q", "--out", folder.path] + samples)
    #expect(run.status == 74)
    #expect(
      run.standardError == "patent-digest: \(folder.path)/current is not the job's link; move it away and run the job again\n")
    #expect(try String(contentsOf: folder.appendingPathComponent("current"), encoding: .utf8) == "mine")
  }

  @Test("an output folder that cannot be made: one clear line, exit 74")
  func unwritableOut() throws {
    let blocker = try FeedTestSupport.temporaryFile("not a folder", name: "blocker")
    let run = try BinaryRunner.run(["build", "--out", "\(blocker)/week"] + samples)
    #expect(run.status == 74)
    #expect(run.standardError.contains("cannot create the folder \(blocker)/week"))
  }

  @Test("a broken template: file and line on stderr, exit 2, nothing on stdout")
  func brokenTemplate() throws {
    let folder = try temporaryFolder()
    let write = try BinaryRunner.run(["templates", "--out", folder.path])
    #expect(write.status == 0)
    let template = folder.appendingPathComponent("draft.md.mustache")
    try Data("# {{headline}}\n{{#sections}}\n## {{company}}\n".utf8).write(to: template)
    let run = try BinaryRunner.run(["build", "--templates", folder.path] + samples)
    #expect(run.status == 2)
    #expect(run.standardError.hasPrefix("patent-digest: \(template.path):"))
    #expect(run.standardError.contains("never closed"))
    #expect(run.standardOutput.isEmpty)
  }

  @Test("a template nested thousands of sections deep: one line with file and line, exit 2, no crash")
  func deepTemplate() throws {
    let folder = try temporaryFolder()
    #expect(try BinaryRunner.run(["templates", "--out", folder.path]).status == 0)
    let template = folder.appendingPathComponent("draft.md.mustache")
    let deep = String(repeating: "{{#intro}}", count: 5_000) + "x" + String(repeating: "{{/intro}}", count: 5_000)
    try Data("{{% CONTENT_TYPE: MARKDOWN}}\n# {{headline}}\n\(deep)\n".utf8).write(to: template)
    let run = try BinaryRunner.run(["build", "--templates", folder.path] + samples)
    #expect(run.status == 2, "\(run.standardError)")
    #expect(run.standardError.hasPrefix("patent-digest: \(template.path):3: "), "\(run.standardError)")
    #expect(run.standardError.contains("nested more than 24"))
    #expect(run.standardError.split(separator: "\n").count == 1)
    #expect(run.standardOutput.isEmpty)
  }

  /// Publication numbers (and a title) holding markup, line breaks and link syntax, as a feed can
  /// carry them: the reader keeps them as written, so the draft must neutralise them.
  static let hostileNumbers = [
    "1&lt;/a&gt;&lt;script&gt;alert(1)&lt;/script&gt;&#10;# Fake heading",
    "2&lt;img src=x onerror=alert(1)&gt;",
    "3)](javascript:alert(1))",
    "4&#13;&#10;- [x](javascript:alert(3))&#10;#Fake heading two",
    "20260000105",
  ]

  @Test("hostile publication numbers and titles through build: no script, image, heading or javascript link in any format")
  func hostileNumbers() throws {
    let documents = Self.hostileNumbers.enumerated().map { index, number in
      var document = ApplicationDocument()
      document.number = number
      document.assignee = "Google LLC"
      document.title =
        index == 4 ? "Smart glasses &lt;script&gt;alert(4)&lt;/script&gt; [y](javascript:alert(5))" : "Smart glasses \(index)"
      return document.text
    }.joined()
    let feed = try FeedTestSupport.temporaryFile(documents)
    let markdown = try BinaryRunner.run(["build", "-q", feed])
    #expect(markdown.status == 0, "\(markdown.standardError)")
    func unescaped(_ pattern: String, in text: String) -> Bool {
      text.range(of: #"(?<!\\)"# + pattern, options: [.regularExpression, .caseInsensitive]) != nil
    }
    for pattern in ["<script", "<img", #"\]\(javascript:"#] {
      #expect(!unescaped(pattern, in: markdown.standardOutput), "Markdown: \(pattern)")
    }
    let markdownLines = markdown.standardOutput.split(separator: "\n")
    #expect(!markdownLines.contains { $0.hasPrefix("#") && $0.contains("Fake") }, "Markdown: a heading from the feed")
    #expect(!markdownLines.contains { $0.hasPrefix("- [x]") }, "Markdown: a list item from the feed")
    // Every filing is still listed, each number on one line.
    let items = markdownLines.filter { $0.hasPrefix("### ") }.count
    let listed = markdownLines.filter { $0.hasPrefix("- ") && $0.contains("Smart") }.count
    #expect(items + listed == 5)

    let html = try BinaryRunner.run(["build", "-q", "--format", "html", feed])
    #expect(html.status == 0)
    for forbidden in ["<script", "<img"] {
      #expect(!html.standardOutput.lowercased().contains(forbidden), "HTML: \(forbidden)")
    }
    // Links are made of checked parts only (feed text that merely mentions javascript: is shown as text).
    let hrefs = html.standardOutput.components(separatedBy: "href=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
    #expect(!hrefs.isEmpty)
    for href in hrefs {
      #expect(href.wholeMatch(of: /https:\/\/patents\.google\.com\/patent\/[A-Z0-9]+\/en/) != nil, "HTML: href=\"\(href)\"")
    }

    let text = try BinaryRunner.run(["build", "-q", "--format", "text", feed])
    #expect(text.status == 0)
    let textLines = text.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(!textLines.contains { $0.hasPrefix("#") || $0.hasPrefix("- [x]") }, "text: a line from the feed")
    #expect(!text.standardOutput.contains("\r"))

    let json = try BinaryRunner.run(["build", "-q", "--format", "json", feed])
    #expect(json.status == 0)
    #expect(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) is [String: Any])
    #expect(try JSONSchemaCheck.problems(in: json.standardOutput, against: .draft) == [])
    let draft = try JSONDecoder().decode(Draft.self, from: Data(json.standardOutput.utf8))
    let itemNumbers = draft.sections.flatMap(\.items).map(\.publicationNumber)
    let numbers = Set(itemNumbers + draft.restOfWeek.flatMap(\.entries).map(\.publicationNumber))
    #expect(numbers.contains("US1</a><script>alert(1)</script>\n# Fake headingA1"), "the data keeps the number as filed")
    #expect(!json.standardOutput.contains("<script") && !json.standardOutput.contains("<img"), "JSON: raw markup")
    // The run report lists the picks one line each.
    let out = try temporaryFolder()
    #expect(try BinaryRunner.run(["build", "-q", "--out", out.path, feed]).status == 0)
    let report = try String(contentsOf: out.appendingPathComponent("report.txt"), encoding: .utf8)
    #expect(report.contains("US1</a><script>alert(1)</script>\\n# Fake headingA1"), "\(report)")
    #expect(!report.split(separator: "\n").contains { $0.hasPrefix("#") }, "\(report)")
    // A link is built only from a number of the expected shape; any other gets none.
    let links = draft.sections.flatMap(\.items).map(\.link) + draft.restOfWeek.flatMap(\.entries).map(\.link)
    #expect(links.filter { !$0.isEmpty } == ["https://patents.google.com/patent/US20260000105A1/en"])
  }

  @Test("an editor's templates are used")
  func ownTemplates() throws {
    let folder = try temporaryFolder()
    _ = try BinaryRunner.run(["templates", "--out", folder.path])
    try Data("{{% CONTENT_TYPE: TEXT}}\n{{headline}}\n".utf8).write(to: folder.appendingPathComponent("draft.txt.mustache"))
    let run = try BinaryRunner.run(["build", "--format", "text", "--templates", folder.path, "-q"] + samples)
    #expect(run.status == 0)
    #expect(run.standardOutput.split(separator: "\n").count == 1)
    #expect(run.standardOutput.contains(" wants to "))
  }
}
