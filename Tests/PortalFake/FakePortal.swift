import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// A stand-in for the USPTO Open Data Portal on 127.0.0.1, for tests and the fetch benchmark:
/// no traffic leaves the machine. Two servers: the portal, which checks `X-API-KEY`, lists files
/// in the real listing's JSON shape and answers a file's address with a redirect; and a second
/// "download host" (addressed as `localhost`, another origin) that serves the bytes and counts
/// every request that carries the key — which must never happen.
///
/// Faults are queued per route and used once each, so a test scripts exactly what goes wrong.
public final class FakePortal: Sendable {
  /// A file the portal lists.
  public struct File: Sendable {
    public var product: String
    public var name: String
    public var dataDate: String
    public var content: Content
    /// The size the listing gives; nil: the content's own.
    public var listedSize: Int?

    public enum Content: Sendable {
      case bytes([UInt8])
      case path(String)
    }

    public init(product: String, name: String, dataDate: String, content: Content, listedSize: Int? = nil) {
      self.product = product
      self.name = name
      self.dataDate = dataDate
      self.content = content
      self.listedSize = listedSize
    }

    var size: Int {
      switch content {
      case .bytes(let bytes): bytes.count
      case .path(let path): (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
      }
    }
  }

  /// What goes wrong on the next request to a route.
  public enum Fault: Sendable {
    case status(Int, body: String)
    case tooManyRequests(retryAfter: String?)
    /// Announces the whole body, sends this many bytes, and closes the connection.
    case truncate(afterBytes: Int)
    /// Sends this many bytes, then neither sends more nor closes.
    case stall(afterBytes: Int)
    /// The portal redirects a file's address to itself.
    case redirectLoop
    /// A 200 answer with this body instead of the listing.
    case body(String)
    /// A 403 whose message repeats the key it was sent, as a careless server might.
    case echoKey
  }

  /// Routes faults can be queued on.
  public enum Route: Hashable, Sendable {
    case listing(product: String)
    case fileAddress(name: String)
    case download(name: String)
  }

  /// One request the servers saw.
  public struct Request: Sendable {
    public var onDownloadHost: Bool
    public var path: String
    public var key: String?
  }

  private struct State {
    var files: [File] = []
    var faults: [Route: [Fault]] = [:]
    var requests: [Request] = []
    var listsDownloadHost = false
  }

  public let key: String
  public let apiBase: String
  private let downloadBase: String
  private let state: Mutex<State>
  private let channels: [any Channel]

  /// Starts both servers on free ports of 127.0.0.1. With `bytesPerSecond`, the download host
  /// sends files no faster than that, as a real link would.
  public static func start(key: String, files: [File] = [], bytesPerSecond: Int? = nil) async throws -> FakePortal {
    let state = Mutex(State(files: files))
    let box = PortalBox()
    let portal = try await Self.listen(bytesPerSecond: nil) { request in
      box.portal?.answerPortal(request) ?? .plain(500, "not started")
    }
    let download = try await Self.listen(bytesPerSecond: bytesPerSecond) { request in
      box.portal?.answerDownload(request) ?? .plain(500, "not started")
    }
    let fake = FakePortal(
      key: key, apiBase: "http://127.0.0.1:\(portal.localAddress!.port!)",
      downloadBase: "http://localhost:\(download.localAddress!.port!)", state: state, channels: [portal, download])
    box.set(fake)
    return fake
  }

  private init(key: String, apiBase: String, downloadBase: String, state: consuming Mutex<State>, channels: [any Channel]) {
    self.key = key
    self.apiBase = apiBase
    self.downloadBase = downloadBase
    self.state = Mutex(state.withLock { $0 })
    self.channels = channels
  }

  public func stop() async {
    for channel in channels { try? await channel.close() }
  }

  // MARK: What tests change and read

  public func setFiles(_ files: [File]) { state.withLock { $0.files = files } }
  public func addFile(_ file: File) { state.withLock { $0.files.append(file) } }

  public func queue(_ fault: Fault, on route: Route, times: Int = 1) {
    state.withLock { $0.faults[route, default: []].append(contentsOf: Array(repeating: fault, count: times)) }
  }

  public var requests: [Request] { state.withLock { $0.requests } }

  /// From now on the listing gives the download host's address for each file itself, as a
  /// hostile or mistaken listing might: a fetch must not send the key there either.
  public func listDownloadHostAddresses() { state.withLock { $0.listsDownloadHost = true } }

  /// Requests to the download host that carried the API key: must stay empty.
  public var keyLeaks: [Request] { requests.filter { $0.onDownloadHost && $0.key != nil } }

  /// How many times the download host began sending `name`.
  public func downloads(of name: String) -> Int {
    requests.filter { $0.onDownloadHost && $0.path.hasPrefix("/signed/\(name)") && $0.key == nil }.count
  }

  private func nextFault(_ route: Route) -> Fault? {
    state.withLock { state in
      guard var queued = state.faults[route], !queued.isEmpty else { return nil }
      let fault = queued.removeFirst()
      state.faults[route] = queued
      return fault
    }
  }

  // MARK: The portal

  fileprivate func answerPortal(_ request: RawRequest) -> RawResponse {
    let key = request.headers["x-api-key"]
    state.withLock { $0.requests.append(Request(onDownloadHost: false, path: request.target, key: key)) }
    let (path, query) = request.pathAndQuery
    let parts = path.split(separator: "/").map(String.init)
    // /api/v1/datasets/products/{PRODUCT} and /api/v1/datasets/products/files/{PRODUCT}/{YEAR}/{NAME}
    guard parts.count >= 5, parts[0...3] == ["api", "v1", "datasets", "products"] else {
      return .json(404, #"{"code":404,"error":"Not Found","errorDetails":"No such endpoint","requestIdentifier":"fake-1"}"#)
    }
    let route: Route = parts[4] == "files" && parts.count == 8 ? .fileAddress(name: parts[7]) : .listing(product: parts[4])
    let fault = nextFault(route)
    if case .echoKey = fault {
      return .json(
        403, #"{"code":403,"error":"Forbidden","errorDetails":"Invalid key \#(key ?? "")","requestIdentifier":"fake-2"}"#)
    }
    guard let key else {
      return .json(401, #"{"code":401,"error":"Unauthorized","errorDetails":"Missing API key","requestIdentifier":"fake-3"}"#)
    }
    guard key == self.key else {
      return .json(403, #"{"code":403,"error":"Forbidden","errorDetails":"Invalid API key","requestIdentifier":"fake-4"}"#)
    }
    if let fault, let answer = Self.common(fault) { return answer }
    switch route {
    case .listing(let product):
      if case .body(let text) = fault { return .plain(200, text, contentType: "application/json") }
      return .json(200, listing(product: product, from: query["fileDataFromDate"], to: query["fileDataToDate"]))
    case .fileAddress(let name):
      if case .redirectLoop = fault { return .redirect(to: "\(apiBase)\(path)") }
      guard state.withLock({ $0.files.contains { $0.name == name } }) else {
        return .json(404, #"{"code":404,"error":"Not Found","errorDetails":"No such file","requestIdentifier":"fake-5"}"#)
      }
      return .redirect(to: "\(downloadBase)/signed/\(name)?X-Amz-Expires=300&X-Amz-Signature=fake")
    case .download: return .plain(500, "unreachable")
    }
  }

  private func listing(product: String, from: String?, to: String?) -> String {
    let files = state.withLock { $0.files }.filter { file in
      file.product == product && file.dataDate >= (from ?? "") && file.dataDate <= (to ?? "9999")
    }
    .sorted { ($0.dataDate, $0.name) > ($1.dataDate, $1.name) }
    let direct = state.withLock { $0.listsDownloadHost }
    let entries = files.map { file in
      let year = file.dataDate.prefix(4)
      let address =
        direct
        ? "\(downloadBase)/signed/\(file.name)" : "\(apiBase)/api/v1/datasets/products/files/\(file.product)/\(year)/\(file.name)"
      return """
        {"fileDataFromDate":"\(file.dataDate)","fileDataToDate":"\(file.dataDate)",\
        "fileDownloadURI":"\(address)",\
        "fileLastModifiedDateTime":"\(file.dataDate) 00:02:59","fileName":"\(file.name)",\
        "fileReleaseDate":"\(file.dataDate) 00:02:57","fileSize":\(file.listedSize ?? file.size),"fileTypeText":"Data"}
        """
    }
    return """
      {"count":1,"bulkDataProductBag":[{"productIdentifier":"\(product)","productFileTotalQuantity":\(files.count),\
      "productFileBag":{"count":\(files.count),"fileDataBag":[\(entries.joined(separator: ","))]}}]}
      """
  }

  // MARK: The download host

  fileprivate func answerDownload(_ request: RawRequest) -> RawResponse {
    let key = request.headers["x-api-key"]
    state.withLock { $0.requests.append(Request(onDownloadHost: true, path: request.target, key: key)) }
    if key != nil { return .plain(400, "this host never takes the portal's API key") }
    let (path, _) = request.pathAndQuery
    guard path.hasPrefix("/signed/") else { return .plain(404, "no such object") }
    let name = String(path.dropFirst("/signed/".count))
    guard let file = state.withLock({ $0.files.first { $0.name == name } }) else { return .plain(404, "no such object") }
    let fault = nextFault(.download(name: name))
    if let fault, let answer = Self.common(fault) { return answer }
    switch fault {
    case .truncate(let count): return .file(file.content, size: file.size, cutAfter: count, stall: false)
    case .stall(let count): return .file(file.content, size: file.size, cutAfter: count, stall: true)
    default: return .file(file.content, size: file.size, cutAfter: nil, stall: false)
    }
  }

  private static func common(_ fault: Fault) -> RawResponse? {
    switch fault {
    case .status(let code, let body): return .json(code, body)
    case .tooManyRequests(let retryAfter):
      return RawResponse(
        status: 429, headers: retryAfter.map { [("Retry-After", $0)] } ?? [],
        body: .bytes(Array(#"{"code":429,"error":"Too Many Requests","errorDetails":"Rate limit exceeded"}"#.utf8)))
    default: return nil
    }
  }

  // MARK: Serving raw HTTP/1.1

  private static func listen(bytesPerSecond: Int?, _ answer: @escaping @Sendable (RawRequest) -> RawResponse) async throws
    -> any Channel
  {
    try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
      .childChannelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
          try channel.pipeline.syncOperations.addHandler(RawHTTPHandler(bytesPerSecond: bytesPerSecond, answer: answer))
        }
      }
      .bind(host: "127.0.0.1", port: 0).get()
  }
}

/// Lets the servers' handlers reach the portal made after them.
private final class PortalBox: Sendable {
  private let value = Mutex<FakePortal?>(nil)
  var portal: FakePortal? { value.withLock { $0 } }
  func set(_ portal: FakePortal) { value.withLock { $0 = portal } }
}

struct RawRequest: Sendable {
  var method: String
  var target: String
  var headers: [String: String]

  var pathAndQuery: (String, [String: String]) {
    let parts = target.split(separator: "?", maxSplits: 1).map(String.init)
    var query: [String: String] = [:]
    if parts.count == 2 {
      for pair in parts[1].split(separator: "&") {
        let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
        if kv.count == 2 { query[kv[0]] = kv[1].removingPercentEncoding ?? kv[1] }
      }
    }
    return (parts.first ?? "/", query)
  }
}

struct RawResponse: Sendable {
  enum Body: Sendable {
    case bytes([UInt8])
    case file(FakePortal.File.Content, size: Int, cutAfter: Int?, stall: Bool)
  }
  var status: Int
  var headers: [(String, String)]
  var body: Body

  static func json(_ status: Int, _ text: String) -> RawResponse {
    plain(status, text, contentType: "application/json")
  }

  static func plain(_ status: Int, _ text: String, contentType: String = "text/plain") -> RawResponse {
    RawResponse(status: status, headers: [("Content-Type", contentType)], body: .bytes(Array(text.utf8)))
  }

  static func redirect(to location: String) -> RawResponse {
    RawResponse(status: 302, headers: [("Location", location)], body: .bytes([]))
  }

  static func file(_ content: FakePortal.File.Content, size: Int, cutAfter: Int?, stall: Bool) -> RawResponse {
    RawResponse(
      status: 200, headers: [("Content-Type", "application/zip")],
      body: .file(content, size: size, cutAfter: cutAfter, stall: stall))
  }
}

/// Reads one request head, answers it byte for byte as told, and closes the connection (or,
/// for a stall, leaves it open and silent).
private final class RawHTTPHandler: ChannelInboundHandler {
  typealias InboundIn = ByteBuffer
  typealias OutboundOut = IOData

  private let answer: @Sendable (RawRequest) -> RawResponse
  private let bytesPerSecond: Int?
  private var buffer: [UInt8] = []
  private var answered = false

  init(bytesPerSecond: Int?, answer: @escaping @Sendable (RawRequest) -> RawResponse) {
    self.bytesPerSecond = bytesPerSecond
    self.answer = answer
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    guard !answered else { return }
    buffer.append(contentsOf: unwrapInboundIn(data).readableBytesView)
    guard let end = headEnd() else { return }
    answered = true
    let lines = String(decoding: buffer[..<end], as: UTF8.self).components(separatedBy: "\r\n")
    let requestLine = lines.first?.split(separator: " ").map(String.init) ?? []
    var headers: [String: String] = [:]
    for line in lines.dropFirst() {
      guard let colon = line.firstIndex(of: ":") else { continue }
      headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    let request = RawRequest(
      method: requestLine.first ?? "", target: requestLine.count > 1 ? requestLine[1] : "/", headers: headers)
    respond(answer(request), context: context)
  }

  /// Sends `count` bytes of `content` no faster than `bytesPerSecond`, 256 KB at a time, then
  /// closes the connection.
  private func sendPaced(
    _ content: FakePortal.File.Content, from offset: Int, count: Int, bytesPerSecond: Int, started: NIODeadline,
    context: ChannelHandlerContext
  ) {
    let channel = context.channel
    guard offset < count, channel.isActive else {
      channel.writeAndFlush(IOData.byteBuffer(channel.allocator.buffer(capacity: 0))).whenComplete { _ in
        channel.close(promise: nil)
      }
      return
    }
    let length = min(1 << 18, count - offset)
    let piece: [UInt8]
    switch content {
    case .bytes(let bytes): piece = Array(bytes[offset..<(offset + length)])
    case .path(let path):
      guard let handle = FileHandle(forReadingAtPath: path) else { return }
      try? handle.seek(toOffset: UInt64(offset))
      piece = [UInt8]((try? handle.read(upToCount: length)) ?? Data())
      try? handle.close()
    }
    channel.writeAndFlush(IOData.byteBuffer(channel.allocator.buffer(bytes: piece)), promise: nil)
    let sent = offset + length
    let due = started + .nanoseconds(Int64(Double(sent) / Double(bytesPerSecond) * 1e9))
    context.eventLoop.scheduleTask(deadline: due) {
      self.sendPaced(content, from: sent, count: count, bytesPerSecond: bytesPerSecond, started: started, context: context)
    }
  }

  private func headEnd() -> Int? {
    guard buffer.count >= 4 else { return nil }
    for index in 0...(buffer.count - 4)
    where buffer[index] == 13 && buffer[index + 1] == 10 && buffer[index + 2] == 13 && buffer[index + 3] == 10 {
      return index
    }
    return nil
  }

  private func respond(_ response: RawResponse, context: ChannelHandlerContext) {
    let length: Int
    switch response.body {
    case .bytes(let bytes): length = bytes.count
    case .file(_, let size, _, _): length = size
    }
    var head = "HTTP/1.1 \(response.status) \(response.status == 200 ? "OK" : "Status")\r\n"
    for (name, value) in response.headers { head += "\(name): \(value)\r\n" }
    head += "Content-Length: \(length)\r\nConnection: close\r\n\r\n"
    context.write(wrapOutboundOut(.byteBuffer(context.channel.allocator.buffer(string: head))), promise: nil)
    var closeAfter = true
    switch response.body {
    case .bytes(let bytes):
      context.write(wrapOutboundOut(.byteBuffer(context.channel.allocator.buffer(bytes: bytes))), promise: nil)
    case .file(let content, let size, let cutAfter, let stall):
      let count = min(cutAfter ?? size, size)
      if let bytesPerSecond, !stall {
        context.flush()
        sendPaced(content, from: 0, count: count, bytesPerSecond: bytesPerSecond, started: .now(), context: context)
        return
      }
      switch content {
      case .bytes(let bytes):
        context.write(wrapOutboundOut(.byteBuffer(context.channel.allocator.buffer(bytes: bytes[0..<count]))), promise: nil)
      case .path(let path):
        if let handle = try? NIOFileHandle(_deprecatedPath: path) {
          let region = FileRegion(fileHandle: handle, readerIndex: 0, endIndex: count)
          context.write(wrapOutboundOut(.fileRegion(region))).whenComplete { _ in try? handle.close() }
        }
      }
      closeAfter = !stall
    }
    let channel = context.channel
    context.flush()
    if closeAfter {
      // Closing after the last write is flushed: the client sees the body (whole or cut) end.
      channel.writeAndFlush(IOData.byteBuffer(channel.allocator.buffer(capacity: 0))).whenComplete { _ in
        channel.close(promise: nil)
      }
    }
  }
}
