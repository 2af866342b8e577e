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
    #expect(try RawHTTP.request(port: port, method: "PUT", path: "/edits").status != 200)
    #expect(!FileManager.default.fileExists(atPath: editsPath))
  }
}
