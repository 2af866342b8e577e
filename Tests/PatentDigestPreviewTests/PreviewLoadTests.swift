import Foundation
import Testing

/// The preview under load from other threads over loopback, bounded in time: no errors, and
/// memory that does not grow with the number of requests.
@Suite("Preview under load")
struct PreviewLoadTests {
  static func residentKilobytes(of pid: Int32) -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }
    return line.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") }
  }

  final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var requests = 0
    private(set) var errors: [String] = []

    func record(_ ok: Bool, _ what: String) {
      lock.lock()
      requests += 1
      if !ok && errors.count < 20 { errors.append(what) }
      lock.unlock()
    }
  }

  /// A right answer: 200, the content type of the route, and the body the route serves (the page
  /// with its token, the whole HTML draft, a draft and a status that decode, a saved version).
  static func isRight(_ response: RawHTTP.Response, for path: String) -> Bool {
    guard response.status == 200 else { return false }
    let type = response.headers.first { $0.key.lowercased() == "content-type" }?.value ?? ""
    let text = response.text
    func object() -> [String: Any]? { (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] }
    switch path {
    case "/":
      return type.hasPrefix("text/html") && text.contains("patent-digest-token") && text.contains("<iframe id=\"preview\"")
    case "/draft?format=html":
      return type.hasPrefix("text/html") && text.hasPrefix("<!DOCTYPE html>") && text.hasSuffix("</html>\n")
    case "/draft?format=json": return type.hasPrefix("application/json") && (object()?["headline"] as? String)?.isEmpty == false
    case "/status": return type.hasPrefix("application/json") && object()?["version"] is Int
    case "/edits": return type.hasPrefix("application/json") && object()?["version"] is Int
    default: return false
    }
  }

  @Test("four clients for four seconds: every answer right (status, type and body), memory stable")
  func load() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("load-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let preview = try PreviewProcess(editsPath: folder.appendingPathComponent("edits.yaml").path)
    defer { preview.stop() }
    let page = try RawHTTP.request(port: preview.port, method: "GET", path: "/").text
    let token = try #require(
      page.range(of: #"content="[0-9a-f]+""#, options: .regularExpression).map { String(page[$0].dropFirst(9).dropLast()) })

    @Sendable func round(_ counter: Counter, _ client: Int, _ step: Int) {
      let port = preview.port
      let requests: [(String, String, Data?)] = [
        ("GET", "/", nil), ("GET", "/draft?format=html", nil), ("GET", "/draft?format=json", nil), ("GET", "/status", nil),
        ("POST", "/edits", Data(#"{"action":"text","field":"dek","value":"Load \#(client)-\#(step)"}"#.utf8)),
      ]
      for (method, path, body) in requests {
        let headers = method == "POST" ? ["Content-Type": "application/json", "X-Patent-Digest-Token": token] : [:]
        let response = try? RawHTTP.request(port: port, method: method, path: path, headers: headers, body: body)
        let right = response.map { Self.isRight($0, for: path) } ?? false
        counter.record(right, "\(method) \(path): \(response?.status ?? -1)")
      }
    }

    // Warm up, then measure memory before and after the load.
    let warmUp = Counter()
    for step in 0..<20 { round(warmUp, 0, step) }
    let before = try #require(Self.residentKilobytes(of: preview.process.processIdentifier))
    let counter = Counter()
    let deadline = Date().addingTimeInterval(4)
    DispatchQueue.concurrentPerform(iterations: 4) { client in
      var step = 0
      while Date() < deadline {
        round(counter, client, step)
        step += 1
      }
    }
    let after = try #require(Self.residentKilobytes(of: preview.process.processIdentifier))
    print(
      "preview load: \(counter.requests) requests in 4 s from 4 clients, RSS \(before / 1024) MB before, \(after / 1024) MB after"
    )
    #expect(counter.errors.isEmpty, "\(counter.errors)")
    #expect(counter.requests > 20)
    #expect(after < before + 32 * 1024, "memory grew from \(before) KB to \(after) KB")
    // Every save landed and the file is whole.
    let edits = try String(contentsOf: folder.appendingPathComponent("edits.yaml"), encoding: .utf8)
    #expect(edits.hasPrefix("# Edits to the patent-digest draft") && edits.contains("dek: \"Load "))
  }
}
