import Foundation
import PatentDigestTestSupport
import Testing

/// The preview as an editor uses it: a real headless Chromium, driven through WebDriver
/// (chromium-driver), against the real binary on the sample week.
@Suite(
  "Preview in a browser",
  .enabled(if: BrowserTools.available, "needs chromium and chromium-driver (Debian); .ci/run installs them"))
struct BrowserTests {
  static let chromium = BrowserTools.chromium
  static let chromedriver = BrowserTools.chromedriver

  static let packageRoot = TestPaths.packageRoot
  static let samples = ["Samples/ipa261126.xml", "Samples/ipg261124.xml"]

  /// The binary under test (`TestPaths.binary`).
  static var binary: URL { TestPaths.binary }

  @Test(
    "point at a blurb sentence to see its source; change the lead, drop an item, rewrite a blurb: the page, the edits file and build --edits agree"
  )
  func editorSession() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("browser-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let editsPath = folder.appendingPathComponent("edits.yaml").path

    let preview = try PreviewProcess(editsPath: editsPath)
    defer { preview.stop() }
    let address = preview.address

    let driverPort = Int.random(in: 20_000..<30_000)
    let driver = Process()
    driver.executableURL = URL(fileURLWithPath: Self.chromedriver)
    driver.arguments = ["--port=\(driverPort)"]
    driver.standardOutput = FileHandle.nullDevice
    driver.standardError = FileHandle.nullDevice
    try driver.run()
    defer { driver.terminate() }
    let webDriver = WebDriver(base: URL(string: "http://127.0.0.1:\(driverPort)")!)
    try await webDriver.waitUntilReady()
    try await webDriver.startSession(binary: Self.chromium)
    defer { Task { try? await webDriver.endSession() } }

    try await webDriver.navigate(to: address)
    let startVersion = try await webDriver.script("return document.body.dataset.version") as? String
    #expect(startVersion != nil)

    // Point at a sentence of a blurb: the filing's own words it came from show.
    let sentence = ".item[data-number='US20260381234A1'] .sources li:nth-child(2)"
    #expect(
      try await webDriver.script("return getComputedStyle(document.querySelector(\"\(sentence) .source\")).display") as? String
        == "none")
    _ = try await webDriver.script("document.querySelector(\"\(sentence)\").scrollIntoView()")
    try await webDriver.hover(sentence)
    try await webDriver.waitFor("return getComputedStyle(document.querySelector(\"\(sentence) .source\")).display !== 'none'")
    let shown = try await webDriver.script("return document.querySelector(\"\(sentence) .source\").innerText") as? String
    #expect(shown?.hasPrefix("From the abstract, sentence ") == true)

    // Change the lead.
    try await webDriver.click("button[data-action='lead'][data-number='US20260382166A1']")
    try await webDriver.waitFor("return document.querySelector(\".item[data-number='US20260382166A1'] .badge\") !== null")
    // Drop an item.
    try await webDriver.click("button[data-action='drop'][data-number='US20260381640A1']")
    try await webDriver.waitFor("return document.querySelector(\".item[data-number='US20260381640A1']\") === null")
    // Rewrite a blurb: type, then leave the field so it saves.
    let blurb = "Apple's ring reads your pulse from any finger, all day."
    try await webDriver.replaceText(in: "textarea[data-field='blurb'][data-number='US20260381234A1']", with: blurb)
    try await webDriver.click("input[data-field='headline']")
    try await webDriver.waitFor(
      "var d = document.getElementById('preview').contentDocument; return d !== null && d.body !== null && d.body.innerText.indexOf(\"\(blurb)\") >= 0"
    )

    // The edits file holds all three changes.
    let edits = try String(contentsOfFile: editsPath, encoding: .utf8)
    #expect(edits.contains("lead: \"US20260382166A1\""))
    #expect(edits.contains("\"US20260381640A1\":\n    dropped: true"))
    #expect(edits.contains("blurb: \"\(blurb)\""))

    // The page's preview, the server's Markdown and the weekly job agree. (The preview frame
    // may be reloading after the last save: wait until it has its headline again.)
    let frameHeadline = "var d = document.getElementById('preview').contentDocument; var h = d && d.querySelector('h1');"
    try await webDriver.waitFor(frameHeadline + " return h !== null")
    let headline =
      try await webDriver.script(
        frameHeadline + " return h === null ? null : h.innerText") as? String
    let markdown = try RawHTTP.request(port: preview.port, method: "GET", path: "/draft?format=markdown").text
    let build = Process()
    build.executableURL = Self.binary
    build.arguments = ["build", "-q", "--edits", editsPath] + Self.samples
    build.currentDirectoryURL = Self.packageRoot
    let buildOutput = Pipe()
    build.standardOutput = buildOutput
    try build.run()
    let built = String(decoding: buildOutput.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    build.waitUntilExit()
    #expect(built == markdown)
    #expect(built.hasPrefix("# \(headline ?? "?")\n"))
    #expect(built.contains(blurb))
    #expect(!built.contains("### Privacy-Preserving On-Camera Analytics"))

    // A change on disk reaches the open page without a reload. How soon (under a second),
    // Benchmarks/measure_preview.py measures in a release build; here other tests share the cores.
    let handEdited = try String(contentsOfFile: editsPath, encoding: .utf8) + "headline: \"Written by hand\"\n"
    let clock = ContinuousClock()
    let written = clock.now
    try Data(handEdited.utf8).write(to: URL(fileURLWithPath: editsPath))
    try await webDriver.waitFor(frameHeadline + " return h !== null && h.innerText === 'Written by hand'")
    let latency = clock.now - written
    print("a change on disk reached the page in \(latency)")
  }

}

/// `patent-digest preview` on the sample week, on a free port of loopback.
struct PreviewProcess {
  let process = Process()
  let address: String
  let port: Int

  struct Failure: Error {}

  /// Starts the preview; `arguments` go before the feeds.
  init(editsPath: String, arguments: [String] = []) throws {
    process.executableURL = BrowserTests.binary
    process.arguments = ["preview", "--port", "0", "--edits", editsPath, "-q"] + arguments + BrowserTests.samples
    process.currentDirectoryURL = BrowserTests.packageRoot
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    guard let line = Self.firstLine(of: output.fileHandleForReading), line.hasPrefix("http://127.0.0.1:"),
      let port = Int(line.split(separator: ":").last!.trimmingCharacters(in: CharacterSet(charactersIn: "/")))
    else {
      process.terminate()
      throw Failure()
    }
    address = line
    self.port = port
  }

  func stop() {
    process.terminate()
  }

  static func firstLine(of handle: FileHandle) -> String? {
    var bytes: [UInt8] = []
    while true {
      let data = handle.readData(ofLength: 1)
      guard let byte = data.first else { return nil }
      if byte == 0x0A { return String(decoding: bytes, as: UTF8.self) }
      bytes.append(byte)
    }
  }
}

enum BrowserTools {
  static let chromium = "/usr/bin/chromium"
  static let chromedriver = "/usr/bin/chromedriver"
  static var available: Bool {
    FileManager.default.isExecutableFile(atPath: chromium) && FileManager.default.isExecutableFile(atPath: chromedriver)
  }
}

/// The few WebDriver calls the test needs, over chromedriver's HTTP API.
final class WebDriver: @unchecked Sendable {
  let base: URL
  var session: String?

  init(base: URL) {
    self.base = base
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  @discardableResult
  func call(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> Any? {
    let payload = try body.map { try JSONSerialization.data(withJSONObject: $0) }
    let response = try RawHTTP.request(
      port: base.port!, method: method, path: "/" + path, headers: payload == nil ? [:] : ["Content-Type": "application/json"],
      body: payload)
    let json = try JSONSerialization.jsonObject(with: response.body) as? [String: Any]
    let value = json?["value"]
    if let error = value as? [String: Any], let message = error["message"] as? String, error["error"] != nil {
      throw Failure(description: "WebDriver \(method) \(path): \(message)")
    }
    return value
  }

  func waitUntilReady() async throws {
    for _ in 0..<100 {
      if let status = try? await call("GET", "status") as? [String: Any], status["ready"] as? Bool == true { return }
      try await Task.sleep(for: .milliseconds(100))
    }
    throw Failure(description: "chromedriver did not start")
  }

  func startSession(binary: String) async throws {
    let capabilities: [String: Any] = [
      "capabilities": [
        "alwaysMatch": [
          "goog:chromeOptions": [
            "binary": binary,
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000"],
          ]
        ]
      ]
    ]
    let value = try await call("POST", "session", capabilities) as? [String: Any]
    guard let id = value?["sessionId"] as? String else { throw Failure(description: "no WebDriver session") }
    session = id
  }

  func endSession() async throws {
    if let session { try await call("DELETE", "session/\(session)") }
  }

  private var prefix: String { "session/\(session ?? "")" }

  func navigate(to url: String) async throws {
    try await call("POST", "\(prefix)/url", ["url": url])
  }

  func element(_ css: String) async throws -> String {
    for _ in 0..<50 {
      if let value = try? await call("POST", "\(prefix)/element", ["using": "css selector", "value": css]) as? [String: Any],
        let id = value.values.first as? String
      {
        return id
      }
      try await Task.sleep(for: .milliseconds(100))
    }
    throw Failure(description: "no element \(css)")
  }

  func click(_ css: String) async throws {
    let id = try await element(css)
    try await call("POST", "\(prefix)/element/\(id)/click", [:])
  }

  /// Selects the field's text with Ctrl+A and types over it, as a person would (WebDriver's
  /// clear command also blurs the field, which saves it half-done).
  func replaceText(in css: String, with text: String) async throws {
    let id = try await element(css)
    try await call("POST", "\(prefix)/element/\(id)/click", [:])
    try await call("POST", "\(prefix)/element/\(id)/value", ["text": "\u{E009}a\u{E009}" + text])
  }

  /// Moves the mouse pointer onto the element, as a person pointing at it.
  func hover(_ css: String) async throws {
    let id = try await element(css)
    let pointer: [String: Any] = [
      "type": "pointer", "id": "mouse", "parameters": ["pointerType": "mouse"],
      "actions": [
        ["type": "pointerMove", "duration": 0, "origin": ["element-6066-11e4-a52e-4f735466cecf": id], "x": 0, "y": 0]
      ],
    ]
    try await call("POST", "\(prefix)/actions", ["actions": [pointer]])
  }

  func script(_ source: String) async throws -> Any? {
    try await call("POST", "\(prefix)/execute/sync", ["script": source, "args": []])
  }

  /// Waits up to 5 seconds for a script to return true.
  func waitFor(_ condition: String) async throws {
    for _ in 0..<50 {
      if try await script(condition) as? Bool == true { return }
      try await Task.sleep(for: .milliseconds(100))
    }
    throw Failure(description: "timed out waiting for: \(condition)")
  }
}
