import ArgumentParser
import Foundation
import PatentDigest
import PatentDigestFetch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Which of the week's files to fetch.
enum ProductChoice: String, ExpressibleByArgument, CaseIterable {
  case applications, grants

  var product: PortalListing.WeeklyFeed.Product { self == .grants ? .grants : .applications }
}

/// Where the week's files come from and go: shared by `fetch` and `weekly`.
struct FetchOptions: ParsableArguments {
  @Option(help: ArgumentHelp("Folder the week's files are kept in (created if missing).", valueName: "DIR"))
  var into: String

  @Option(
    help: ArgumentHelp(
      "Any date of the week to fetch (Sunday to Saturday), as YYYY-MM-DD; default: the latest week whose files are released.",
      valueName: "DATE"))
  var week: String?

  @Option(help: "Fetch only this product: applications or grants (default: both).")
  var product: ProductChoice?

  @Option(
    name: .customLong("api-key-file"),
    help: ArgumentHelp(
      "File holding the Open Data Portal API key (default: the USPTO_API_KEY environment variable).", valueName: "FILE"))
  var apiKeyFile: String?

  @Option(
    name: .customLong("api-base"),
    help: ArgumentHelp("The portal's address (for a mirror or a test portal).", valueName: "URL"))
  var apiBase = PortalClient.Configuration.defaultAPIBase

  func validate() throws {
    if let week, PublishingWeek(containing: week) == nil {
      throw ValidationError("--week takes a date as YYYY-MM-DD, such as 2026-11-24; not '\(week)'.")
    }
    if into.isEmpty { throw ValidationError("--into needs a folder.") }
  }

  var products: [PortalListing.WeeklyFeed.Product] { product.map { [$0.product] } ?? [.grants, .applications] }

  /// Fetches the week into `--into`, telling a person on stderr what it does; the files'
  /// paths are the caller's to print.
  func fetchWeek(quiet: Bool) async throws -> WeekFetcher.Result {
    // A write past a size limit or into a closed pipe must be an error we report, not a signal
    // that kills the process before it can clean up.
    signal(SIGXFSZ, SIG_IGN)
    signal(SIGPIPE, SIG_IGN)
    let key = try APIKey.load(file: apiKeyFile)
    let client = try PortalClient(configuration: .init(apiBase: apiBase), key: key) { StandardError.print($0) }
    let progress = ProgressLine()
    let fetcher = WeekFetcher(client: client, folder: into, products: products)
    do {
      let result = try await fetcher.fetch(week: week.flatMap(PublishingWeek.init(containing:))) { event in
        Self.tell(event, quiet: quiet, progress: progress)
      }
      await client.shutdown()
      return result
    } catch {
      progress.clear()
      await client.shutdown()
      throw error
    }
  }

  private static func tell(_ event: WeekFetcher.Event, quiet: Bool, progress: ProgressLine) {
    switch event {
    case .progress(let name, let received, let total, let seconds):
      progress.show(final: received == total) {
        let rate = seconds > 0 ? Double(received) / seconds : 0
        var text = "\(name): \(ProgressLine.megabytes(received))"
        if let total { text += " of \(ProgressLine.megabytes(total))" }
        text += String(format: ", %.1f MB/s", rate / 1_048_576)
        if let total, rate > 0 { text += ", \(Int((Double(total - received) / rate).rounded(.up))) s left" }
        return text
      }
      return
    case .waiting(let message):
      progress.clear()
      StandardError.print(message)
      return
    case .refetching(let path, let reason):
      progress.clear()
      StandardError.print("\(path): \(reason)")
      return
    case .skippedListing(let name, let reason):
      StandardError.print("warning: the listing's \(name) was passed over: \(reason)")
      return
    default: break
    }
    progress.clear()
    guard !quiet else { return }
    switch event {
    case .removedLeftover(let path): StandardError.print("removed \(path), left by an interrupted download")
    case .alreadyPresent(let path, let bytes): StandardError.print("\(path): already here (\(Self.megabytes(bytes)))")
    case .keptDespiteListedSize(let path, let bytes, let listed):
      StandardError.print(
        "\(path): already here (\(Self.megabytes(bytes)); the portal lists \(listed) bytes, but the zip reads intact)")
    case .downloaded(let path, let bytes, let seconds):
      StandardError.print(
        "\(path): downloaded \(Self.megabytes(bytes)) in \(String(format: "%.1f", seconds)) s, zip checked")
    case .replacedRevision(let old, let new): StandardError.print("\(new) replaces the older revision \(old) (removed)")
    default: break
    }
  }

  static func megabytes(_ bytes: Int) -> String {
    bytes >= 1 << 20 ? String(format: "%.1f MB", Double(bytes) / 1_048_576) : "\(bytes) bytes"
  }
}
