import Foundation
import PatentDigest
import PatentDigestTestSupport
import Testing

/// ColumnLint on hand-written copy: every kind fires on a bad example and stays quiet on a good
/// paraphrase of the same thing.
@Suite("Column lint")
struct ColumnLintTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var kind: LintHit.Kind
    var role: CopyPiece.Role
    var bad: String
    var good: String
    var sources = CopySources()
    var testDescription: String { "\(kind.rawValue): \(bad)" }
  }

  static let ipSources = CopySources(
    title: "Internet Protocol (IP) address assignment", abstractSentences: ["Devices get an IP address from a server."])

  static let cases: [Case] = [
    Case(
      kind: .boilerplate, role: .blurb, bad: "Systems and methods for controlling a thermostat are provided.",
      good: "Google's thermostat nudges you toward settings that save energy."),
    Case(
      kind: .boilerplate, role: .blurb, bad: "Methods, systems, and apparatus for ranking search results.",
      good: "Google wants search results ranked by what people did next."),
    Case(
      kind: .boilerplate, role: .blurb, bad: "The model is stored on computer storage media in a data center.",
      good: "The model lives in a data center."),
    Case(
      kind: .boilerplate, role: .blurb, bad: "A safer landing zone for delivery drones is described here.",
      good: "Amazon describes a safer landing zone for delivery drones."),
    Case(
      kind: .boilerplate, role: .blurb, bad: "Techniques are disclosed for tracking usage in hybrid clouds.",
      good: "The idea is to track how much of a hybrid cloud each customer uses."),
    Case(
      kind: .boilerplate, role: .blurb, bad: "Techniques for wakeword detection adapt the threshold.",
      good: "A speaker listens harder for its wake word right after you spoke to it."),
    Case(
      kind: .boilerplate, role: .blurb, bad: "Aspects of the subject technology let a watch measure blood oxygen.",
      good: "The watch measures blood oxygen."),
    Case(
      kind: .boilerplate, role: .blurb, bad: "In some embodiments, the headset dims the display.",
      good: "When you look away, the headset dims the display."),
    Case(
      kind: .boilerplate, role: .blurb, bad: "In one version, the phone vibrates twice.", good: "The phone may vibrate twice."),
    Case(
      kind: .boilerplate, role: .blurb, bad: "This disclosure describes a ring that tracks sleep.",
      good: "Meta describes a ring that tracks sleep."),
    Case(
      kind: .boilerplate, role: .blurb, bad: "Examples of the present disclosure describe a foldable screen.",
      good: "A screen folds in half without a crease."),
    Case(
      kind: .boilerplate, role: .blurb, bad: "It covers training machine learning systems.",
      good: "Google wants its models to learn which features matter."),
    Case(
      kind: .boilerplate, role: .blurb, bad: "An exemplary robot sorts parcels by size.",
      good: "One robot sorts parcels by size."),
    Case(
      kind: .claimLanguage, role: .blurb, bad: "The lens, wherein the lens is curved, focuses light.",
      good: "The curved lens focuses light."),
    Case(
      kind: .claimLanguage, role: .blurb, bad: "A device comprising a plurality of sensors listens.",
      good: "A device with several sensors listens."),
    Case(
      kind: .claimLanguage, role: .blurb, bad: "The server sends one or more alerts to the user.",
      good: "The server sends the user an alert or two."),
    Case(
      kind: .claimLanguage, role: .blurb, bad: "A processor configured to read a non-transitory computer-readable medium.",
      good: "A chip reads the program from memory."),
    Case(
      kind: .claimLanguage, role: .blurb, bad: "The hub pairs with said device over Bluetooth.",
      good: "The hub pairs with the device over Bluetooth, the company said."),
    Case(
      kind: .claimLanguage, role: .blurb, bad: "A first probe pad takes the anodes and a second probe pad the cathodes.",
      good: "One probe pad takes the anodes and another the cathodes."),
    Case(
      kind: .claimLanguage, role: .blurb, bad: "The camera records video; and the phone uploads it.",
      good: "The camera records video, and the phone uploads it."),
    Case(
      kind: .articleBeforeUncountable, role: .blurb, bad: "Amazon describes a code execution request routing.",
      good: "Amazon describes a way to route requests to run code."),
    Case(
      kind: .articleBeforeUncountable, role: .blurb, bad: "Microsoft describes a usage tracking in hybrid clouds.",
      good: "Microsoft describes a way to track usage in hybrid clouds."),
    Case(
      kind: .articleBeforeUncountable, role: .blurb, bad: "Meta describes an in-field illumination and imaging for eye tracking.",
      good: "Meta describes a headset that lights up and films your eye to track it."),
    Case(
      kind: .articleBeforeUncountable, role: .blurb, bad: "Microsoft describes a formula and function generation and use.",
      good: "Microsoft describes a spreadsheet that writes formulas for you."),
    Case(
      kind: .articleBeforeUncountable, role: .blurb, bad: "Amazon describes a dynamic wakeword detection.",
      good: "Amazon describes a speaker that hears its wake word more easily."),
    Case(
      kind: .articleBeforeUncountable, role: .blurb, bad: "The service returns an uplink data to the phone.",
      good: "The service returns a notification, a connection and an application to the phone."),
    Case(
      kind: .wrongIndefiniteArticle, role: .blurb, bad: "Microsoft describes an usage meter.",
      good: "Microsoft describes a usage meter."),
    Case(kind: .wrongIndefiniteArticle, role: .blurb, bad: "The watch has a ECG sensor.", good: "The watch has an ECG sensor."),
    Case(kind: .wrongIndefiniteArticle, role: .blurb, bad: "It is an unified inbox.", good: "It is a unified inbox."),
    Case(kind: .wrongIndefiniteArticle, role: .blurb, bad: "It charges in a hour.", good: "It charges in an hour."),
    Case(
      kind: .wrongIndefiniteArticle, role: .blurb, bad: "An UAV drops the parcel near an USB port.",
      good: "A UAV drops the parcel near a USB port, an LED, an HMD and an SoC."),
    Case(
      kind: .wrongIndefiniteArticle, role: .blurb, bad: "It pairs with a Xbox and a 8-core PC.",
      good: "It pairs with an Xbox, an 8-core PC, an 18-bit converter, an eSIM and an iPad."),
    Case(
      kind: .cutMidPhrase, role: .intro, bad: "This week, Google is working on , and Meta is working on smart glasses.",
      good: "This week, Google is working on thermostats, and Meta is working on smart glasses."),
    Case(
      kind: .cutMidPhrase, role: .blurb, bad: "In a patent, Google describes .",
      good: "In a patent, Google describes a thermostat."),
    Case(
      kind: .cutMidPhrase, role: .blurb, bad: "Google describes presence-related control within an.",
      good: "Google describes a speaker that notices who is in the room."),
    Case(
      kind: .cutMidPhrase, role: .blurb, bad: "The phone checks the notification list, ...",
      good: "The phone checks the notification list first."),
    Case(
      kind: .cutMidPhrase, role: .dek, bad: "Also this week: smart glasses and", good: "Also this week: smart glasses and more."),
    Case(
      kind: .cutMidPhrase, role: .blurb, bad: "The watch (with its band counts steps.",
      good: "The watch (with its band) counts steps."),
    Case(
      kind: .cutMidPhrase, role: .headline, bad: "Google wants to build  ", good: "Google wants to build a quieter thermostat"),
    Case(
      kind: .lostCapitals, role: .blurb, bad: "Microsoft describes an internet protocol (ip) address scheme.",
      good: "Microsoft describes an Internet Protocol (IP) address scheme."),
    Case(
      kind: .lostCapitals, role: .subhead, bad: "Handing Out ip Addresses", good: "Handing Out IP Addresses", sources: ipSources),
    Case(
      kind: .subheadTooLong, role: .subhead, bad: "Applying User-Specified Permissions to Distribution of Content Items to Users",
      good: "Who May Show You Posts"),
    Case(
      kind: .headlineTooLong, role: .headline,
      bad: "Meta wants to apply user-specified permissions to the distribution of content items to social networking users",
      good: "Meta wants to let you choose who can show you posts"),
    Case(
      kind: .headlineShape, role: .headline, bad: "A thermostat that saves energy",
      good: "Google wants to make thermostats thriftier"),
    Case(kind: .headlineShape, role: .headline, bad: "Amazon wants to file a patent", good: "No Big Tech patents this week"),
    Case(
      kind: .padding, role: .blurb, bad: "A drone lands on a mat. It is one of 5 filings from Amazon this week.",
      good: "A drone lands on a mat that it finds with its camera."),
    Case(
      kind: .padding, role: .blurb, bad: "A drone lands on a mat. It is the only filing from Amazon this week.",
      good: "A drone lands on a mat, the only one in the garden."),
  ]

  @Test("each kind fires on the bad example", arguments: cases)
  func firesOnBadCopy(_ example: Case) {
    let hits = ColumnLint().check(CopyPiece(role: example.role, location: "piece", text: example.bad, sources: example.sources))
    #expect(hits.contains { $0.kind == example.kind }, "\(hits)")
  }

  @Test("no hit at all on the good paraphrase", arguments: cases)
  func quietOnGoodCopy(_ example: Case) {
    let hits = ColumnLint().check(CopyPiece(role: example.role, location: "piece", text: example.good, sources: example.sources))
    #expect(hits.isEmpty, "\(hits.map { "\($0.kind): \($0.excerpt): \($0.explanation)" })")
  }

  @Test("good column English, as the rewrite should read, has no hits")
  func quietOnAGoodColumn() {
    let blurbs = [
      "Google's thermostat wants to nudge you toward greener settings. Pick a cooler temperature in summer and it builds a schedule around it, so the heating and air conditioning run less.",
      "Amazon describes a speaker that listens harder for its wake word for a few seconds after you last spoke to it. That way a follow-up question doesn't need the wake word shouted twice.",
      "Apple's idea is an assistant that can search your files or move them around while you keep working in another app. It guesses which of the two you want from what you said and what is on screen.",
      "Meta wants its headset to light up your eye and film it from inside the lens, so it can track where you look without a camera in your face. An LED ring and a tiny sensor sit in the frame.",
      "Microsoft wants a spreadsheet that writes formulas for you. Drag a cell into the formula bar and it adds the reference; type a plus sign and it offers the next step.",
      "The feature works with a recording of your voice, a setting in the app and a ranking of your contacts. It uses machine learning to sort the photos, and speech recognition to caption the videos.",
      "The first time you open the app, it asks for permission; the second time, it remembers your answer. The phone picks a cell tower and moves to a better one as you travel.",
      "Amazon wants its data centers to start virtual machines closer to the customer's other machines. The service reads the customer's preferences and picks the zone that fits best.",
    ]
    let pieces =
      [
        CopyPiece(role: .headline, location: "headline", text: "Apple wants to let Siri juggle two jobs at once"),
        CopyPiece(
          role: .dek, location: "dek",
          text: "Also this week: greener thermostats, smarter speakers and more patents from Big Tech."),
        CopyPiece(
          role: .intro, location: "intro[0]",
          text:
            "Every week I go through the patents Big Tech publishes, so you don't have to. This week, Google is working on greener thermostats, Amazon on smarter speakers, and Meta on eye tracking."
        ),
        CopyPiece(role: .subhead, location: "subhead", text: "A Thermostat That Nudges You"),
        CopyPiece(role: .restOfWeekLine, location: "rest", text: "Spreadsheets that write their own formulas"),
      ] + blurbs.enumerated().map { CopyPiece(role: .blurb, location: "blurb[\($0.offset)]", text: $0.element) }
    let hits = ColumnLint().check(pieces)
    #expect(hits.isEmpty, "\(hits.map { "\($0.piece): \($0.kind): \($0.excerpt): \($0.explanation)" })")
  }

  @Test("a draft's JSON becomes pieces named by their place; blurbSentences' sources join the item's title")
  func draftPieces() throws {
    let json = """
      {"headline": "Google wants to make thermostats thriftier", "dek": "Also this week: more.", "intro": ["One.", "Two."],
       "sections": [{"company": "Alphabet", "items": [
         {"subhead": "S", "blurb": "B.", "title": "Thermostat", "publicationNumber": "US1B2",
          "blurbSentences": [{"text": "B.", "source": {"part": "abstract", "sentence": 2, "text": "An HVAC unit."}},
                             {"text": "C.", "source": null}]}]}],
       "restOfWeek": [{"company": "Apple", "entries": [{"title": "Watch bands", "publicationNumber": "US2"}]}]}
      """
    let copy = try DraftCopy(json: Array(json.utf8))
    #expect(
      copy.pieces.map(\.location) == [
        "headline", "dek", "intro[0]", "intro[1]", "sections[0].items[0].subhead", "sections[0].items[0].blurb",
        "restOfWeek[0].entries[0].title",
      ])
    #expect(copy.items.first?.sources == CopySources(title: "Thermostat", abstractSentences: ["An HVAC unit."]))
    #expect(copy.pieces[0].sources.texts == ["Thermostat", "An HVAC unit."])
    // An older build's draft has no blurbSentences: the title alone is the source.
    let old = try DraftCopy(json: Array(json.replacingOccurrences(of: "blurbSentences", with: "other").utf8))
    #expect(old.items.first?.sources == CopySources(title: "Thermostat"))
    #expect(throws: DraftCopyError.self) { try DraftCopy(json: Array("[1, 2]".utf8)) }
  }

  /// Syllables as a dictionary gives them (Merriam-Webster's hyphenation, by hand).
  static let syllableTable: [(String, Int)] = [
    ("the", 1), ("cat", 1), ("table", 2), ("little", 2), ("make", 1), ("makes", 1), ("boxes", 2), ("changes", 2),
    ("places", 2), ("uses", 2), ("jumped", 1), ("wanted", 2), ("needed", 2), ("played", 1), ("device", 2),
    ("devices", 3), ("system", 2), ("systems", 2), ("method", 2), ("patent", 2), ("filing", 2), ("abstract", 2),
    ("computer", 3), ("network", 2), ("wireless", 2), ("processor", 3), ("memory", 3), ("display", 2), ("camera", 3),
    ("sensor", 2), ("signal", 2), ("server", 2), ("request", 2), ("machine", 2), ("learning", 2), ("model", 2),
    ("headline", 2), ("temperature", 4), ("schedule", 2), ("energy", 3), ("efficient", 3), ("electronic", 4),
    ("assistant", 3), ("digital", 3), ("information", 4), ("application", 4), ("notification", 5), ("user", 2),
    ("users", 2), ("phone", 1), ("screen", 1), ("watch", 1), ("glasses", 2), ("headset", 2), ("battery", 3),
    ("thermostat", 3), ("speaker", 2), ("simple", 2), ("people", 2), ("every", 3), ("week", 1), ("through", 1),
    ("because", 2), ("described", 2), ("provides", 2), ("includes", 2), ("generate", 3), ("receive", 2),
    ("identify", 4), ("determine", 3), ("virtual", 3), ("reality", 4), ("video", 3), ("audio", 3), ("idea", 3),
    ("create", 2), ("ratio", 3), ("quiet", 2), ("science", 2), ("being", 2), ("area", 3), ("eye", 1), ("you", 1),
    ("your", 1), ("they", 1), ("one", 1), ("HVAC", 4), ("UAV", 3), ("LED", 3), ("WWW", 9), ("eSIM", 4), ("2020", 4),
    ("135", 6), ("8", 1), ("11", 3), ("sometimes", 2), ("whole", 1), ("house", 1), ("mouse", 1), ("lives", 1),
    ("time", 1), ("timeline", 2), ("smartphone", 2), ("wakeword", 2), ("online", 2), ("software", 2), ("hardware", 2),
    ("spreadsheet", 2), ("formula", 3), ("cloud", 1), ("usage", 2), ("tracking", 2), ("hybrid", 2), ("pixel", 2),
    ("array", 2), ("quickly", 2), ("area", 3), ("business", 2), ("different", 3), ("several", 3), ("family", 3),
    ("unified", 3), ("engine", 2), ("image", 2), ("images", 3), ("code", 1),
  ]

  @Test("the syllable counter agrees with the dictionary on at least 90% of the table (accuracy in ReadingGrade's doc)")
  func syllableAccuracy() {
    let wrong = Self.syllableTable.filter { ReadingGrade.syllables(in: $0.0) != $0.1 }
    let accuracy = Double(Self.syllableTable.count - wrong.count) / Double(Self.syllableTable.count)
    #expect(
      accuracy >= 0.9,
      "\(Self.syllableTable.count - wrong.count)/\(Self.syllableTable.count); wrong: \(wrong.map { "\($0.0)=\(ReadingGrade.syllables(in: $0.0)) not \($0.1)" })"
    )
  }

  @Test("Flesch–Kincaid: plain sentences read at a low grade, patent sentences at a high one")
  func readingGrades() throws {
    let plain = try #require(ReadingGrade.fleschKincaid("The cat sat on the mat. It was warm. The dog ran out."))
    let patent = try #require(
      ReadingGrade.fleschKincaid(
        "Techniques for facilitating usage tracking in hybrid cloud computing systems are disclosed herein, wherein a method can include receiving, from a private cloud computing system, a request for uploading usage data to a storage in a public cloud computing system."
      ))
    #expect(plain < 3)
    #expect(patent > 16)
    #expect(CopySentences.split("It runs on a U.S. server, e.g. in Ohio. Then it stops! Why?").count == 3)
  }
}

/// `patent-digest check` run on draft files as the benchmark and an editor run it.
@Suite("patent-digest check, end to end")
struct CheckCommandTests {
  static func draftJSON(headline: String, blurb: String, subhead: String = "A Thermostat That Nudges You") -> String {
    let object: [String: Any] = [
      "headline": headline, "dek": "Also this week: greener thermostats and more patents from Big Tech.",
      "intro": ["Every week I go through the patents Big Tech publishes, so you don't have to."],
      "sections": [
        [
          "company": "Alphabet",
          "items": [
            [
              "subhead": subhead, "blurb": blurb, "title": "", "publicationNumber": "US10175668B2", "company": "Alphabet",
              "blurbSentences": [
                ["text": blurb, "source": ["part": "abstract", "sentence": 0, "text": "An HVAC system is controlled."]]
              ],
            ]
          ],
        ]
      ],
      "restOfWeek": [["company": "Alphabet", "entries": [["title": "Quieter fans for servers", "publicationNumber": "US1"]]]],
    ]
    let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    return String(decoding: data, as: UTF8.self)
  }

  static let goodBlurb =
    "Google's thermostat wants to nudge you toward greener settings. Pick a cooler temperature and it builds a schedule around it."

  private func write(_ text: String, _ name: String, in folder: URL) throws -> String {
    let file = folder.appendingPathComponent(name)
    try text.write(to: file, atomically: true, encoding: .utf8)
    return file.path
  }

  @Test("a clean draft: exit 0, nothing on stdout, the summary on stderr")
  func cleanDraft() throws {
    let folder = try TestPaths.newTemporaryFolder("check")
    let clean = try write(
      Self.draftJSON(headline: "Google wants to make thermostats thriftier", blurb: Self.goodBlurb), "clean.json", in: folder)
    let run = try BinaryRunner.run(["check", clean])
    #expect(run.status == 0, "\(run.standardOutput)\(run.standardError)")
    #expect(run.standardOutput.isEmpty)
    #expect(run.standardError == "patent-digest: checked 1 draft: 0 hits\n")
  }

  @Test("a draft with faults: exit 1 and one line per hit; --json gives the hits and the figures")
  func faultyDraft() throws {
    let folder = try TestPaths.newTemporaryFolder("check")
    let faulty = try write(
      Self.draftJSON(
        headline: "Google wants to file a patent",
        blurb: "In a patent, Google describes . Systems and methods are provided for controlling an hvac system."),
      "faulty.json", in: folder)
    let run = try BinaryRunner.run(["check", faulty])
    #expect(run.status == 1)
    let lines = run.standardOutput.split(separator: "\n").map(String.init)
    #expect(
      lines.contains(
        "\(faulty): headline: headlineShape: \"Google wants to file a patent\": says nothing about the filing (“file a patent”)"))
    #expect(
      lines.contains { $0.hasPrefix("\(faulty): sections[0].items[0].blurb: cutMidPhrase: ") && $0.contains("describes .") })
    #expect(
      lines.contains {
        $0.hasPrefix("\(faulty): sections[0].items[0].blurb: boilerplate: ") && $0.contains("Systems and methods")
      })
    #expect(lines.contains { $0.contains(": lostCapitals: ") && $0.contains("HVAC") })
    #expect(run.standardError.hasPrefix("patent-digest: checked 1 draft: \(lines.count) hits ("))

    let json = try BinaryRunner.run(["check", "--json", faulty])
    #expect(json.status == 1)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
    #expect((object["hits"] as? [Any])?.count == lines.count)
    let drafts = try #require(object["drafts"] as? [[String: Any]])
    let stats = try #require(drafts.first?["stats"] as? [String: Any])
    #expect(stats["headlineWords"] as? Int == 6)
  }

  @Test("a broken JSON, a missing file and a non-draft: exit 2, one line naming each; the good draft is still checked")
  func unusableDrafts() throws {
    let folder = try TestPaths.newTemporaryFolder("check")
    let broken = try write("{\"headline\": ", "broken.json", in: folder)
    let notDraft = try write("{\"records\": []}", "records.json", in: folder)
    let clean = try write(
      Self.draftJSON(headline: "Google wants to make thermostats thriftier", blurb: Self.goodBlurb), "clean.json", in: folder)
    let missing = folder.appendingPathComponent("missing.json").path
    let run = try BinaryRunner.run(["check", broken, notDraft, missing, clean])
    #expect(run.status == 2)
    let lines = run.standardError.split(separator: "\n").map(String.init)
    #expect(lines.contains { $0.hasPrefix("patent-digest: \(broken): not JSON") })
    #expect(lines.contains("patent-digest: \(notDraft): not a draft as `build --format json` writes it: no “headline”"))
    #expect(lines.contains("patent-digest: \(missing): no such file"))
    #expect(lines.last == "patent-digest: checked 1 draft: 0 hits; 3 could not be read")
  }

  @Test("a draft from standard input, as `build --format json | check -` pipes it")
  func standardInput() throws {
    let folder = try TestPaths.newTemporaryFolder("check")
    let clean = try write(
      Self.draftJSON(headline: "Google wants to make thermostats thriftier", blurb: Self.goodBlurb), "clean.json", in: folder)
    let run = try BinaryRunner.run(["check", "-"], standardInput: URL(fileURLWithPath: clean))
    #expect(run.status == 0, "\(run.standardOutput)\(run.standardError)")
  }
}
