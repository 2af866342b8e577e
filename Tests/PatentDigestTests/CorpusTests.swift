import Foundation
import PatentDigest
import Testing

/// The reader over the real USPTO documents of the shared corpus, checked against values read by
/// hand from the XML.
@Suite("Real USPTO documents", .enabled(if: FeedTestSupport.corpusAvailable, FeedTestSupport.corpusMissing))
struct CorpusTests {
  @Test("every corpus file is read with no failure, the pre-2005 formats too")
  func everyFile() throws {
    let files = [
      "applications/US20050004437A1.xml", "applications/US20060288462A1.xml", "applications/US20110039701A1.xml",
      "applications/US20180000016A1.xml", "applications/US20220159901A1.xml", "applications/ipa130117.excerpt-2docs.xml",
      "grants/US06857133B2.xml", "grants/US07272630B2.xml", "grants/US07521048B2.xml",
      "grants/US07521048B2.sequence-cwu.xml", "grants/US11646472B2.xml", "grants/ipg050104.excerpt-25docs.xml",
      "grants/ipg090106.excerpt-25docs.xml", "grants/ipg120327.excerpt-196docs.xml", "legacy/US20010000002A1.xml",
      "legacy/pg020507.excerpt-ten.xml",
    ]
    let result = try FeedTestSupport.read(files.map(FeedTestSupport.corpusFile))
    #expect(result.failures.isEmpty, "\(result.failures)")
    #expect(result.inputErrors.isEmpty, "\(result.inputErrors)")
    #expect(result.records.count == 1 + 1 + 1 + 1 + 1 + 2 + 1 + 1 + 1 + 0 + 1 + 25 + 25 + 196 + 1 + 10)
    #expect(result.summary.sequenceListings == 1)
    for record in result.records {
      #expect(record.publicationNumber.hasPrefix("US"))
      #expect(!record.title.isEmpty, "\(record.publicationNumber) has no title")
      #expect(record.claimCount >= 1, "\(record.publicationNumber) has no claims")
      #expect(record.publicationDate != nil)
      #expect(!(record.abstract ?? "").contains("<"), "markup left in the abstract of \(record.publicationNumber)")
      #expect(!(record.firstClaim ?? "").contains("<"), "markup left in the first claim of \(record.publicationNumber)")
    }
  }

  @Test("application v4.5 with an individual applicant and PCT data")
  func applicationV45() throws {
    let record = try #require(
      try FeedTestSupport.read(FeedTestSupport.corpusFile("applications/US20220159901A1.xml")).records.first)
    #expect(record.type == .application)
    #expect(record.publicationNumber == "US20220159901A1")
    #expect(record.kind == "A1")
    #expect(record.publicationDate == "2022-05-26")
    #expect(record.filingDate == "2019-09-19")
    #expect(record.applicationNumber == "17437086")
    #expect(record.applicationType == "utility")
    #expect(record.title == "SEED DISTRIBUTOR USED FOR AGRICULTURAL MACHINES")
    #expect(record.dtdVersion == "v4.5 2021-08-30")
    #expect(record.assignees.isEmpty)
    #expect(record.applicants.map(\.name) == ["Ariel Alberto Antonio Spinsanti"])
    #expect(record.applicants.first?.kind == .person)
    #expect(record.applicants.first?.country == "AR")
    #expect(record.applicants.first?.city == "Provincia Santa Fe")
    #expect(record.inventors.map(\.lastName) == ["Spinsanti"])
    #expect(record.cpc == [Classification(symbol: "A01C 7/04", main: true)])
    #expect(record.ipc == [Classification(symbol: "A01C 7/04", main: true)])
    #expect(record.claimCount == 6)
    #expect(record.abstract?.hasPrefix("Seed metering device applied to agricultural machines including two distal") == true)
    #expect(record.abstract?.hasSuffix("where the cylindrical gear and the annular gear performs.") == true)
    #expect(
      record.firstClaim?.hasPrefix("1. A seed metering device for an agricultural machine having a vertically arranged casing")
        == true)
    #expect(record.source.document == 1)
    #expect(record.source.byteOffset == 0)
  }

  @Test("grant v4.7: entity in the title, CPC main and further, assignee")
  func grantV47() throws {
    let record = try #require(try FeedTestSupport.read(FeedTestSupport.corpusFile("grants/US11646472B2.xml")).records.first)
    #expect(record.type == .grant)
    #expect(record.publicationNumber == "US11646472B2")
    #expect(record.publicationDate == "2023-05-09")
    #expect(record.filingDate == "2021-01-05")
    #expect(record.applicationNumber == "17248024")
    #expect(record.title == "Making lithium metal\u{2014}seawater battery cells having protected lithium electrodes")
    #expect(record.dtdVersion == "v4.7 2022-02-17")
    #expect(record.assignees.map(\.name) == ["PolyPlus Battery Company"])
    #expect(record.cpc.first?.main == true)
    #expect(record.cpc.filter(\.main).count == 1)
    #expect(record.cpc.count > 1)
    #expect(record.ipc.first == Classification(symbol: "H01M 50/46", main: true))
    #expect(record.ipc.contains(Classification(symbol: "H01M 6/34", main: false)))
    #expect(record.claimCount == 17)
  }

  @Test("the CPC main symbol of the v4.7 grant is the one marked in main-cpc")
  func grantV47MainCPC() throws {
    let record = try #require(try FeedTestSupport.read(FeedTestSupport.corpusFile("grants/US11646472B2.xml")).records.first)
    let xml = try String(contentsOfFile: FeedTestSupport.corpusFile("grants/US11646472B2.xml"), encoding: .utf8)
    let mainBlock = try #require(xml.range(of: "<main-cpc>").map { String(xml[$0.upperBound...].prefix(800)) })
    func element(_ name: String) -> String {
      guard let start = mainBlock.range(of: "<\(name)>"),
        let end = mainBlock.range(of: "</\(name)>", range: start.upperBound..<mainBlock.endIndex)
      else { return "" }
      return String(mainBlock[start.upperBound..<end.lowerBound])
    }
    let expected =
      "\(element("section"))\(element("class"))\(element("subclass")) \(element("main-group"))/\(element("subgroup"))"
    #expect(record.cpc.first?.symbol == expected)
  }

  @Test("grant v4.2 assigned to Microsoft Corporation, with its address")
  func microsoftGrant() throws {
    let record = try #require(try FeedTestSupport.read(FeedTestSupport.corpusFile("grants/US07272630B2.xml")).records.first)
    #expect(record.publicationNumber == "US07272630B2")
    #expect(
      record.title
        == "Locating potentially identical objects across multiple computers based on stochastic partitioning of workload")
    let owner = try #require(record.assignees.first)
    #expect(owner.name == "Microsoft Corporation")
    #expect(owner.kind == .organization)
    #expect(owner.role == "02")
    #expect(owner.city == "Redmond")
    #expect(owner.state == "WA")
    #expect(owner.country == "US")
    #expect(record.claimCount == 17)
  }

  @Test("application v4.1 with an assignee; v4.0 with none")
  func olderApplications() throws {
    let v41 = try #require(try FeedTestSupport.read(FeedTestSupport.corpusFile("applications/US20060288462A1.xml")).records.first)
    #expect(v41.assignees.map(\.name) == ["AMERICAN EXPRESS TRAVEL RELATED SERVICES COMPANY, INC."])
    let v40 = try #require(try FeedTestSupport.read(FeedTestSupport.corpusFile("applications/US20050004437A1.xml")).records.first)
    #expect(v40.publicationNumber == "US20050004437A1")
    #expect(v40.title == "Simulation device for playful evaluation and display of blood sugar levels")
    #expect(v40.assignees.isEmpty)
    // Before 2012 inventors were listed as applicants of type applicant-inventor.
    #expect(v40.inventors.map(\.name) == v40.applicants.filter { $0.applicantType == "applicant-inventor" }.map(\.name))
    #expect(!v40.inventors.isEmpty)
  }

  @Test("abstracts leave chemistry images and tables out and keep the words")
  func abstractsWithTablesAndChemistry() throws {
    let record = try #require(
      try FeedTestSupport.read(FeedTestSupport.corpusFile("applications/US20110039701A1.xml")).records.first)
    let abstract = try #require(record.abstract)
    #expect(
      abstract.hasPrefix(
        "The invention relates to novel compounds of the formula (I) in which X, Y, Z, A, B and G have the meanings given above, to a plurality of processes"
      ))
    #expect(!abstract.contains("  "))
    #expect(!abstract.contains("embedded image"))
    #expect(record.assignees.map(\.name) == ["Bayer CropScience AG"])
    #expect(record.claimCount == 26)
  }

  @Test("a weekly excerpt: documents numbered in feed order with byte offsets")
  func weeklyExcerpt() throws {
    let result = try FeedTestSupport.read(FeedTestSupport.corpusFile("applications/ipa130117.excerpt-2docs.xml"))
    #expect(result.records.map(\.publicationNumber) == ["US20130014308A1", "US20130014306A1"])
    #expect(result.records.map(\.source.document) == [1, 2])
    #expect(result.records[0].source.byteOffset == 0)
    #expect(result.records[1].source.byteOffset > 0)
    #expect(result.records[0].title == "TYPING-MATE")
    // An individual can be the assignee (role 04).
    #expect(result.records[0].assignees.first?.name == "Yennifer Feliciano")
    #expect(result.records[0].assignees.first?.role == "04")
  }

  @Test("a grant followed by its sequence listing: one record, one listing counted and skipped")
  func sequenceListing() throws {
    let result = try FeedTestSupport.read([
      FeedTestSupport.corpusFile("grants/US07521048B2.xml"), FeedTestSupport.corpusFile("grants/US07521048B2.sequence-cwu.xml"),
    ])
    #expect(result.records.map(\.publicationNumber) == ["US07521048B2"])
    #expect(result.summary.sequenceListings == 1)
    #expect(result.summary.documents == 2)
    #expect(result.records[0].assignees.map(\.name) == ["Amgen Inc."])
    #expect(result.records[0].claimCount == 37)
  }

  @Test("design grants have no abstract and one claim")
  func designGrants() throws {
    let result = try FeedTestSupport.read(FeedTestSupport.corpusFile("grants/ipg120327.excerpt-196docs.xml"))
    #expect(result.records.count == 196)
    let first = try #require(result.records.first)
    #expect(first.publicationNumber == "USD0656296S1")
    #expect(first.kind == "S1")
    #expect(first.applicationType == "design")
    #expect(first.title == "Ready to eat snack piece")
    #expect(first.abstract == nil)
    #expect(first.claimCount == 1)
    #expect(first.assignees.map(\.name) == ["Frito-Lay North America, Inc."])
    #expect(result.records.allSatisfy { $0.abstract == nil && $0.claimCount == 1 })
  }

  @Test("grant v4.0 weekly excerpt, with old-style IPC written the modern way")
  func grantV40() throws {
    let result = try FeedTestSupport.read(FeedTestSupport.corpusFile("grants/ipg050104.excerpt-25docs.xml"))
    #expect(result.records.count == 25)
    #expect(result.records.first?.publicationNumber == "US06836899B1")
    let single = try #require(try FeedTestSupport.read(FeedTestSupport.corpusFile("grants/US06857133B2.xml")).records.first)
    #expect(single.ipc == [Classification(symbol: "A41D 13/00", main: true)])
    #expect(single.title == "Method and apparatus for manufacturing and installing water resistant cover on a limb")
  }

  @Test("a pap v1.5 application (2001): numbers, dates, inventors, IPC, relation, abstract and claims")
  func legacyApplication() throws {
    let result = try FeedTestSupport.read(FeedTestSupport.corpusFile("legacy/US20010000002A1.xml"))
    #expect(result.failures.isEmpty)
    let record = try #require(result.records.first)
    #expect(record.type == .application)
    #expect(record.publicationNumber == "US20010000002A1" && record.kind == "A1")
    #expect(record.publicationDate == "2001-03-15" && record.filingDate == "2000-12-01")
    #expect(record.applicationNumber == "09726341")
    #expect(record.applicationType == "utility")
    #expect(record.title == "Process for detecting and correcting a fiber orientation cross direction profile change")
    #expect(record.inventors.map(\.name) == ["Wolfgang Ruf", "Hans Loser", "Ulrich Begemann", "Klaus Lehleiter"])
    #expect(record.inventors.first?.city == "Herbrachtingen-Bolheim" && record.inventors.first?.country == "DE")
    #expect(record.assignees.isEmpty)
    #expect(record.ipc == [Classification(symbol: "D21C 11/12", main: true)])
    #expect(record.cpc.isEmpty)
    #expect(record.relatedDocuments == ["division"])
    #expect(record.abstract?.hasPrefix("Process and a device for detecting a change in the fiber orientation") == true)
    #expect(record.claimCount == 33)
    #expect(record.firstClaim?.hasPrefix("1. A process for detecting a change in fiber orientation") == true)
    #expect(record.dtdVersion == "pap-v15-2001-01-31.dtd")
  }

  @Test("ST.32 v2.5 grants (2002): ten designs, an entity in a name, the assignee's role, a provisional")
  func legacyGrants() throws {
    let result = try FeedTestSupport.read(FeedTestSupport.corpusFile("legacy/pg020507.excerpt-ten.xml"))
    #expect(result.failures.isEmpty)
    #expect(result.records.map(\.publicationNumber).first == "USD0456589S1")
    #expect(result.records.map(\.publicationNumber).last == "USD0456598S1")
    #expect(result.records.allSatisfy { $0.type == .grant && $0.applicationType == "design" && $0.abstract == nil })
    let first = try #require(result.records.first)
    #expect(first.kind == "S1" && first.publicationDate == "2002-05-07" && first.filingDate == "2000-06-12")
    #expect(first.applicationNumber == "29124805")
    #expect(first.title == "Surface pattern for a portion of a knitted garment")
    #expect(
      first.inventors == [
        Party(name: "Pia Müller", kind: .person, firstName: "Pia", lastName: "Müller", city: "Vaksdal", country: "NO")
      ])
    #expect(
      first.assignees == [
        Party(
          name: "Dale of Norway AS", kind: .organization, organization: "Dale of Norway AS", role: "03", city: "Bergen",
          country: "NO")
      ])
    // A design's B511 is its Locarno class, not IPC.
    #expect(first.ipc.isEmpty)
    #expect(first.claimCount == 1)
    #expect(
      first.firstClaim
        == "The ornamental design for the surface pattern for a portion of a knitted garment, as shown and described.")
    #expect(first.dtdVersion == "ST32-US-Grant-025xml.dtd")
    let megaphone = try #require(result.record("USD0456595S1"))
    #expect(megaphone.relatedDocuments == ["us-provisional-application"])
    #expect(megaphone.inventors.map(\.name) == ["John H. Cowgill", "Charles W. Elroy, Jr."])
  }

}
