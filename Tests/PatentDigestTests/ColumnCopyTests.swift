import PatentDigest
import Testing

/// The column's words from hand-made classified records: no feed, no watch list, no classifier.
@Suite("Column copy")
struct ColumnCopyTests {
  static func filing(_ number: String, title: String, brand: String?, topics: [TopicMatch]) -> ClassifiedRecord {
    ClassifiedRecord(
      record: PatentRecord(
        type: .application, publicationNumber: number, kind: "A1", publicationDate: "2026-11-26", filingDate: nil,
        applicationNumber: nil, applicationType: "utility", title: title,
        abstract: "A vehicle drives itself. A sensor watches the road.",
        assignees: [Party(name: "Waymo LLC", kind: .organization)], applicants: [], inventors: [], cpc: [], ipc: [],
        claimCount: 1, firstClaim: nil, dtdVersion: "v4.6 2022-02-17",
        source: SourcePosition(file: "hand-made", document: 0, byteOffset: 0)),
      companies: ["Alphabet"], matchedAssignee: "Waymo LLC", matchedBy: "exact", brand: brand, topics: topics,
      score: Newsworthiness(reasons: [Newsworthiness.Reason(points: 5, reason: "hand-made")]))
  }

  @Test("the headline and the blurb name the brand the record carries; the company only when it carries none")
  func brandFromTheRecord() {
    let waymo = Self.filing("US20260000001A1", title: "Self-driving vehicle routing", brand: "Waymo", topics: [])
    let copy = ColumnCopy(week: [waymo])
    #expect(copy.headline(for: waymo, company: "Alphabet").hasPrefix("Waymo wants to "))
    #expect(copy.blurb(for: waymo, company: "Alphabet").contains("Waymo describes"))
    let plain = Self.filing("US20260000002A1", title: "Self-driving vehicle routing", brand: nil, topics: [])
    #expect(ColumnCopy(week: [plain]).headline(for: plain, company: "Alphabet").hasPrefix("Alphabet wants to "))
  }

  @Test("the dek uses each topic's phrase as classification handed it over, not the topic's name")
  func dekFromTopicPhrases() {
    let topic = TopicMatch(name: "autonomous", phrase: "cars that drive themselves", consumer: true, weight: 3, reasons: [])
    let other = Self.filing("US20260000003A1", title: "Vehicle sensor cleaning", brand: "Waymo", topics: [topic])
    let copy = ColumnCopy(week: [other])
    let item = DraftItem(
      subhead: "s", blurb: "b", blurbSentences: [], publicationNumber: "US20260000003A1", publicationDate: nil,
      type: .application,
      applicationType: "utility", company: "Alphabet", assignee: "Waymo LLC", topics: ["autonomous"], link: "", score: 5,
      scoreReasons: [], title: "t")
    let dek = copy.dek(sections: [DraftSection(company: "Alphabet", items: [item])], lead: nil)
    #expect(dek == "Also this week: cars that drive themselves, and more patents from Big Tech.")
  }
}
