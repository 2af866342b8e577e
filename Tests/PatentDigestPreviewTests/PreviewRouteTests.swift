import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PatentDigest
import PatentDigestTestSupport
import Testing

@testable import PatentDigestPreview

/// Every route of the preview, in process (no socket), on the sample week.
@Suite("Preview routes")
struct PreviewRouteTests {
  static let packageRoot = TestPaths.packageRoot
  /// The router test framework sends every request with the authority `localhost`.
  static let host = "localhost"

  struct Fixture {
    var session: PreviewSession
    var app: Application<RouterResponder<BasicRequestContext>>
    var editsPath: String
    var folder: URL
  }

  static func fixture(templates: Bool = false) throws -> Fixture {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("preview-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    var templatesFolder: String?
    if templates {
      let path = folder.appendingPathComponent("templates")
      try FileManager.default.createDirectory(at: path, withIntermediateDirectories: true)
      for (name, text) in DraftRenderer.builtInFiles { try Data(text.utf8).write(to: path.appendingPathComponent(name)) }
      templatesFolder = path.path
    }
    let editsPath = folder.appendingPathComponent("edits.yaml").path
    let samples = ["ipa261126.xml", "ipg261124.xml"].map {
      FeedInput.file(packageRoot.appendingPathComponent("Samples/\($0)").path)
    }
    let session = try PreviewSession(
      options: .init(inputs: samples, watchListPath: nil, templatesFolder: templatesFolder, editsPath: editsPath))
    let router = PreviewServer.router(session: session, allowedHosts: AllowedHosts([host]))
    return Fixture(session: session, app: Application(router: router), editsPath: editsPath, folder: folder)
  }

  static func headers(token: String? = nil) -> HTTPFields {
    var fields: HTTPFields = [.contentType: "application/json"]
    if let token { fields[HTTPField.Name("X-Patent-Digest-Token")!] = token }
    return fields
  }

  @Test("the page: controls around the draft, the token, every view")
  func page() async throws {
    let fixture = try Self.fixture()
    try await fixture.app.test(.router) { client in
      try await client.execute(uri: "/", method: .get, headers: Self.headers()) { response in
        #expect(response.status == .ok)
        let html = String(buffer: response.body)
        #expect(html.contains("name=\"patent-digest-token\" content=\"\(fixture.session.token)\""))
        #expect(html.contains("<iframe id=\"preview\""))
        #expect(html.contains("data-view=\"markdown\"") && html.contains("data-view=\"json\"") && html.contains("id=\"copy\""))
        #expect(html.contains("data-action=\"drop\""))
        #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
      }
      var jsonView = ""
      for (format, type) in [
        ("html", "text/html"), ("markdown", "text/plain"), ("text", "text/plain"), ("json", "application/json"),
      ] {
        try await client.execute(uri: "/draft?format=\(format)", method: .get, headers: Self.headers()) { response in
          #expect(response.status == .ok)
          #expect(response.headers[.contentType]?.hasPrefix(type) == true)
          #expect(
            String(buffer: response.body)
              == (try? DraftRenderer.builtIn().render(await fixture.session.currentDraft(), as: DraftFormat(rawValue: format)!)))
          if format == "json" { jsonView = String(buffer: response.body) }
        }
      }
      #expect(try JSONSchemaCheck.problems(in: jsonView, against: .draft) == [])
      try await client.execute(uri: "/draft?format=pdf", method: .get, headers: Self.headers()) {
        #expect($0.status == .badRequest)
      }
      try await client.execute(uri: "/status", method: .get, headers: Self.headers()) { response in
        #expect(String(buffer: response.body).contains("\"version\""))
      }
      try await client.execute(uri: "/panel", method: .get, headers: Self.headers()) { response in
        let panel = String(buffer: response.body)
        #expect(panel.contains("<h2>Alphabet</h2>"))
        // Each blurb sentence, and where in the filing it came from when an editor points at it.
        #expect(panel.contains("<ol class=\"sources\""))
        let draft = await fixture.session.currentDraft()
        for item in draft.sections.flatMap(\.items) {
          for sentence in item.blurbSentences {
            #expect(panel.contains("<span class=\"sentence\">\(PreviewPage.escape(sentence.text))</span>"))
            if let source = sentence.source, source.part == .abstract {
              #expect(
                panel.contains("From the abstract, sentence \(source.sentence!): \u{201C}\(PreviewPage.escape(source.text))"))
            }
          }
        }
      }
      try await client.execute(uri: "/assets/preview.js", method: .get, headers: Self.headers()) { #expect($0.status == .ok) }
      try await client.execute(uri: "/assets/preview.css", method: .get, headers: Self.headers()) { #expect($0.status == .ok) }
    }
  }

  @Test("refused: a foreign Host, a missing or wrong token, an unknown path, traversal, another method, an oversize body")
  func refusals() async throws {
    let fixture = try Self.fixture()
    let change = ByteBuffer(string: #"{"action":"drop","number":"US20260381640A1"}"#)
    // A server that answers only at 127.0.0.1:8088 refuses the test client's `localhost`.
    let strict = Application(
      router: PreviewServer.router(session: fixture.session, allowedHosts: AllowedHosts(["127.0.0.1:8088"])))
    try await strict.test(.router) { client in
      try await client.execute(uri: "/", method: .get, headers: Self.headers()) { #expect($0.status == .misdirectedRequest) }
      try await client.execute(uri: "/draft?format=json", method: .get, headers: Self.headers()) {
        #expect($0.status == .misdirectedRequest)
      }
    }
    try await fixture.app.test(.router) { client in
      try await client.execute(uri: "/edits", method: .post, headers: Self.headers(), body: change) {
        #expect($0.status == .forbidden)
      }
      try await client.execute(uri: "/edits", method: .post, headers: Self.headers(token: "guess"), body: change) {
        #expect($0.status == .forbidden)
      }
      for path in [
        "/etc/passwd", "/assets/../Package.swift", "/assets/%2e%2e/%2e%2e/Package.swift", "/assets/..%2fPackage.swift",
        "/edits.yaml",
      ] {
        try await client.execute(uri: path, method: .get, headers: Self.headers()) { response in
          #expect(response.status == .notFound, "\(path)")
          #expect(!String(buffer: response.body).contains("swift-tools-version"))
        }
      }
      try await client.execute(uri: "/", method: .delete, headers: Self.headers()) { #expect($0.status == .methodNotAllowed) }
      try await client.execute(uri: "/edits", method: .get, headers: Self.headers()) { #expect($0.status == .methodNotAllowed) }
      let big = ByteBuffer(string: String(repeating: "x", count: 100_000))
      try await client.execute(uri: "/edits", method: .post, headers: Self.headers(token: fixture.session.token), body: big) {
        #expect($0.status == .contentTooLarge)
      }
    }
    #expect(!FileManager.default.fileExists(atPath: fixture.editsPath))
  }

  @Test("changes are saved to the edits file, atomically, and the draft follows; two saves at once both land")
  func changes() async throws {
    let fixture = try Self.fixture()
    let token = fixture.session.token
    try await fixture.app.test(.router) { client in
      let changes = [
        #"{"action":"lead","number":"US20260382166A1"}"#,
        #"{"action":"drop","number":"US20260381640A1"}"#,
        #"{"action":"text","field":"blurb","number":"US20260381234A1","value":"Apple's ring reads your pulse <b>now</b>."}"#,
      ]
      // Sent together: each is a small change applied in turn, so none overwrites another.
      try await withThrowingTaskGroup(of: Void.self) { group in
        for change in changes {
          group.addTask {
            try await client.execute(
              uri: "/edits", method: .post, headers: Self.headers(token: token), body: ByteBuffer(string: change)
            ) {
              #expect($0.status == .ok)
            }
          }
        }
        try await group.waitForAll()
      }
      try await client.execute(
        uri: "/edits", method: .post, headers: Self.headers(token: token),
        body: ByteBuffer(string: #"{"action":"text","field":"price","value":"1"}"#)
      ) { response in
        #expect(response.status == .badRequest)
        #expect(String(buffer: response.body).contains("not a field an editor can change"))
      }
      try await client.execute(uri: "/draft?format=html", method: .get, headers: Self.headers()) { response in
        let html = String(buffer: response.body)
        #expect(
          html.contains("Apple&#39;s ring reads your pulse &lt;b&gt;now&lt;/b&gt;.")
            || html.contains("Apple&#x27;s ring reads your pulse &lt;b&gt;now&lt;/b&gt;."))
      }
    }
    let saved = try DraftEdits(contentsOfFile: fixture.editsPath)
    #expect(saved.lead == "US20260382166A1")
    #expect(saved.items["US20260381640A1"]?.dropped == true)
    #expect(saved.items["US20260381234A1"]?.blurb == "Apple's ring reads your pulse <b>now</b>.")
    let draft = await fixture.session.currentDraft()
    #expect(draft.lead?.publicationNumber == "US20260382166A1")
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: fixture.folder.path).filter { $0.hasPrefix(".") }
    #expect(leftovers.isEmpty)
  }

  @Test("while the edits file on disk has a YAML error, a save from the page is refused and the file is left as it is")
  func saveRefusedWhileFileBroken() async throws {
    let fixture = try Self.fixture()
    let token = fixture.session.token
    let halfWritten = "headline: \"Written by hand\"\nitems:\n  US20260381640A1: {dropped: tr\n  - oops\n"
    try Data(halfWritten.utf8).write(to: URL(fileURLWithPath: fixture.editsPath))
    try await fixture.app.test(.router) { client in
      try await client.execute(
        uri: "/edits", method: .post, headers: Self.headers(token: token),
        body: ByteBuffer(string: #"{"action":"lead","number":"US20260382166A1"}"#)
      ) { response in
        #expect(response.status == .conflict)
        let answer = try JSONDecoder().decode([String: String].self, from: Data(String(buffer: response.body).utf8))
        let text = answer["error"] ?? ""
        #expect(text.hasPrefix("not saved: \(fixture.editsPath):5:1: is not valid YAML"))
        #expect(text.contains("The file was left as it is"))
      }
      // The page shows the problem too.
      let status = await fixture.session.status()
      #expect(status.problem?.hasPrefix(fixture.editsPath) == true)
    }
    #expect(try String(contentsOfFile: fixture.editsPath, encoding: .utf8) == halfWritten)
    // Once the editor finishes, saves work again, on top of what they wrote.
    try Data("headline: \"Written by hand\"\n".utf8).write(to: URL(fileURLWithPath: fixture.editsPath))
    try await fixture.app.test(.router) { client in
      try await client.execute(
        uri: "/edits", method: .post, headers: Self.headers(token: token),
        body: ByteBuffer(string: #"{"action":"lead","number":"US20260382166A1"}"#)
      ) { response in
        #expect(response.status == .ok)
      }
    }
    let saved = try DraftEdits(contentsOfFile: fixture.editsPath)
    #expect(saved.headline == "Written by hand")
    #expect(saved.lead == "US20260382166A1")
  }

  @Test("a change on disk shows: the edits file by hand, a broken template on the page with file and line")
  func liveFiles() async throws {
    let fixture = try Self.fixture(templates: true)
    let before = await fixture.session.status().version
    try Data("version: 1\nheadline: \"Written by hand\"\n".utf8).write(to: URL(fileURLWithPath: fixture.editsPath))
    #expect(await fixture.session.reloadIfChanged())
    #expect(await fixture.session.currentDraft().headline == "Written by hand")
    #expect(await fixture.session.status().version > before)
    let template = fixture.folder.appendingPathComponent("templates/draft.html.mustache")
    try Data("{{% CONTENT_TYPE: HTML}}\n<h1>{{headline}}</h1>\n{{#sections}}\n".utf8).write(to: template)
    #expect(await fixture.session.reloadIfChanged())
    let problem = try #require(await fixture.session.status().problem)
    #expect(problem.hasPrefix("\(template.path):4: a section is opened but never closed"))
    // The server keeps serving the last good draft.
    #expect(await fixture.session.rendered(.html).contains("Written by hand"))
  }

  @Test("a template nested thousands deep saved into the templates folder: the problem on the page, the server serving")
  func deepTemplateOnDisk() async throws {
    let fixture = try Self.fixture(templates: true)
    let good = await fixture.session.rendered(.html)
    let template = fixture.folder.appendingPathComponent("templates/draft.html.mustache")
    let deep = String(repeating: "{{#sections}}", count: 5_000) + String(repeating: "{{/sections}}", count: 5_000)
    try Data(deep.utf8).write(to: template)
    #expect(await fixture.session.reloadIfChanged())
    let problem = try #require(await fixture.session.status().problem)
    #expect(problem.hasPrefix("\(template.path):1: sections are nested more than"), "\(problem)")
    #expect(await fixture.session.rendered(.html) == good)
    try await fixture.app.test(.router) { client in
      try await client.execute(uri: "/draft?format=html", method: .get, headers: Self.headers()) { response in
        #expect(response.status == .ok)
        #expect(String(buffer: response.body) == good)
      }
    }
  }

  @Test("a change to the watch list on disk reclassifies the week: switch IBM on and it gets a section")
  func liveWatchList() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("watchlist-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let watchList = folder.appendingPathComponent("watchlist.yaml")
    try Data(WatchList.defaultText.utf8).write(to: watchList)
    let samples = ["ipa261126.xml", "ipg261124.xml"].map {
      FeedInput.file(Self.packageRoot.appendingPathComponent("Samples/\($0)").path)
    }
    let session = try PreviewSession(
      options: .init(
        inputs: samples, watchListPath: watchList.path, templatesFolder: nil,
        editsPath: folder.appendingPathComponent("edits.yaml").path))
    #expect(await !session.currentDraft().sections.map(\.company).contains("IBM"))
    let switchedOn = WatchList.defaultText.replacingOccurrences(
      of: "  - name: IBM\n    watched: false", with: "  - name: IBM\n    watched: true")
    #expect(switchedOn != WatchList.defaultText)
    try Data(switchedOn.utf8).write(to: watchList)
    #expect(await session.reloadIfChanged())
    #expect(await session.currentDraft().sections.map(\.company).contains("IBM"))
    // A broken watch list is shown, and the last good draft stays.
    try Data("companies: [\n".utf8).write(to: watchList)
    #expect(await session.reloadIfChanged())
    #expect(await session.status().problem?.hasPrefix(watchList.path) == true)
    #expect(await session.currentDraft().sections.map(\.company).contains("IBM"))
  }

  /// How fast the page is, `Benchmarks/measure_preview.py` measures against a reference, in a
  /// release build over a socket. Here, where other tests share the two cores, the test checks the
  /// cause of that speed: the page and the draft come from the cache, and a change renders each
  /// format once, when it is made (so a template error shows at once).
  @Test("the page and the draft come from the cache: one render per format and version, however many loads")
  func servedFromCache() async throws {
    let fixture = try Self.fixture()
    try await fixture.app.test(.router) { client in
      func loadTwenty(_ format: String) async throws {
        for _ in 0..<20 {
          try await client.execute(uri: "/", method: .get, headers: Self.headers()) { #expect($0.status == .ok) }
          try await client.execute(uri: "/draft?format=\(format)", method: .get, headers: Self.headers()) {
            #expect($0.status == .ok)
          }
        }
      }
      // The first version renders a format when it is first asked for.
      let before = await fixture.session.renderCount
      try await loadTwenty("html")
      #expect(await fixture.session.renderCount == before + 1)
      try await loadTwenty("markdown")
      #expect(await fixture.session.renderCount == before + 2)
      let change = #"{"action":"text","field":"dek","value":"Cached no more"}"#
      try await client.execute(
        uri: "/edits", method: .post, headers: Self.headers(token: fixture.session.token), body: ByteBuffer(string: change)
      ) { #expect($0.status == .ok) }
      // A change renders every format at once, and the loads after it render nothing.
      #expect(await fixture.session.renderCount == before + 2 + DraftFormat.allCases.count)
      try await loadTwenty("html")
      try await client.execute(uri: "/draft?format=html", method: .get, headers: Self.headers()) {
        #expect(String(buffer: $0.body).contains("Cached no more"))
      }
      #expect(await fixture.session.renderCount == before + 2 + DraftFormat.allCases.count)
    }
  }
}
