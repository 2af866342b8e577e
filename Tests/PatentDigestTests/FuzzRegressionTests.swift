import Foundation
import PatentDigest
import Testing

/// Inputs the fuzzer found (`scripts/fuzz`), kept so they stay fixed. Each is read through the
/// same entry point the harness uses; under `scripts/fuzz` (AddressSanitizer) they also prove
/// there is no leak.
@Suite("Fuzzer findings")
struct FuzzRegressionTests {
  static let folder = FeedTestSupport.packageRoot.appendingPathComponent("Tests/PatentDigestTests/Fixtures/fuzz/document-reader")
  static let templateFolder = FeedTestSupport.packageRoot.appendingPathComponent(
    "Tests/PatentDigestTests/Fixtures/fuzz/template-renderer")

  static var findings: [String] {
    (try? FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()) ?? []
  }

  static var templateFindings: [String] {
    (try? FileManager.default.contentsOfDirectory(atPath: templateFolder.path).sorted()) ?? []
  }

  /// A template finding, read as the harness reads it: any bytes, as an editor's Markdown template.
  static func templateText(_ name: String) throws -> String {
    String(decoding: try Data(contentsOf: templateFolder.appendingPathComponent(name)), as: UTF8.self)
  }

  /// The draft of one sample feed, as the weekly job builds it with the built-in templates.
  static func sampleDraft(_ sample: String) throws -> Draft {
    try WeeklyJob(
      [.file(FeedTestSupport.sample(sample))], classifier: Classifier(watchList: .default), watchListSource: "test",
      renderer: .builtIn()
    ).run().draft
  }

  /// The findings kept so far. A moved or emptied folder would make the tests over them run no
  /// case at all and pass, so their number is checked on its own.
  @Test("the fixture folders hold every finding kept so far")
  func fixturesPresent() {
    #expect(Self.findings.count >= 1, "no document-reader findings in \(Self.folder.path)")
    #expect(Self.templateFindings.count >= 3, "template-renderer findings missing from \(Self.templateFolder.path)")
  }

  @Test("each finding is read and reported, and the parser that read it reads a good document next", arguments: findings)
  func finding(name: String) throws {
    let bytes = [UInt8](try Data(contentsOf: Self.folder.appendingPathComponent(name)))
    // Every finding so far is damaged input: it must be reported, with a reason.
    guard case .failure(let failure)? = SingleDocument.read(bytes, name: name) else {
      Issue.record("\(name) was not reported as a failure")
      return
    }
    #expect(failure.description.hasPrefix("\(name): document 1"), "\(failure.description)")
    // The next document through the same machinery is read normally.
    let good = Array(ApplicationDocument().text.utf8)
    let record = try #require(try SingleDocument.read(good)?.get(), "a good document after \(name) was not read")
    #expect(record.publicationNumber == "US20260000001A1")
  }

  @Test("the finding that leaked: a DOCTYPE whose entity declarations make libxml2 build a document of its own")
  func leakFinding() throws {
    let name = try #require(Self.findings.first { $0.hasPrefix("leak-") })
    let bytes = [UInt8](try Data(contentsOf: Self.folder.appendingPathComponent(name)))
    let result = try #require(SingleDocument.read(bytes, name: name))
    guard case .failure(let failure) = result else {
      Issue.record("expected the finding to be reported as a failure")
      return
    }
    #expect(failure.kind == .malformed)
  }

  @Test("the template finding that ran 20 seconds: nested sections writing 100 MB are refused at once, naming the file")
  func slowTemplateFinding() throws {
    let name = try #require(Self.templateFindings.first { $0.hasPrefix("slow-unit-") })
    // Read as the harness reads it: any bytes, as an editor's Markdown template.
    let text = try Self.templateText(name)
    let renderer = try DraftRenderer(templates: ["draft.md.mustache": text], source: "fuzz")
    let draft = try Self.sampleDraft("ipa261126.xml")
    #expect(draft.intro.count >= 2)
    #expect {
      try renderer.render(draft, as: .markdown)
    } throws: { error in
      (error as? TemplateError)?.message.hasPrefix("would write more than 64 MB") == true
    }
  }

  @Test("the template that crashed: 5,000 nested sections are refused with their line, not a stack overflow")
  func deepSectionsFinding() throws {
    let name = try #require(Self.templateFindings.first { $0.hasPrefix("crash-deep-sections") })
    let text = try Self.templateText(name)
    #expect(text.utf8.count == 60_000)
    #expect {
      try DraftRenderer(templates: ["draft.md.mustache": text], source: "fuzz")
    } throws: { error in
      (error as? TemplateError)?.line == 1 && (error as? TemplateError)?.message.contains("nested more than 24") == true
    }
  }

  @Test("the template that timed out: many small repeated bodies are charged the work of each, not only their bytes")
  func manySmallBodiesFinding() throws {
    let name = try #require(Self.templateFindings.first { $0.hasPrefix("timeout-") })
    let text = try Self.templateText(name)
    let renderer = try DraftRenderer(templates: ["draft.md.mustache": text], source: "fuzz")
    let draft = try Self.sampleDraft("ipa261126.xml")
    let started = ContinuousClock.now
    #expect {
      try renderer.render(draft, as: .markdown)
    } throws: { error in
      (error as? TemplateError)?.message.hasPrefix("would write more than 64 MB") == true
    }
    // In a debug build: about 1 s; 15 s when an element was charged only the bytes of its body.
    #expect(ContinuousClock.now - started < .seconds(10))
  }

  @Test("every template finding renders or is refused with a message", arguments: templateFindings)
  func templateFinding(name: String) throws {
    let text = try Self.templateText(name)
    let renderer: DraftRenderer
    do {
      renderer = try DraftRenderer(templates: ["draft.md.mustache": text], source: "fuzz")
    } catch {
      // Refused when read: the message names the template and the line of the problem.
      #expect(error.file == "draft.md.mustache", "\(error)")
      #expect(error.line != nil, "\(error)")
      return
    }
    let draft = try Self.sampleDraft("ipg261124.xml")
    do {
      let output = try renderer.render(draft, as: .markdown)
      #expect(output.utf8.count <= DraftRenderer.outputLimit(for: draft))
    } catch {
      // Refused while rendering: only the budget stops a template that parsed.
      #expect(error.message.hasPrefix("would write more than"), "\(error)")
    }
  }
}
