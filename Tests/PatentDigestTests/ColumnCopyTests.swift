import PatentDigest
import Testing

/// The column's words from hand-made classified records: no feed, no watch list, no classifier.
@Suite("Column copy")
struct ColumnCopyTests {
  static func filing(
    _ number: String, title: String, brand: String?, topics: [TopicMatch],
    abstract: String = "A vehicle drives itself. A sensor watches the road."
  ) -> ClassifiedRecord {
    ClassifiedRecord(
      record: PatentRecord(
        type: .application, publicationNumber: number, kind: "A1", publicationDate: "2026-11-26", filingDate: nil,
        applicationNumber: nil, applicationType: "utility", title: title,
        abstract: abstract,
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

  @Test(
    "each title gets the slot its shape can take: no article before what is not countable, an action as a verb",
    arguments: [
      ("In-field illumination and imaging for eye tracking", "wants to improve in-field illumination and imaging", "its work on"),
      ("Usage tracking in hybrid cloud computing systems", "wants to improve usage tracking", "its work on"),
      ("Code execution request routing", "wants to improve code execution request routing", "its work on"),
      (
        "Formula and function generation and use in electronic spreadsheets", "wants to improve formula and function",
        "its work on"
      ),
      ("Multi-phase buck-boost charger", "wants to build a multi-phase buck-boost charger", "describes a multi-phase"),
      ("Displays with silicon thin-film transistors", "wants to build displays", "describes displays"),
      ("Evaluating content items for presentation to an online system user", "wants to evaluate posts", "a way of evaluating"),
      ("Internet protocol (IP) address assignment", "(IP) address assignment", "(IP) address assignment"),
      ("UNMANNED AERIAL VEHICLE DELIVERY SYSTEM", "wants to build a drone delivery system", "describes a drone delivery system"),
    ])
  func slotsFitTheTitle(title: String, headline: String, blurb: String) {
    let record = Self.filing("US20260000009A1", title: title, brand: "Google", topics: [])
    let copy = ColumnCopy(week: [record])
    #expect(copy.headline(for: record, company: "Alphabet").contains(headline))
    #expect(copy.blurb(for: record, company: "Alphabet").contains(blurb))
    for text in [copy.headline(for: record, company: "Alphabet"), copy.blurb(for: record, company: "Alphabet")] {
      for wrong in [" a in-", " an in-", " an usage", " a usage", " a code execution", " a formula", " an internet", "(ip)"] {
        #expect(!text.lowercased().contains(wrong) || wrong == "(ip)" && text.contains("(IP)"), "\(wrong) in \(text)")
      }
    }
  }

  @Test("a long title gives a subhead of at most 8 words and a headline of at most 14, cut where a phrase ends")
  func shortSubheadsAndHeadlines() {
    let title =
      "Evaluating Content Items for Presentation to an Online System User Based in Part on One or More Parameters of the User Specified by a Third Party System"
    let record = Self.filing("US20260000010A1", title: title, brand: "Meta", topics: [])
    let copy = ColumnCopy(week: [record])
    let subhead = copy.subhead(for: record.record)
    let headline = copy.headline(for: record, company: "Meta")
    #expect(subhead.split(separator: " ").count <= 8)
    #expect(headline.split(separator: " ").count <= 14)
    let functionWords: Set<String> = ["a", "an", "the", "of", "for", "to", "in", "on", "and", "or", "by", "with"]
    for text in [subhead, headline] {
      #expect(!functionWords.contains(String(text.split(separator: " ").last!).lowercased()), "\(text)")
    }
    #expect(subhead == "Evaluating posts for presentation")
  }

  @Test("the blurb drops announcements, hedges and claim language, and says where each sentence came from")
  func blurbFromAnAbstract() {
    let abstract =
      "Systems and methods are provided for reading a pulse with a ring. In some embodiments, a ring worn on a finger has an optical sensor that measures blood flow. "
      + "The ring comprises a battery; and a processor. An app on a smartphone shows the wearer's heart rate."
    let record = Self.filing("US20260000011A1", title: "", brand: "Oura", topics: [], abstract: abstract)
    let copy = ColumnCopy(week: [record])
    let sentences = copy.blurbSentences(for: record, company: "Alphabet")
    let blurb = sentences.map(\.text).joined(separator: " ")
    for boilerplate in ["Systems and methods", "are provided", "In some embodiments", "comprises", ";"] {
      #expect(!blurb.contains(boilerplate), "\(boilerplate) in \(blurb)")
    }
    #expect(blurb.hasPrefix("In a patent filing published this week, Oura describes a way of reading a pulse with a ring."))
    #expect(blurb.contains("A ring worn on a finger has an optical sensor that measures blood flow."))
    #expect(blurb.contains("An app on a smartphone shows the wearer's heart rate."))
    #expect(sentences.map { $0.source?.sentence } == [1, 2, 4])
    #expect(sentences.allSatisfy { $0.source?.part == .abstract })
    #expect(
      sentences[1].source?.text == "In some embodiments, a ring worn on a finger has an optical sensor that measures blood flow.")
  }

  @Test("a short abstract gives a short blurb: nothing is added to reach a length")
  func noPadding() {
    let record = Self.filing("US20260000012A1", title: "Self-driving vehicle routing", brand: "Waymo", topics: [])
    let blurb = ColumnCopy(week: [record]).blurb(for: record, company: "Alphabet")
    #expect(
      blurb
        == "In a patent filing published this week, Waymo describes its work on self-driving vehicle routing. A vehicle drives itself. A sensor watches the road."
    )
  }

  @Test(
    "without a title, a generic subject gives way to what it does or has",
    arguments: [
      (
        "An online system identifies a group of users based on their connections. It shows them posts.",
        "Finding a group of users"
      ),
      ("A system includes a lidar sensor that maps a street. The map is shared.", "Lidar sensor that maps a street"),
      (
        "A system for providing access to remotely hosted applications obtains a screen size. It sends it.",
        "Providing access to remotely hosted apps"
      ),
      ("A device gets a song from a phone. It plays the song.", "Getting a song from a phone"),
    ])
  func genericSubjects(abstract: String, subhead: String) {
    let record = Self.filing("US20260000013A1", title: "", brand: "Google", topics: [], abstract: abstract)
    let copy = ColumnCopy(week: [record])
    #expect(copy.subhead(for: record.record) == subhead)
    #expect(!copy.headline(for: record, company: "Alphabet").contains("a new idea"))
  }
}
