import Foundation
import HTTPTypes
public import Hummingbird
import Logging
import NIOCore
import PatentDigest

/// The editors' preview: a small web server on loopback that serves the draft, the page to shape
/// it, and saves the editor's changes to the edits file.
///
/// It answers only requests whose Host is the address it printed (no DNS rebinding), only the
/// paths and methods below, and a change only with the page's per-run token. No file on disk is
/// reachable through it: the page's assets are in memory.
public enum PreviewServer {
  /// The request routes, for a session; `allowedHosts` holds the `host:port` values accepted.
  public static func router(session: PreviewSession, allowedHosts: AllowedHosts) -> Router<BasicRequestContext> {
    let router = Router()
    router.add(middleware: HostCheck(allowed: allowedHosts))
    router.add(middleware: MethodCheck(allowed: routeMethods))
    router.get("/") { _, _ in
      let draft = await session.currentDraft()
      let status = await session.status()
      let panel = PreviewPage.panel(draft: draft, status: status)
      return Self.response(
        PreviewPage.page(draft: draft, status: status, token: session.token, panel: panel), type: "text/html; charset=utf-8",
        policy: "default-src 'self'; frame-src 'self'; frame-ancestors 'none'; img-src 'self' data:")
    }
    router.get("/panel") { _, _ in
      let html = PreviewPage.panel(draft: await session.currentDraft(), status: await session.status())
      return Self.response(html, type: "text/html; charset=utf-8", policy: "default-src 'none'")
    }
    router.get("/draft") { request, _ in
      let name = request.uri.queryParameters.get("format") ?? "html"
      guard let format = DraftFormat(rawValue: name) else {
        return Self.error(.badRequest, "format must be html, markdown, text or json")
      }
      let text = await session.rendered(format)
      switch format {
      case .html:
        // The draft as readers see it: inline styles only, nothing runs.
        return Self.response(
          text, type: "text/html; charset=utf-8",
          policy: "default-src 'none'; style-src 'unsafe-inline'; img-src *; frame-ancestors 'self'")
      case .json: return Self.response(text, type: "application/json; charset=utf-8")
      case .markdown, .text: return Self.response(text, type: "text/plain; charset=utf-8")
      }
    }
    router.get("/status") { _, _ in
      let status = await session.status()
      return Self.json(status)
    }
    router.post("/edits") { request, _ in
      guard request.headers[Self.tokenHeader] == session.token else {
        return Self.error(.forbidden, "this change does not carry the page's token; reload the preview page")
      }
      var request = request
      let body: ByteBuffer
      do {
        body = try await request.collectBody(upTo: 64 * 1024)
      } catch {
        return Self.error(.contentTooLarge, "a change is at most 64 KB")
      }
      guard let change = try? JSONDecoder().decode(EditChange.self, from: Data(body.readableBytesView)) else {
        return Self.error(.badRequest, "the change is not valid JSON for an edit")
      }
      do {
        let version = try await session.apply(change)
        return Self.json(["version": version])
      } catch let problem as EditChange.Problem {
        return Self.error(.badRequest, problem.description)
      } catch let unreadable as PreviewSession.EditsFileUnreadable {
        return Self.error(.conflict, unreadable.description)
      } catch {
        return Self.error(.internalServerError, "the edits could not be saved: \(error)")
      }
    }
    router.get("/assets/preview.js") { _, _ in Self.response(PreviewAssets.script, type: "text/javascript; charset=utf-8") }
    router.get("/assets/preview.css") { _, _ in Self.response(PreviewAssets.style, type: "text/css; charset=utf-8") }
    return router
  }

  static let tokenHeader = HTTPField.Name("X-Patent-Digest-Token")!

  /// Each route and the one method it answers; another method on it gets 405.
  static let routeMethods: [String: HTTPRequest.Method] = [
    "/": .get, "/panel": .get, "/draft": .get, "/status": .get, "/edits": .post, "/assets/preview.js": .get,
    "/assets/preview.css": .get,
  ]

  /// Runs the preview until the task is cancelled: serves on `host:port` (0 picks a free port),
  /// calls `started` with the address, and watches the files the draft depends on.
  public static func run(session: PreviewSession, host: String, port: Int, started: @escaping @Sendable (String) -> Void)
    async throws
  {
    let allowed = AllowedHosts()
    var logger = Logger(label: "patent-digest-preview") { StreamLogHandler.standardError(label: $0) }
    logger.logLevel = .warning
    let listening = ListeningFlag()
    let app = Application(
      router: router(session: session, allowedHosts: allowed),
      server: .http1(configuration: .init(additionalChannelHandlers: [RequestTargetCheckInstaller()])),
      configuration: .init(address: .hostname(host, port: port), serverName: "patent-digest"),
      onServerRunning: { channel in
        let actualPort = channel.localAddress?.port ?? port
        let shownHost = host.contains(":") ? "[\(host)]" : host
        allowed.set(["\(shownHost):\(actualPort)".lowercased()] + (host == "127.0.0.1" ? ["localhost:\(actualPort)"] : []))
        listening.set()
        started("http://\(shownHost):\(actualPort)/")
      },
      logger: logger)
    try await withThrowingTaskGroup(of: Void.self) { group in
      group.addTask {
        do {
          try await app.runService()
        } catch {
          guard !listening.isSet else { throw error }
          throw ListenError(host: host, port: port, underlying: error)
        }
      }
      group.addTask {
        // A change on disk reaches the page within a second: the page polls every 300 ms.
        while !Task.isCancelled {
          try await Task.sleep(for: .milliseconds(200))
          await session.reloadIfChanged()
        }
      }
      try await group.next()
      group.cancelAll()
    }
  }

  static func response(_ text: String, type: String, policy: String? = nil) -> Response {
    var headers: HTTPFields = [.contentType: type, .cacheControl: "no-store"]
    headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
    if let policy { headers[.contentSecurityPolicy] = policy }
    return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
  }

  static func json(_ value: some Encodable) -> Response {
    let data = (try? JSONEncoder().encode(value)) ?? Data("{}".utf8)
    return response(String(decoding: data, as: UTF8.self), type: "application/json; charset=utf-8")
  }

  static func error(_ status: HTTPResponse.Status, _ message: String) -> Response {
    var response = json(["error": message])
    response.status = status
    return response
  }
}

/// The preview could not start listening: the port is taken, or the address is not this machine's.
public struct ListenError: Error, Sendable, CustomStringConvertible {
  public var host: String
  public var port: Int
  var underlying: any Error

  public var description: String {
    let address = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    let reason: String
    switch (underlying as? IOError)?.errnoCode {
    case EADDRINUSE: reason = "the port is in use (another preview?); choose another with --port, or --port 0 for any free one"
    case EADDRNOTAVAIL: reason = "the address is not one of this machine's; leave out --host to listen on 127.0.0.1"
    case EACCES: reason = "permission denied (ports below 1024 need root); choose a port above 1024"
    default: reason = "\(underlying)"
    }
    return "cannot listen on \(address): \(reason)"
  }
}

/// Set once the server listens; an error before that is a failure to start.
final class ListeningFlag: @unchecked Sendable {
  private let lock = NSLock()
  private var value = false

  func set() {
    lock.lock()
    value = true
    lock.unlock()
  }

  var isSet: Bool {
    lock.lock()
    defer { lock.unlock() }
    return value
  }
}

/// The `host:port` values requests may name, set once the server knows its port.
public final class AllowedHosts: @unchecked Sendable {
  private let lock = NSLock()
  private var hosts: Set<String>

  public init(_ hosts: [String] = []) {
    self.hosts = Set(hosts.map { $0.lowercased() })
  }

  func set(_ values: [String]) {
    lock.lock()
    hosts = Set(values)
    lock.unlock()
  }

  func contains(_ host: String) -> Bool {
    lock.lock()
    defer { lock.unlock() }
    return hosts.contains(host.lowercased())
  }
}

/// Answers 405, with the method it takes, a request for one of the routes with another method:
/// the path exists, so "not found" would mislead.
struct MethodCheck<Context: RequestContext>: RouterMiddleware {
  let allowed: [String: HTTPRequest.Method]

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
    if let method = allowed[request.uri.path], request.method != method, !(method == .get && request.method == .head) {
      var response = PreviewServer.error(.methodNotAllowed, "\(request.uri.path) takes \(method.rawValue) only")
      response.headers[.allow] = method.rawValue
      return response
    }
    return try await next(request, context)
  }
}

/// Refuses any request whose Host is not the preview's own address: a page on another site that
/// resolves its name to 127.0.0.1 (DNS rebinding) gets nothing.
struct HostCheck<Context: RequestContext>: RouterMiddleware {
  let allowed: AllowedHosts

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
    guard let host = request.head.authority, allowed.contains(host) else {
      return PreviewServer.error(.misdirectedRequest, "this preview answers only at its own address")
    }
    return try await next(request, context)
  }
}
