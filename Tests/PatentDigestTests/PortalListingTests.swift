import Foundation
import PatentDigest
import Testing

/// The Open Data Portal's listing (groundwork for issue 13's `fetch`), on a real listing.
@Suite("Portal listing")
struct PortalListingTests {
  static let listingFile = FeedTestSupport.corpus.appendingPathComponent("portal/ODP-PTGRXML-product-files.json")

  @Test(
    "weekly feed names: product, data date, revision compared as a number; anything else is not a feed",
    arguments: [
      ("ipg260106.zip", "ipg", "2026-01-06", 0), ("ipg260106_r2.zip", "ipg", "2026-01-06", 2),
      ("ipa261126_r10.zip", "ipa", "2026-11-26", 10), ("IPG251223_R1.ZIP", "ipg", "2025-12-23", 1),
    ])
  func names(name: String, product: String, date: String, revision: Int) throws {
    let feed = try #require(PortalListing.WeeklyFeed(fileName: name))
    #expect(feed.product.rawValue == product && feed.date == date && feed.revision == revision)
  }

  @Test(
    "not weekly feeds",
    arguments: [
      "us-patent-grant-v47-2022-02-17.dtd", "ipg260106.xml", "ipg2601.zip", "ipg261306.zip", "ipg260106_r0.zip",
      "ipg260106_rx.zip", "ipg260106-r1.zip", "pg260106.zip",
    ])
  func notFeeds(name: String) {
    #expect(PortalListing.WeeklyFeed(fileName: name) == nil)
  }

  @Test(
    "on a real listing: one file a date, the highest revision, DTDs passed over, newest first",
    .enabled(if: FeedTestSupport.corpusAvailable, FeedTestSupport.corpusMissing))
  func realListing() throws {
    let listing = try PortalListing(json: Data(contentsOf: Self.listingFile))
    #expect(listing.files.count == 1301)
    let latest = listing.latestRevisions(of: .grants)
    let dates = latest.map(\.feed.date)
    #expect(Set(dates).count == dates.count)
    #expect(dates == dates.sorted(by: >))
    #expect(latest.first?.file.fileName == "ipg260602.zip")
    #expect(latest.first { $0.feed.date == "2026-01-06" }?.file.fileName == "ipg260106_r2.zip")
    #expect(latest.first { $0.feed.date == "2026-04-14" }?.file.fileName == "ipg260414_r1.zip")
    #expect(latest.allSatisfy { $0.file.fileName.hasSuffix(".zip") })
    #expect(listing.latestRevisions(of: .applications).isEmpty)
  }

  @Test("a listing that is not the portal's JSON says what is wrong, on one line")
  func notAListing() {
    for (text, message) in [
      ("<html>rate limited</html>", "the listing is not the portal's JSON"),
      ("{\"count\": 0}", "no `bulkDataProductBag`"),
      ("{\"bulkDataProductBag\": [{\"productFileBag\": {\"fileDataBag\": [{\"fileSize\": 1}]}}]}", "fileName is missing"),
    ] {
      #expect {
        try PortalListing(json: Data(text.utf8))
      } throws: { error in
        "\(error)".contains(message) && !"\(error)".contains("\n")
      }
    }
  }

  @Test(
    "the publishing week (Sunday to Saturday) of a date: grants on its Tuesday, applications on its Thursday",
    arguments: [
      ("2026-11-26", "2026-11-22", "2026-11-24", "2026-11-26"), ("2026-11-22", "2026-11-22", "2026-11-24", "2026-11-26"),
      ("2026-11-28", "2026-11-22", "2026-11-24", "2026-11-26"), ("2026-01-01", "2025-12-28", "2025-12-30", "2026-01-01"),
      ("2024-02-29", "2024-02-25", "2024-02-27", "2024-02-29"),
    ])
  func week(date: String, sunday: String, tuesday: String, thursday: String) throws {
    let week = try #require(PublishingWeek(containing: date))
    #expect(week.sunday == sunday && week.tuesday == tuesday && week.thursday == thursday)
    #expect(week.date(of: .grants) == tuesday && week.date(of: .applications) == thursday)
  }

  @Test("not a date: no week")
  func notADate() {
    for text in ["2026-02-30", "2026-13-01", "26-11-26", "yesterday"] { #expect(PublishingWeek(containing: text) == nil) }
  }
}
