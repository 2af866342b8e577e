import Foundation
public import PatentDigest

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Gets a publishing week's files into a folder: the grant file of its Tuesday and the
/// application file of its Thursday, each at its latest revision, downloading only what the
/// folder does not already hold complete (a key may download a file only about 20 times a year).
public struct WeekFetcher: Sendable {
  public typealias Product = PortalListing.WeeklyFeed.Product

  /// What happened, for a person to read; the command prints each on stderr.
  public enum Event: Sendable {
    case waiting(String)
    case removedLeftover(path: String)
    case alreadyPresent(path: String, bytes: Int)
    case downloaded(path: String, bytes: Int, seconds: Double)
    case replacedRevision(old: String, new: String)
    case refetching(path: String, reason: String)
    /// A file whose size is not the listing's, kept because it reads as an intact zip.
    case keptDespiteListedSize(path: String, bytes: Int, listed: Int)
    case skippedListing(name: String, reason: String)
    case progress(name: String, received: Int, total: Int?, seconds: Double)
  }

  /// One file the folder now holds.
  public struct File: Sendable, Hashable {
    public var product: Product
    public var path: String
    public var feed: PortalListing.WeeklyFeed
  }

  /// The week fetched: its files (grants first) and the products the portal listed nothing for.
  public struct Result: Sendable {
    public var week: PublishingWeek
    public var files: [File]
    public var missing: [Product]
  }

  public var client: PortalClient
  public var folder: String
  public var products: [Product]

  public init(client: PortalClient, folder: String, products: [Product] = [.grants, .applications]) {
    self.client = client
    self.folder = folder
    self.products = products
  }

  /// How far back the latest week is looked for when no week is named.
  public static let weeksSearched = 5

  /// Fetches `week`, or without one the latest week the portal lists every product for.
  public func fetch(week: PublishingWeek?, event: @escaping @Sendable (Event) -> Void) async throws(FetchError) -> Result {
    let downloadFolder = try DownloadFolder(folder) { event(.waiting($0)) }
    for leftover in downloadFolder.removeLeftovers() { event(.removedLeftover(path: "\(downloadFolder.path)/\(leftover)")) }
    let (chosenWeek, listed) = try await choose(week: week, event: event)
    var files: [File] = []
    var missing: [Product] = []
    for product in products {
      let entries = listed[product, default: []].filter { chosenWeek.contains($0.feed.date) }
      if entries.isEmpty { missing.append(product) }
      // Oldest date first; a holiday can move a file to another day of the week.
      for entry in entries.reversed() {
        files.append(try await obtain(entry.feed, entry.file, in: downloadFolder, event: event))
      }
    }
    if files.isEmpty {
      throw FetchError(
        .nothingListed,
        "the portal lists no \(products.map(\.noun).joined(separator: " or ")) file for the week of \(chosenWeek.sunday) "
          + "to \(chosenWeek.saturday): not released yet (grants come out on Tuesdays, applications on Thursdays, "
          + "after midnight US Eastern time), or skipped for a holiday")
    }
    return Result(week: chosenWeek, files: files, missing: missing)
  }

  // MARK: Which week, which files

  private typealias Listed = [Product: [(feed: PortalListing.WeeklyFeed, file: PortalListing.File)]]

  private func choose(week: PublishingWeek?, event: @escaping @Sendable (Event) -> Void) async throws(FetchError) -> (
    PublishingWeek, Listed
  ) {
    let first = week ?? PublishingWeek.current().adding(weeks: -Self.weeksSearched)
    let last = week ?? PublishingWeek.current()
    var listed: Listed = [:]
    // One request at a time: the portal allows no more per key.
    for product in products {
      let listing = try await client.listing(of: product, from: first.sunday, to: last.saturday)
      listed[product] = usable(listing, product, event: event)
    }
    if let week { return (week, listed) }
    let weeksWithAll = products.map { product in
      Set(listed[product, default: []].compactMap { PublishingWeek(containing: $0.feed.date) })
    }
    guard
      let latest = weeksWithAll.dropFirst().reduce(weeksWithAll[0], { $0.intersection($1) }).max(by: { $0.sunday < $1.sunday })
    else {
      throw FetchError(
        .nothingListed,
        "the portal lists no week since \(first.sunday) with "
          + (products.count > 1
            ? "both the grant and the application file" : "a\(products[0] == .applications ? "n" : "") \(products[0].noun) file")
          + "; name one with --week")
    }
    return (latest, listed)
  }

  /// The listing's weekly files of `product` at their latest revision; entries whose names are
  /// not the USPTO's own form are passed over (a name is also the file's name on disk).
  private func usable(_ listing: PortalListing, _ product: Product, event: (Event) -> Void) -> [(
    feed: PortalListing.WeeklyFeed, file: PortalListing.File
  )] {
    var canonical: [PortalListing.File] = []
    for file in listing.files {
      guard let feed = file.weeklyFeed, feed.product == product else { continue }
      guard feed.canonicalFileName == file.fileName else {
        event(.skippedListing(name: file.fileName, reason: "not a weekly file name of the USPTO's form"))
        continue
      }
      guard file.fileDownloadURI?.isEmpty == false else {
        event(.skippedListing(name: file.fileName, reason: "listed without a download address"))
        continue
      }
      canonical.append(file)
    }
    return PortalListing(files: canonical).latestRevisions(of: product)
  }

  // MARK: One file

  private func obtain(
    _ feed: PortalListing.WeeklyFeed, _ file: PortalListing.File, in downloadFolder: DownloadFolder,
    event: @escaping @Sendable (Event) -> Void
  ) async throws(FetchError) -> File {
    let name = feed.canonicalFileName
    let path = "\(downloadFolder.path)/\(name)"
    if let present = downloadFolder.size(of: name) {
      if file.fileSize == nil || file.fileSize == present {
        event(.alreadyPresent(path: path, bytes: present))
        return settle(feed, at: path, in: downloadFolder, event: event)
      }
      // The listing's size may be off; a download costs one of the key's ~20 a year, so the
      // file is judged by reading it before it is fetched again.
      switch downloadFolder.checkZip(name) {
      case .success:
        event(.keptDespiteListedSize(path: path, bytes: present, listed: file.fileSize ?? 0))
        return settle(feed, at: path, in: downloadFolder, event: event)
      case .failure(let problem):
        event(
          .refetching(
            path: path,
            reason:
              "it has \(present) bytes where the portal lists \(file.fileSize ?? 0), and \(problem.reason); downloading it again")
        )
      }
    }
    if let size = file.fileSize, let free = downloadFolder.freeBytes(), free < size {
      throw FetchError(
        .cannotWrite,
        "\(downloadFolder.path) has \(free >> 20) MB free and \(name) needs \(size >> 20) MB; free some space and run again")
    }
    let partial = try PartialDownload(folder: downloadFolder.path, name: name)
    let started = ContinuousClock.now
    let bytes: Int
    do {
      bytes = try await client.download(
        file.fileDownloadURI ?? "", listedSize: file.fileSize,
        receive: { bytes throws(FetchError) in try partial.write(bytes) },
        progress: { received, total in
          event(.progress(name: name, received: received, total: total, seconds: Self.seconds(since: started)))
        })
      _ = try partial.finish()
    } catch {
      partial.discard()
      throw error
    }
    event(.downloaded(path: path, bytes: bytes, seconds: Self.seconds(since: started)))
    return settle(feed, at: path, in: downloadFolder, event: event)
  }

  /// Once the newer revision is in place, the older ones of the same date go: a folder holds one
  /// file per date, so `build DIR/*.zip` never reads a week twice.
  private func settle(
    _ feed: PortalListing.WeeklyFeed, at path: String, in downloadFolder: DownloadFolder, event: (Event) -> Void
  ) -> File {
    var removed = false
    for (name, other) in downloadFolder.weeklyFeeds().sorted(by: { $0.key < $1.key })
    where other.product == feed.product && other.date == feed.date && other.revision < feed.revision {
      let old = "\(downloadFolder.path)/\(name)"
      if unlink(old) == 0 {
        removed = true
        event(.replacedRevision(old: old, new: path))
      }
    }
    if removed { AtomicFile.syncFolder(downloadFolder.path) }
    return File(product: feed.product, path: path, feed: feed)
  }

  private static func seconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
  }
}

extension PortalListing.WeeklyFeed.Product {
  /// "grant", "application".
  public var noun: String {
    switch self {
    case .applications: "application"
    case .grants: "grant"
    }
  }
}
