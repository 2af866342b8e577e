import Foundation
import Testing

/// The real binary serving on loopback: what a browser, or an attacker's page, can reach.
@Suite("Preview server, over a socket")
struct PreviewServerTests {
  @Test("listens on loopback; refuses foreign Host headers, traversal, unknown paths and tokenless changes")
  func overSocket() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("server-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let editsPath = folder.appendingPathComponent("edits.yaml").path
    let preview = try PreviewProcess(editsPath: editsPath)
    defer { preview.stop() }
    let port = preview.port

    let page = try RawHTTP.request(port: port, method: "GET", path: "/")
    #expect(page.status == 200)
    #expect(page.text.contains("patent-digest-token"))
    #expect(try RawHTTP.request(port: port, method: "GET", path: "/", host: "localhost:\(port)").status == 200)
    // DNS rebinding: a page on another name that resolves to 127.0.0.1 gets nothing.
    for host in ["evil.example", "evil.example:\(port)", "127.0.0.1", "127.0.0.1:1"] {
      let refused = try RawHTTP.request(port: port, method: "GET", path: "/draft?format=json", host: host)
      #expect(refused.status == 421, "\(host)")
      #expect(!refused.text.contains("headline"))
    }
    for path in [
      "/../Package.swift", "/assets/../../Package.swift", "/assets/%2e%2e/%2e%2e/Package.swift",
      "/assets/..%2f..%2fPackage.swift",
      "/%2e%2e%2fSamples/ipa261126.xml", "/Samples/ipa261126.xml", "/edits.yaml", "//etc/passwd",
    ] {
      let response = try RawHTTP.request(port: port, method: "GET", path: path)
      #expect(response.status == 404, "\(path)")
      #expect(!response.text.contains("swift-tools-version") && !response.text.contains("us-patent-application"), "\(path)")
    }
    let tokenless = try RawHTTP.request(
      port: port, method: "POST", path: "/edits", headers: ["Content-Type": "application/json"],
      body: Data(#"{"action":"reset"}"#.utf8))
    #expect(tokenless.status == 403)
    #expect(try RawHTTP.request(port: port, method: "PUT", path: "/edits").status == 405)
    #expect(!FileManager.default.fileExists(atPath: editsPath))
  }

  @Test("a request that names its host twice, or names another host in its target, is refused with 400")
  func ambiguousHost() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("server-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let preview = try PreviewProcess(editsPath: folder.appendingPathComponent("edits.yaml").path)
    defer { preview.stop() }
    let port = preview.port
    let ours = "127.0.0.1:\(port)"
    // Our Host first, another second, and the other way round: neither may pass as ours.
    for extra in ["evil.example", ours] {
      let twice = try RawHTTP.request(port: port, method: "GET", path: "/draft?format=json", headers: ["host": extra])
      #expect(twice.status == 400, "\(extra)")
      #expect(!twice.text.contains("headline"))
    }
    let twiceForeignFirst = try RawHTTP.request(
      port: port, method: "GET", path: "/draft?format=json", host: "evil.example", headers: ["host": ours])
    #expect(twiceForeignFirst.status == 400)
    for target in ["http://evil.example/draft?format=json", "http://\(ours)/draft?format=json", "*", "evil.example:80"] {
      let absolute = try RawHTTP.request(port: port, method: "GET", path: target)
      #expect(absolute.status == 400, "\(target)")
      #expect(!absolute.text.contains("headline"), "\(target)")
    }
    let tokenless = try RawHTTP.request(
      port: port, method: "POST", path: "http://evil.example/edits", headers: ["Content-Type": "application/json"],
      body: Data(#"{"action":"reset"}"#.utf8))
    #expect(tokenless.status == 400)
    // The server is still serving, and ordinary requests are answered as before.
    #expect(try RawHTTP.request(port: port, method: "GET", path: "/").status == 200)
  }

  @Test("a port already in use: one line naming the address, exit 69")
  func portInUse() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("server-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let preview = try PreviewProcess(editsPath: folder.appendingPathComponent("edits.yaml").path)
    defer { preview.stop() }
    let second = Process()
    second.executableURL = BrowserTests.binary
    second.arguments =
      ["preview", "--port", "\(preview.port)", "--edits", folder.appendingPathComponent("other.yaml").path] + BrowserTests.samples
    second.currentDirectoryURL = BrowserTests.packageRoot
    let error = Pipe()
    second.standardError = error
    second.standardOutput = Pipe()
    try second.run()
    let text = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    second.waitUntilExit()
    #expect(second.terminationStatus == 69)
    #expect(
      text
        == "patent-digest: cannot listen on 127.0.0.1:\(preview.port): the port is in use (another preview?); choose another with --port, or --port 0 for any free one\n"
    )
  }
}
