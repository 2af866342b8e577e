import Testing

@testable import PatentDigest

/// The hard cases of the sample feeds (see Samples/README.md), read as a person reads them.
@Suite("Sample feeds: the hard cases")
struct SampleFeedTests {
  private let applications: FeedReadResult
  private let grants: FeedReadResult

  init() throws {
    applications = try FeedTestSupport.read(FeedTestSupport.sample("ipa261126.xml"))
    grants = try FeedTestSupport.read(FeedTestSupport.sample("ipg261124.xml"))
  }

  @Test("every document is read: 36 applications; 12 grants and a sequence listing")
  func counts() {
    #expect(applications.records.count == 36)
    #expect(applications.failures.isEmpty)
    #expect(grants.records.count == 12)
    #expect(grants.summary.sequenceListings == 1)
  }

  @Test("MathML in an abstract reads as a formula")
  func mathML() throws {
    let record = try #require(applications.record("US20260381512A1"))
    #expect(record.abstract?.contains("expressed as x^2 + y^2 ≥ (n sin θ_c)^2 in normalized k-space") == true)
  }

  @Test("an in-line formula keeps its text, with no processing-instruction leftovers")
  func inlineFormula() throws {
    let record = try #require(applications.record("US20260380243A1"))
    let abstract = try #require(record.abstract)
    #expect(abstract.contains("1.05≦nROH/nAA≦1.25"))
    #expect(!abstract.contains("in-line-formulae"))
  }

  @Test("a table in an abstract is left out, the words around it kept")
  func tableLeftOut() throws {
    let record = try #require(applications.record("US20260382655A1"))
    #expect(record.abstract?.contains("with the compositions summarized below: The film has a 2% secant modulus") == true)
  }

  @Test("numeric character references in titles; & in names")
  func references() throws {
    #expect(applications.record("US20260381914A1")?.title == "Unmanned aerial vehicle\u{2014}tethered package release mechanism")
    #expect(applications.record("US20260380634A1")?.title.contains("\u{201C}ZOMBIE\u{201D}") == true)
    #expect(applications.record("US20260380298A1")?.assignees.first?.name == "Johnson & Smith Instruments GmbH")
    #expect(applications.record("US20260380519A1")?.title.hasPrefix("Handheld crème brûlée torch") == true)
  }

  @Test("the applicant-assignee counts as the assignee when the document has no assignees block")
  func applicantAssignee() throws {
    let record = try #require(applications.record("US20260381733A1"))
    #expect(record.assignees.map(\.name) == ["Waymo LLC"])
    #expect(record.assignees.first?.authorityCategory == "assignee")
  }

  @Test("a joint filing keeps both assignees in order")
  func jointFiling() throws {
    #expect(applications.record("US20260380421A1")?.assignees.map(\.name) == ["Google LLC", "Samsung Electronics Co., Ltd."])
  }

  @Test("accented names arrive as UTF-8")
  func accentedNames() throws {
    let names =
      (applications.record("US20260380298A1")?.inventors ?? []) + (applications.record("US20260380519A1")?.inventors ?? [])
    #expect(names.contains { $0.name == "Zoë Müller" })
    #expect(names.contains { $0.name.contains("Ñúñez") })
  }

  @Test(
    "a claim nested three levels deep reads as one text, every part in order",
    .enabled(if: FeedTestSupport.corpusAvailable, FeedTestSupport.corpusMissing))
  func nestedClaim() throws {
    let claim = try #require(applications.record("US20260380466A1")?.firstClaim)
    #expect(claim.hasPrefix("1. A method"))
    #expect(!claim.contains("  "))
    #expect(!claim.contains("<"))
    let real = try #require(
      try FeedTestSupport.read(FeedTestSupport.corpusFile("grants/US11646472B2.xml")).records.first?.firstClaim)
    #expect(real.hasPrefix("1. A method of making a battery cell, comprising: providing a protected lithium metal electrode"))
    #expect(
      real.hasSuffix(
        "contacting the substantially impervious second layer of the protected lithium metal electrode with seawater to provide a cathode for the cell."
      ))
  }

  @Test("the declaration in the middle of a line starts its own document")
  func declarationMidLine() throws {
    let record = try #require(applications.record("US20260381856A1"))
    #expect(record.title.hasPrefix("Robotic sorting of recyclable materials"))
  }

  @Test("grants: designs without abstract, a reissue, a plant patent")
  func grantKinds() throws {
    let design = try #require(grants.record("USD1098765S1"))
    #expect(design.abstract == nil && design.applicationType == "design" && design.claimCount == 1)
    #expect(grants.record("USRE050123E")?.applicationType == "reissue")
    #expect(grants.record("USPP037123P3")?.applicationType == "plant")
    #expect(grants.record("USRE050123E")?.relatedDocuments.contains("reissue") == true)
  }

  @Test("CPC: the main symbol first and marked, further ones after")
  func cpcOrder() throws {
    let record = try #require(applications.record("US20260381377A1"))
    #expect(record.cpc.first?.main == true)
    #expect(record.cpc.dropFirst().allSatisfy { !$0.main })
    #expect(record.cpc.count == 9)
  }
}
