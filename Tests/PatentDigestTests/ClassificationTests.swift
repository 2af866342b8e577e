import Foundation
import PatentDigest
import PatentDigestTestSupport
import Testing

/// Rolling assignees up to parent companies, measured on a labelled set of real-world names.
@Suite("Companies")
struct CompanyMatchingTests {
  /// The default watch list with every company switched on, as the labelled set covers them all.
  private let everyCompany: Classifier = {
    var list = WatchList.default
    for index in list.companies.indices { list.companies[index].watched = true }
    return Classifier(watchList: list)
  }()

  @Test("precision and recall on the labelled assignee names are both 100%")
  func labelledNames() throws {
    let text = try String(contentsOfFile: FeedTestSupport.fixture("assignee-names.tsv"), encoding: .utf8)
    var rows: [(name: String, date: String, expected: String?, why: String)] = []
    for line in text.split(separator: "\n").dropFirst() where !line.hasPrefix("#") && !line.isEmpty {
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      try #require(fields.count == 4, "malformed row: \(line)")
      rows.append((fields[0], fields[1], fields[2] == "-" ? nil : fields[2], fields[3]))
    }
    #expect(rows.count >= 200)
    var truePositives = 0
    var falsePositives = 0
    var falseNegatives = 0
    var mistakes: [String] = []
    for row in rows {
      let found = everyCompany.parentCompany(of: row.name, publishedOn: row.date)
      switch (row.expected, found) {
      case (let expected?, let found?) where expected == found: truePositives += 1
      case (nil, nil): break
      case (let expected?, nil):
        falseNegatives += 1
        mistakes.append("missed: \(row.name) (\(row.date)) should be \(expected) — \(row.why)")
      case (let expected, let found?):
        falsePositives += 1
        if expected != nil { falseNegatives += 1 }
        mistakes.append("wrong: \(row.name) (\(row.date)) matched \(found), expected \(expected ?? "none") — \(row.why)")
      }
    }
    let precision = Double(truePositives) / Double(max(1, truePositives + falsePositives))
    let recall = Double(truePositives) / Double(max(1, truePositives + falseNegatives))
    let positives = rows.filter { $0.expected != nil }.count
    print(
      "assignee matching on \(rows.count) labelled names (\(positives) to match, \(rows.count - positives) look-alikes): "
        + "precision \(String(format: "%.1f", precision * 100))%, recall \(String(format: "%.1f", recall * 100))%")
    #expect(mistakes.isEmpty, "\(mistakes.joined(separator: "\n"))")
    #expect(precision == 1.0)
    #expect(recall == 1.0)
  }

  @Test("the one-slip rule: long words only, same first letter, one edit")
  func typingSlips() {
    let classifier = Classifier(watchList: .default)
    #expect(classifier.parentCompany(of: "Mircosoft Corporation", publishedOn: "2020-01-02") == "Microsoft")
    #expect(classifier.parentCompany(of: "MICROSFT TECHNOLOGY LICENSING, LLC", publishedOn: "2020-01-02") == "Microsoft")
    #expect(classifier.parentCompany(of: "Apply Inc.", publishedOn: "2020-01-02") == nil)
    #expect(classifier.parentCompany(of: "Microsoft Excel user John Smith", publishedOn: "2020-01-02") == nil)
    #expect(classifier.parentCompany(of: "Nicrosoft Corporation", publishedOn: "2020-01-02") == nil)
    #expect(classifier.parentCompany(of: "Micro soft Corporation", publishedOn: "2020-01-02") == nil)
  }

  @Test("ownership periods: an acquired name counts from the acquisition, a sold one until the sale")
  func ownershipPeriods() {
    let classifier = Classifier(watchList: .default)
    #expect(classifier.parentCompany(of: "Fitbit, Inc.", publishedOn: "2020-06-04") == nil)
    #expect(classifier.parentCompany(of: "Fitbit LLC", publishedOn: "2022-06-02") == "Alphabet")
    #expect(classifier.parentCompany(of: "Motorola Mobility LLC", publishedOn: "2013-05-07") == "Alphabet")
    #expect(classifier.parentCompany(of: "Motorola Mobility LLC", publishedOn: "2016-05-03") == nil)
  }

  @Test("joint filings keep every watched parent, the first as the section; applicants count when no assignee is named")
  func jointFilingsAndApplicants() throws {
    let result = try FeedTestSupport.read(FeedTestSupport.sample("ipa261126.xml"))
    let classifier = Classifier(watchList: .default)
    let joint = try #require(result.record("US20260380421A1"))
    var withApple = joint
    withApple.assignees.append(Party(name: "Apple Inc.", kind: .organization, organization: "Apple Inc."))
    let classified = classifier.classify(withApple)
    #expect(classified.companies == ["Alphabet", "Apple"])
    #expect(classified.matchedAssignee == "Google LLC")

    var applicantOnly = joint
    applicantOnly.assignees = []
    applicantOnly.applicants = [Party(name: "Waymo LLC", kind: .organization, organization: "Waymo LLC")]
    #expect(classifier.classify(applicantOnly).companies == ["Alphabet"])
  }
}

@Suite("Watch list files")
struct WatchListFileTests {
  @Test("the built-in watch list is the project's watchlist.yaml (run scripts/embed-defaults after editing it)")
  func builtInMatchesFile() throws {
    let file = try String(
      contentsOfFile: FeedTestSupport.packageRoot.appendingPathComponent("watchlist.yaml").path, encoding: .utf8)
    #expect(WatchList.defaultText == file)
    #expect(WatchList.default.watchedCompanies.map(\.name) == ["Alphabet", "Amazon", "Apple", "Meta", "Microsoft"])
    #expect(WatchList.default.companies.allSatisfy { $0.names.allSatisfy { !$0.why.isEmpty } })
  }

  @Test(
    "a bad watch list names the line and what is wrong",
    arguments: [
      (
        "companies:\n  - name: Acme\n    watched: yes please\n    why: test\n    names:\n      - name: Acme Inc.\n        why: test\n",
        3, "`watched` of Acme must be true or false"
      ),
      ("companies:\n  - name: Acme\n    watched: true\n    why: test\n    nmes: []\n", 5, "unknown key 'nmes'"),
      (
        "companies:\n  - name: Acme\n    watched: true\n    why: test\n    names:\n      - name: Acme Inc.\n        from: 2020-13-01\n        why: test\n",
        7, "must be a date written YYYY-MM-DD"
      ),
      (
        "companies:\n  - name: Acme\n    watched: true\n    why: test\n    names:\n      - name: Acme Inc.\n", 6,
        "`why` of Acme Inc."
      ),
      ("companies:\n  - name: Acme\n   watched: true\n", 3, "is not valid YAML"),
      (
        "companies: []\ntopics:\n  - name: chips\n    consumer: false\n    cpc:\n      - group: H01 L\n        title: x\n", 6,
        "is not a CPC subclass"
      ),
      ("version: 2\ncompanies: []\n", 1, "version 2 is not supported"),
      (
        "companies: []\ntopics:\n  - name: maps\n    consumer: true\n    plumbing: readers skip it\n    keywords: [map]\n", 5,
        "maps is `consumer: true` and has `plumbing`: a topic counts up or down, not both"
      ),
      (
        "companies: []\ntopics:\n  - name: codecs\n    consumer: false\n    plumbing: \"\"\n    keywords: [codec]\n", 5,
        "`plumbing` of codecs (say why readers skip the topic) is empty"
      ),
    ])
  func badFiles(text: String, line: Int, message: String) throws {
    let path = try FeedTestSupport.temporaryFile(text, name: "watchlist.yaml")
    do {
      _ = try WatchList(contentsOfFile: path)
      Issue.record("expected an error for:\n\(text)")
    } catch {
      #expect(error.line == line, "\(error)")
      #expect(error.message.contains(message), "\(error)")
      #expect(error.description.hasPrefix("\(path):\(line):"))
    }
  }

  @Test("a YAML alias bomb (a billion 'lol's in nine lines of anchors) is refused at its first wrong type")
  func aliasBomb() throws {
    var lines = [
      "companies:", "  - name: Acme", "    watched: true", "    why: test",
      "    misspellings: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]", "    names:",
    ]
    for level in 1...9 {
      lines += [
        "      - name: &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]",
        "        why: test",
      ]
    }
    let path = try FeedTestSupport.temporaryFile(lines.joined(separator: "\n") + "\n", name: "watchlist.yaml")
    let started = ContinuousClock.now
    #expect(throws: WatchListError.self) { try WatchList(contentsOfFile: path) }
    #expect(ContinuousClock.now - started < FeedTestSupport.hangLimit)
  }

  @Test("a duplicate key: one line on stderr naming the file, the line of the repeat and the key")
  func duplicateKey() throws {
    // The built-in list with its `topics:` given a second time at the end: Yams's own message
    // would print the whole file.
    let text = WatchList.defaultText + "topics: []\n"
    let line = text.split(separator: "\n", omittingEmptySubsequences: false).count - 1
    let path = try FeedTestSupport.temporaryFile(text, name: "watchlist.yaml")
    let run = try BinaryRunner.run(["watchlist", "--check", path])
    #expect(run.status == 2)
    #expect(run.standardError.split(separator: "\n").count == 1, "\(run.standardError.prefix(500))")
    #expect(run.standardError.hasPrefix("patent-digest: \(path):\(line):1: "), "\(run.standardError.prefix(500))")
    #expect(run.standardError.contains("duplicate key 'topics'"), "\(run.standardError.prefix(500))")
  }

  @Test(
    "every YAML error is one line with its file and line",
    arguments: [
      ("companies: []\ntopics: []\ncompanies: []\n", 3, "duplicate key 'companies'"),
      ("companies:\n  - name: Acme\n    name: Acme\n", 3, "duplicate key 'name'"),
      ("companies: []\ntopics: [\u{07}]\n", 2, "control character"),
      ("companies: *nothing\n", 1, "alias"),
      ("companies: []\ntopics: \"open\n\n", 2, "is not valid YAML"),
      ("companies:\n\t- name: Acme\n", 2, "is not valid YAML"),
      (
        "companies:\n  - name: Acme\n    watched: true\n    why: test\n    names:\n      - name: Acme\n        from: \"2020-1-1\\n# x\\u001b[2J\"\n        why: x\n",
        7, "'2020-1-1\\n# x\\u{1B}[2J'"
      ),
    ])
  func oneLineErrors(text: String, line: Int, message: String) throws {
    do {
      _ = try WatchList(yaml: text, file: "watchlist.yaml")
      Issue.record("expected an error for:\n\(text)")
    } catch {
      #expect(error.line == line, "\(error)")
      #expect(error.message.contains(message), "\(error)")
      #expect(error.description.hasPrefix("watchlist.yaml:\(line):"), "\(error)")
      #expect(!error.description.contains { $0.isNewline || ($0.asciiValue.map { $0 < 32 } ?? false) }, "\(error)")
    }
  }

  @Test("a missing file says so")
  func missingFile() {
    #expect(throws: WatchListError.self) { try WatchList(contentsOfFile: "/nonexistent/watchlist.yaml") }
  }
}

@Suite("Topics and score")
struct TopicAndScoreTests {
  private let classifier = Classifier(watchList: .default)

  private func record(
    title: String, abstract: String?, cpc: [String], claim: String = "1. A device comprising a housing.",
    type: PatentRecord.DocumentType = .application, applicationType: String = "utility", related: [String] = []
  ) -> PatentRecord {
    PatentRecord(
      type: type, publicationNumber: "US20260000001A1", kind: "A1", publicationDate: "2026-11-26", filingDate: nil,
      applicationNumber: nil, applicationType: applicationType, title: title, abstract: abstract, assignees: [], applicants: [],
      inventors: [], cpc: cpc.enumerated().map { Classification(symbol: $1, main: $0 == 0) }, ipc: [], claimCount: 1,
      firstClaim: claim, relatedDocuments: related, dtdVersion: "v4.6 2022-02-17",
      source: SourcePosition(file: "test", document: 1, byteOffset: 0))
  }

  @Test("topics come with the CPC group and keyword that put them there")
  func topicReasons() {
    let classified = classifier.classify(
      record(
        title: "Smart glasses with a waveguide display", abstract: "An augmented reality device shows text.",
        cpc: ["G02B 27/0172", "G06F 3/011", "G09G 3/3208"]))
    let topic = classified.topics.first
    #expect(topic?.name == "augmented and virtual reality")
    #expect(topic?.weight == 7)
    #expect(
      topic?.reasons == [
        "main CPC G02B 27/0172 is in G02B 27/01 (Head-up displays)",
        "CPC G06F 3/011 is in G06F 3/011 (Arrangements for interaction with the human body, e.g. for user immersion in virtual reality)",
        "title mentions “smart glasses”",
        "abstract mentions “augmented reality”",
      ])
    #expect(classified.topics.map(\.name).contains("displays"))
  }

  @Test("a main group does not take its longer-numbered neighbours: G06N 3 is not G06N 30")
  func mainGroupBoundary() {
    let inGroup = classifier.classify(record(title: "Thing", abstract: nil, cpc: ["G06N 3/08"]))
    let neighbour = classifier.classify(record(title: "Thing", abstract: nil, cpc: ["G06N 30/00"]))
    #expect(inGroup.topics.map(\.name) == ["AI and machine learning"])
    #expect(neighbour.topics.isEmpty)
  }

  @Test("consumer stories score over chemistry, manufacturing processes and continuations")
  func scoreOrder() {
    let glasses = classifier.classify(
      record(
        title: "Smart glasses that translate speech",
        abstract: String(repeating: "The glasses show captions to the wearer. ", count: 12),
        cpc: ["G02B 27/0172", "G10L 15/22"]))
    let polymer = classifier.classify(
      record(
        title: "Polymer composition for cable jackets", abstract: "A composition comprises a copolymer.", cpc: ["C08L 23/06"],
        claim: "1. A process for preparing a polymer composition comprising mixing."))
    let continuation = classifier.classify(
      record(
        title: "Smart glasses that translate speech", abstract: "The glasses show captions.", cpc: ["G02B 27/0172"],
        related: ["continuation"]))
    #expect(glasses.score.value > continuation.score.value)
    #expect(continuation.score.value > polymer.score.value)
    #expect(polymer.score.reasons.map(\.reason).contains("narrow chemistry or biotech (main CPC C08L 23/06 in C08)"))
    #expect(polymer.score.reasons.map(\.reason).contains("first claim is a manufacturing process"))
    #expect(continuation.score.reasons.map(\.reason).contains("continuation of an earlier filing: not a new idea"))
    #expect(glasses.score.value == glasses.score.reasons.reduce(0) { $0 + $1.points })
  }

  @Test("without a title, the abstract's first sentence names the topic; further mentions count, two at most")
  func abstractEvidence() {
    let abstract =
      "Techniques for dynamic wakeword detection are described (e.g. a speaker). A device detects a wakeword in audio. "
      + "The wakeword threshold changes, and so does the wakeword model."
    let untitled = classifier.classify(record(title: "", abstract: abstract, cpc: []))
    let voice = untitled.topics.first { $0.name == "voice assistants" }
    #expect(voice?.weight == 4)
    #expect(
      voice?.reasons == [
        "first sentence of the abstract (no title) mentions “wakeword”", "rest of the abstract mentions “wakeword” twice",
      ])
    // "e.g. a speaker" does not end the first sentence: "speaker" is in it, and tags audio.
    #expect(
      untitled.topics.first { $0.name == "audio" }?.reasons == ["first sentence of the abstract (no title) mentions “speaker”"])
    #expect(
      untitled.score.reasons.map(\.reason).contains("voice assistants is the filing's main subject (its evidence weighs 4)"))

    // With a title, the title names the invention and the abstract's mentions count as mentions.
    let titled = classifier.classify(record(title: "Audio processing", abstract: abstract, cpc: []))
    #expect(titled.topics.first { $0.name == "voice assistants" }?.reasons == ["abstract mentions “wakeword” twice"])
    #expect(titled.topics.first { $0.name == "voice assistants" }?.weight == 2)

    // One mention alone does not make a topic.
    let aside = classifier.classify(
      record(title: "Hinge", abstract: "A hinge for a laptop. It may also hold a smart speaker.", cpc: []))
    #expect(!aside.topics.map(\.name).contains("voice assistants"))
  }

  @Test("a plumbing topic counts down with the watch list's reason, unless a consumer topic outweighs it")
  func plumbingTopics() {
    let virtualMachines = classifier.classify(
      record(
        title: "",
        abstract: "A virtualization host launches micro virtual machines for customers. The hypervisor assigns "
          + "each virtual machine a slot on the host.", cpc: []))
    #expect(
      virtualMachines.score.reasons.map(\.reason).contains(
        "plumbing: cloud and data centres (data-centre internals readers never see)"))
    #expect(virtualMachines.topics.first?.plumbing == "data-centre internals readers never see")

    // An eye tracker for a headset that talks about its circuit is still a headset story.
    let eyeTracker = classifier.classify(
      record(
        title: "Eye tracking in a head-mounted display",
        abstract: "A near-eye display tracks the wearer's eye with a light source and a circuit.", cpc: []))
    #expect(eyeTracker.topics.first?.name == "augmented and virtual reality")
    #expect(!eyeTracker.score.reasons.contains { $0.reason.hasPrefix("plumbing:") })
    #expect(eyeTracker.score.value == eyeTracker.score.reasons.reduce(0) { $0 + $1.points })
  }

  /// Filings that readers meet and filings that only engineers do, as real ones are written: some
  /// with a title, some with only an abstract, none with CPC.
  @Test(
    "a chemistry, cooling or virtual-machine filing scores below a wake-word, glasses or maps one",
    arguments: [true, false])
  func readerOverPlumbing(withTitles: Bool) {
    func classified(_ title: String, _ abstract: String) -> ClassifiedRecord {
      classifier.classify(record(title: withTitles ? title : "", abstract: abstract, cpc: [], claim: "1. A system."))
    }
    let reader = [
      classified(
        "Dynamic wakeword detection",
        "Techniques for using a dynamic wakeword detection threshold are described. A device detects a wakeword in audio "
          + "data and lowers the threshold while a user is speaking to the voice assistant."),
      classified(
        "Smart glasses with eye tracking",
        "Disclosed are smart glasses that track the wearer's eyes. A camera in the frame sees where the wearer looks and "
          + "the glasses show virtual content there."),
      classified(
        "Ranking place suggestions on a map",
        "A map application suggests a geographic location to a user. The ranking of the suggestion is adjusted by how "
          + "many users visited the geographic location after seeing it in the navigation app."),
    ]
    let plumbing = [
      classified(
        "Immersion cooling infrastructure module",
        "A removable immersion cooling module has the form factor of the servers it cools. The module fits a slot of the "
          + "cooling tank in a data center, so the servers can be swapped."),
      classified(
        "Network-accessible computing service for micro virtual machines",
        "An administrative agent at a virtualization host of a virtualized computing service determines that a virtual "
          + "machine is to be instantiated, and the hypervisor configures the virtual machines of the host."),
      classified(
        "Polyester composition for display films",
        "A composition comprises a copolymer of an ester and a monomer. The composition is cured on a substrate."),
    ]
    for good in reader {
      for bad in plumbing {
        #expect(
          good.score.value > bad.score.value,
          "\(good.record.abstract ?? "") (\(good.score.value)) vs \(bad.record.abstract ?? "") (\(bad.score.value))")
      }
    }
  }

  @Test("design patents are judged by the product")
  func designPatents() {
    let watch = classifier.classify(
      record(title: "Electronic watch", abstract: nil, cpc: [], type: .grant, applicationType: "design"))
    let bracket = classifier.classify(
      record(title: "Mounting bracket", abstract: nil, cpc: [], type: .grant, applicationType: "design"))
    #expect(watch.score.reasons.first?.reason == "design patent of a product readers own (watch): a picture story")
    #expect(bracket.score.value < watch.score.value)
  }
}

/// `patent-digest classify` run as a user runs it.
@Suite("patent-digest classify, end to end")
struct ClassifyCommandTests {
  @Test("the sample feeds, classified: compared with the committed snapshot")
  func samplesSnapshot() throws {
    let run = try BinaryRunner.run(["classify", "Samples/ipa261126.xml", "Samples/ipg261124.xml"])
    #expect(run.status == 0, "\(run.standardError)")
    try expectSnapshot(run.standardOutput, named: "classify-samples.ndjson")
    #expect(try JSONSchemaCheck.problems(in: run.standardOutput, against: .classifiedRecord, as: .lines) == [])
    let records = try run.standardOutput.split(separator: "\n").map {
      try JSONDecoder().decode(ClassifiedRecord.self, from: Data($0.utf8))
    }
    #expect(records.count == 48)
    let lookAlikes = records.filter {
      ["Apple Hospitality REIT, Inc.", "Applied Materials, Inc.", "Pineapple Energy LLC"].contains(
        $0.record.assignees.first?.name)
    }
    #expect(lookAlikes.count == 3)
    #expect(lookAlikes.allSatisfy { $0.companies.isEmpty })
    #expect(records.first { $0.record.publicationNumber == "US20260380421A1" }?.companies == ["Alphabet"])
  }

  @Test("--watched-only keeps the watched companies' records; a bad --watchlist is one line and exit 2")
  func options() throws {
    let watched = try BinaryRunner.run(["classify", "--watched-only", "--format", "json", "Samples/ipa261126.xml"])
    #expect(watched.status == 0)
    #expect(try JSONSchemaCheck.problems(in: watched.standardOutput, against: .classifiedRecord, as: .each) == [])
    let records = try JSONDecoder().decode([ClassifiedRecord].self, from: Data(watched.standardOutput.utf8))
    #expect(!records.isEmpty && records.allSatisfy { !$0.companies.isEmpty })

    let bad = try FeedTestSupport.temporaryFile("companies:\n  - name: Acme\n    watched: maybe\n", name: "watchlist.yaml")
    let run = try BinaryRunner.run(["classify", "--watchlist", bad, "Samples/ipa261126.xml"])
    #expect(run.status == 2)
    #expect(run.standardError == "patent-digest: \(bad):3: `watched` of Acme must be true or false\n")
    #expect(run.standardOutput.isEmpty)
  }

  @Test("watchlist prints the built-in list and answers for one name")
  func watchListCommand() throws {
    let printed = try BinaryRunner.run(["watchlist"])
    #expect(printed.standardOutput == WatchList.defaultText)
    let answer = try BinaryRunner.run(["watchlist", "--name", "Mircosoft Corp.", "--date", "2024-05-02"])
    #expect(answer.standardOutput == "Microsoft\n")
  }
}
