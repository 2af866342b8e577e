import Foundation
import PatentDigest
import PatentDigestFetch
import PortalFake
import Synchronization
import Testing

/// The portal client in-process, where the waits can be made short: bounded retries, the
/// redirect rules, and the messages of each fault.
@Suite("portal client")
struct PortalClientTests {
  /// What the client told a person, kept for the test.
  final class Notices: Sendable {
    let lines = Mutex<[String]>([])
    var count: Int { lines.withLock { $0.count } }
  }

  private func client(_ portal: FakePortal, attempts: Int = 3, notices: Notices? = nil) throws -> PortalClient {
    let configuration = PortalClient.Configuration(
      apiBase: portal.apiBase, attempts: attempts, minimumWait: .milliseconds(10), longestWait: .seconds(5))
    let key = try APIKey(FetchScene.key, source: "test")
    return try PortalClient(configuration: configuration, key: key) { notice in notices?.lines.withLock { $0.append(notice) } }
  }

  @Test("a 429 storm: the set number of tries, each after a wait, then a line saying when to try again")
  func rateLimitStorm() async throws {
    let portal = try await FakePortal.start(key: FetchScene.key, files: [FetchScene.grantFile()])
    portal.queue(.tooManyRequests(retryAfter: nil), on: .listing(product: "PTGRXML"), times: 10)
    let client = try client(portal, attempts: 3)
    await #expect {
      _ = try await client.listing(of: .grants, from: "2026-11-22", to: "2026-11-28")
    } throws: { error in
      guard let error = error as? FetchError else { return false }
      return error.kind == .tryLater && error.message.contains("(429), 3 times in a row")
        && error.message.contains("try again after")
    }
    #expect(portal.requests.count == 3)
    await client.shutdown()
    await portal.stop()
  }

  @Test("server errors are retried like a 429; then the listing arrives")
  func serverErrorsRetried() async throws {
    let portal = try await FakePortal.start(key: FetchScene.key, files: [FetchScene.grantFile()])
    portal.queue(.status(503, body: "{}"), on: .listing(product: "PTGRXML"), times: 2)
    let notices = Notices()
    let client = try client(portal, attempts: 3, notices: notices)
    let listing = try await client.listing(of: .grants, from: "2026-11-22", to: "2026-11-28")
    #expect(listing.files.map(\.fileName) == ["ipg261124.zip"])
    #expect(notices.count == 2)
    await client.shutdown()
    await portal.stop()
  }

  @Test("Retry-After as seconds or as an HTTP date")
  func retryAfterForms() async throws {
    let portal = try await FakePortal.start(key: FetchScene.key, files: [FetchScene.grantFile()])
    let later = Date().addingTimeInterval(3 * 3600)
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
    portal.queue(.tooManyRequests(retryAfter: formatter.string(from: later)), on: .listing(product: "PTGRXML"))
    let client = try client(portal)
    await #expect {
      _ = try await client.listing(of: .grants, from: "2026-11-22", to: "2026-11-28")
    } throws: { error in
      (error as? FetchError)?.message.contains("asks to wait 2 h 59 min") == true
        || (error as? FetchError)?.message.contains("asks to wait 3 h 0 min") == true
    }
    await client.shutdown()
    await portal.stop()
  }

  @Test("an address that is not http or https, and a portal that cannot be reached")
  func badAddresses() async throws {
    let key = try APIKey(FetchScene.key, source: "test")
    #expect(throws: FetchError.self) { try PortalClient(configuration: .init(apiBase: "ftp://example.org"), key: key) { _ in } }
    #expect(throws: FetchError.self) {
      try PortalClient(configuration: .init(apiBase: "https://api.uspto.gov/some/path"), key: key) { _ in }
    }
    // A port nothing listens on.
    let client = try PortalClient(
      configuration: .init(apiBase: "http://127.0.0.1:9", connectTimeout: .seconds(2)), key: key
    ) { _ in }
    await #expect {
      _ = try await client.listing(of: .grants, from: "2026-11-22", to: "2026-11-28")
    } throws: { error in
      guard let error = error as? FetchError else { return false }
      return error.kind == .unreachable && error.message.contains("cannot reach 127.0.0.1")
    }
    await client.shutdown()
  }

  @Test("the key: never in its description; empty or spaced keys refused")
  func keyText() throws {
    let key = try APIKey("abc123", source: "test")
    #expect("\(key)" == "[API key]" && String(reflecting: key) == "[API key]")
    #expect(throws: FetchError.self) { try APIKey("  \n", source: "USPTO_API_KEY") }
    #expect(throws: FetchError.self) { try APIKey("two words", source: "USPTO_API_KEY") }
  }
}
