import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
public import PatentDigest

/// Every HTTP exchange with the USPTO Open Data Portal, and the portal's rules: the key only to
/// the portal's own host, redirects followed here (so the key never travels to the download
/// host), one request at a time, a 429 answered by waiting, bounded retries.
public final class PortalClient: Sendable {
  /// Where the portal is and how patient to be with it.
  public struct Configuration: Sendable {
    /// The portal's address: scheme, host and port (`https://api.uspto.gov`).
    public var apiBase: String
    /// Requests made for one URL before giving up on 429 and 5xx answers.
    public var attempts: Int
    /// The least time waited after a 429, whatever `Retry-After` says (the portal asks for 5 s).
    public var minimumWait: Duration
    /// A `Retry-After` longer than this ends the fetch at once, saying when to try again.
    public var longestWait: Duration
    /// How long a silent connection is given before the transfer is abandoned.
    public var readTimeout: Duration
    /// How long connecting may take, refused connections retried meanwhile.
    public var connectTimeout: Duration

    public static let defaultAPIBase = "https://api.uspto.gov"

    public init(
      apiBase: String = Configuration.defaultAPIBase, attempts: Int = 5, minimumWait: Duration = .seconds(5),
      longestWait: Duration = .seconds(120), readTimeout: Duration = .seconds(60), connectTimeout: Duration = .seconds(30)
    ) {
      self.connectTimeout = connectTimeout
      self.apiBase = apiBase
      self.attempts = attempts
      self.minimumWait = minimumWait
      self.longestWait = longestWait
      self.readTimeout = readTimeout
    }
  }

  private let http: HTTPClient
  private let key: APIKey
  private let configuration: Configuration
  private let apiOrigin: Origin
  /// Hears what a person should know while it happens (waiting after a 429).
  private let notice: @Sendable (String) -> Void

  public init(configuration: Configuration, key: APIKey, notice: @escaping @Sendable (String) -> Void) throws(FetchError) {
    guard let base = URL(string: configuration.apiBase), let origin = Origin(base), base.path.isEmpty || base.path == "/",
      base.query == nil
    else {
      throw FetchError(
        .unexpectedAnswer, "--api-base \(configuration.apiBase) is not a portal address like https://api.uspto.gov")
    }
    self.configuration = configuration
    self.key = key
    self.notice = notice
    apiOrigin = origin
    var httpConfiguration = HTTPClient.Configuration()
    httpConfiguration.redirectConfiguration = .disallow
    httpConfiguration.timeout = .init(
      connect: .milliseconds(configuration.connectTimeout.milliseconds),
      read: .milliseconds(configuration.readTimeout.milliseconds))
    httpConfiguration.decompression = .disabled
    http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: httpConfiguration)
  }

  /// Ends the client's connections; call once, when done.
  public func shutdown() async {
    try? await http.shutdown()
  }

  // MARK: The listing

  /// The product's files whose data dates fall between `from` and `to` (YYYY-MM-DD).
  public func listing(of product: PortalListing.WeeklyFeed.Product, from: String, to: String) async throws(FetchError)
    -> PortalListing
  {
    let url =
      "\(apiOrigin.text)/api/v1/datasets/products/\(product.portalIdentifier)"
      + "?fileDataFromDate=\(from)&fileDataToDate=\(to)&includeFiles=true"
    let response = try await send(url, what: "the \(product.portalIdentifier) listing")
    let body: ByteBuffer
    do {
      body = try await response.body.collect(upTo: Self.longestListing)
    } catch let error as NIOTooManyBytesError {
      _ = error
      throw FetchError(
        .unexpectedAnswer, "\(url): the listing is over \(Self.longestListing >> 20) MB, far more than the portal sends")
    } catch {
      throw transferFailure(error, url: url, what: "the listing")
    }
    do {
      return try PortalListing(json: Data(body.readableBytesView))
    } catch {
      throw FetchError(.unexpectedAnswer, "\(url): \(error.description)")
    }
  }

  /// A listing is about 300 bytes a file; all 1,300 grant files make 400 KB.
  static let longestListing = 32 << 20

  // MARK: Downloads

  /// Streams the file at `uri` (as the listing gives it) to `receive`, one piece at a time as
  /// it arrives, and checks that every announced byte came. Returns the byte count.
  public func download(
    _ uri: String, listedSize: Int?, receive: (UnsafeRawBufferPointer) throws(FetchError) -> Void,
    progress: (_ received: Int, _ total: Int?) -> Void = { _, _ in }
  ) async throws(FetchError) -> Int {
    let response = try await send(uri, what: "the file")
    let announced = response.headers.first(name: "Content-Length").flatMap { Int($0) }
    let expected = announced ?? listedSize
    var received = 0
    do {
      for try await piece in response.body {
        try piece.withUnsafeReadableBytes { bytes throws(FetchError) in try receive(bytes) }
        received += piece.readableBytes
        if let expected, received > expected {
          throw FetchError(
            .damagedDownload, "\(Self.name(of: uri)): the portal sent more than the \(expected) bytes it announced")
        }
        progress(received, expected)
      }
    } catch let error as FetchError {
      throw error
    } catch {
      throw transferFailure(
        error, url: uri, what: "\(Self.name(of: uri)) after \(received) of \(expected.map(String.init) ?? "?") bytes")
    }
    if let expected, received != expected {
      throw FetchError(
        .tryLater,
        "\(Self.name(of: uri)): the transfer ended after \(received) of the \(expected) bytes announced; "
          + "nothing was kept, run the same command again to start over")
    }
    return received
  }

  static func name(of uri: String) -> String {
    URL(string: uri)?.lastPathComponent ?? uri
  }

  // MARK: One request, its redirects and its retries

  /// GETs `url` and follows redirects itself, sending the key only to the portal's own origin.
  /// 429 and 5xx answers are retried after a wait; the answer returned has status 200.
  private func send(_ url: String, what: String) async throws(FetchError) -> HTTPClientResponse {
    var attempt = 1
    while true {
      var current = url
      var redirects = 0
      while true {
        guard let target = URL(string: current), let origin = Origin(target) else {
          throw FetchError(.unexpectedAnswer, "\(what): \(current) is not an http or https address")
        }
        var request = HTTPClientRequest(url: current)
        request.headers.add(name: "User-Agent", value: "patent-digest")
        if origin == apiOrigin { request.headers.add(name: "X-API-KEY", value: key.value) }
        let response: HTTPClientResponse
        do {
          response = try await http.execute(request, timeout: .hours(4))
        } catch {
          throw transferFailure(error, url: current, what: what)
        }
        let status = Int(response.status.code)
        if status == 200 { return response }
        if [301, 302, 303, 307, 308].contains(status) {
          await Self.discard(response)
          guard let location = response.headers.first(name: "Location"),
            let next = URL(string: location, relativeTo: target)?.absoluteURL
          else {
            throw FetchError(.unexpectedAnswer, "\(what): \(current) answered \(status) without a usable Location")
          }
          if target.scheme == "https" && next.scheme != "https" {
            throw FetchError(.unexpectedAnswer, "\(what): \(current) redirected to plain http (\(next.host ?? "?")); refused")
          }
          redirects += 1
          if redirects > Self.mostRedirects {
            throw FetchError(
              .unexpectedAnswer,
              "\(what): \(url) redirected more than \(Self.mostRedirects) times (a redirect loop); try again later")
          }
          current = next.absoluteString
          continue
        }
        let detail = await portalMessage(response)
        switch status {
        case 429, 500, 502, 503, 504:
          let asked = Self.retryAfter(response.headers)
          let wait = max(asked ?? configuration.minimumWait, configuration.minimumWait)
          let reason = status == 429 ? "the portal is limiting this key's requests (429)" : "the portal answered \(status)"
          if wait > configuration.longestWait {
            throw FetchError(
              .tryLater, "\(what): \(reason) and asks to wait \(Self.text(wait)); try again after \(Self.clock(after: wait))")
          }
          if attempt >= configuration.attempts {
            throw FetchError(
              .tryLater,
              "\(what): \(reason), \(attempt) times in a row\(detail.map { " (\($0))" } ?? ""); "
                + "try again after \(Self.clock(after: .seconds(600)))")
          }
          notice("\(what): \(reason); waiting \(Self.text(wait)) (attempt \(attempt + 1) of \(configuration.attempts))")
          do {
            try await Task.sleep(for: wait)
          } catch {
            throw FetchError(.tryLater, "\(what): stopped while waiting to try again")
          }
          attempt += 1
        case 401 where origin == apiOrigin:
          throw FetchError(
            .keyRejected,
            "\(what): the portal asks for an API key (401)\(detail.map { ": \($0)" } ?? ""); check \(APIKey.environmentVariable) or --api-key-file"
          )
        case 403 where origin == apiOrigin:
          throw FetchError(
            .keyRejected,
            "\(what): the portal refused the API key (403)\(detail.map { ": \($0)" } ?? ""); check that the key is current at https://data.uspto.gov/myodp"
          )
        case 401, 403:
          throw FetchError(
            .tryLater,
            "\(what): the download host refused its signed link (\(status))\(detail.map { ": \($0)" } ?? ""); run again for a fresh link"
          )
        case 404:
          throw FetchError(.unexpectedAnswer, "\(what): \(current) is not on the portal (404)\(detail.map { ": \($0)" } ?? "")")
        default:
          throw FetchError(.unexpectedAnswer, "\(what): \(current) answered \(status)\(detail.map { ": \($0)" } ?? "")")
        }
        break
      }
    }
  }

  static let mostRedirects = 5

  /// Reads what is left of an answer not used, so the connection can be reused.
  private static func discard(_ response: HTTPClientResponse) async {
    _ = try? await response.body.collect(upTo: 1 << 16)
  }

  /// The portal's own words from an error answer (`{code, error, errorDetails,
  /// requestIdentifier}`), as one short line with the key blanked out; nil when there are none.
  private func portalMessage(_ response: HTTPClientResponse) async -> String? {
    guard let body = try? await response.body.collect(upTo: 1 << 16), body.readableBytes > 0 else { return nil }
    struct PortalError: Decodable {
      var code: Int?
      var error: String?
      var errorDetails: String?
      var requestIdentifier: String?
      var message: String?
    }
    let data = Data(body.readableBytesView)
    var text: String
    if let error = try? JSONDecoder().decode(PortalError.self, from: data) {
      let words = [error.error, error.errorDetails, error.message].compactMap { $0 }.filter { !$0.isEmpty }
      guard !words.isEmpty else { return nil }
      text = words.joined(separator: ": ")
      if let id = error.requestIdentifier { text += " (request \(id))" }
    } else {
      return nil
    }
    text = key.redacting(text).withVisibleControlCharacters
    return text.count > 300 ? String(text.prefix(300)) + "…" : text
  }

  /// What went wrong below HTTP, as a line.
  private func transferFailure(_ error: any Error, url: String, what: String) -> FetchError {
    let host = URL(string: url)?.host ?? url
    let said = key.redacting(String(describing: error))
    if let error = error as? HTTPClientError {
      switch error {
      case .connectTimeout:
        return FetchError(
          .unreachable, "\(what): cannot reach \(host): the connection timed out; check the network or --api-base")
      case .readTimeout:
        return FetchError(
          .tryLater, "\(what): \(host) went silent for \(Self.text(configuration.readTimeout)); nothing was kept, run again later"
        )
      case .remoteConnectionClosed, .cancelled:
        return FetchError(.tryLater, "\(what): \(host) closed the connection; nothing was kept, run again later")
      case .deadlineExceeded:
        return FetchError(.tryLater, "\(what): \(host) took more than 4 hours; nothing was kept, run again later")
      default:
        break
      }
    }
    if said.contains("connectionRefused") || said.contains("Connection refused") || said.contains("NIOConnectionError")
      || said.contains("lookup") || said.contains("resolve")
    {
      return FetchError(.unreachable, "\(what): cannot reach \(host) (\(said.prefix(160))); check the network or --api-base")
    }
    if said.contains("SSL") || said.contains("TLS") || said.contains("certificate") {
      return FetchError(.unreachable, "\(what): no secure connection to \(host) (\(said.prefix(160)))")
    }
    return FetchError(
      .tryLater, "\(what): the transfer from \(host) failed (\(said.prefix(160))); nothing was kept, run again later")
  }

  /// `Retry-After` in seconds or as an HTTP date.
  static func retryAfter(_ headers: HTTPHeaders) -> Duration? {
    guard let value = headers.first(name: "Retry-After")?.trimmingCharacters(in: .whitespaces) else { return nil }
    if let seconds = Int(value) { return .seconds(max(0, seconds)) }
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
    guard let date = formatter.date(from: value) else { return nil }
    return .seconds(max(0, Int(date.timeIntervalSinceNow.rounded(.up))))
  }

  static func text(_ duration: Duration) -> String {
    let seconds = Int(duration.components.seconds)
    if seconds < 120 { return "\(seconds) s" }
    if seconds < 7200 { return "\(seconds / 60) min" }
    return "\(seconds / 3600) h \(seconds % 3600 / 60) min"
  }

  /// The UTC clock time `duration` from now.
  static func clock(after duration: Duration) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
    return formatter.string(from: Date().addingTimeInterval(Double(duration.components.seconds) + 59))
  }
}

extension Duration {
  var milliseconds: Int64 { components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000 }
}

/// An address's scheme, host and port: the key goes only where all three are the portal's.
struct Origin: Hashable, Sendable {
  var scheme: String
  var host: String
  var port: Int

  init?(_ url: URL) {
    guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", let host = url.host?.lowercased(),
      !host.isEmpty
    else { return nil }
    self.scheme = scheme
    self.host = host
    port = url.port ?? (scheme == "https" ? 443 : 80)
  }

  var text: String {
    let defaultPort = scheme == "https" ? 443 : 80
    return "\(scheme)://\(host.contains(":") ? "[\(host)]" : host)\(port == defaultPort ? "" : ":\(port)")"
  }
}

extension PortalListing.WeeklyFeed.Product {
  /// The portal's name for the product: APPXML, PTGRXML.
  public var portalIdentifier: String {
    switch self {
    case .applications: "APPXML"
    case .grants: "PTGRXML"
    }
  }
}
