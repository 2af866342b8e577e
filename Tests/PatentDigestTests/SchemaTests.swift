import Foundation
import PatentDigest
import PatentDigestTestSupport
import Testing

/// The JSON Schemas in `Schemas/` that the newsletter pipeline validates against: that they say
/// what the Swift types write, and that the validator the tests use rejects what they forbid (so
/// the checks in the other suites cannot pass by validating nothing).
@Suite("JSON Schemas of the outputs")
struct SchemaTests {
  private static func object(_ file: URL) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
  }

  private static func text(_ object: Any) throws -> String {
    String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
  }

  /// The sample week's draft as the binary writes it.
  private static func sampleDraft() throws -> [String: Any] {
    let run = try BinaryRunner.run(["build", "-q", "--format", "json", "Samples/ipa261126.zip", "Samples/ipg261124.zip"])
    #expect(run.status == 0, "\(run.standardError)")
    return try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
  }

  /// Every object schema that lists properties, with where it is, so a new field cannot slip in
  /// unchecked.
  private static func openObjects(in schema: Any, at path: String = "$") -> [String] {
    if let list = schema as? [Any] {
      return list.enumerated().flatMap { openObjects(in: $1, at: "\(path)[\($0)]") }
    }
    guard let object = schema as? [String: Any] else { return [] }
    var open: [String] = []
    if object["properties"] != nil, object["additionalProperties"] as? Bool != false { open.append(path) }
    // `if`/`then`/`else` add conditions to an object defined beside them; values are not schemas.
    for (key, value) in object where !["const", "enum", "if", "then", "else"].contains(key) {
      open += openObjects(in: value, at: "\(path).\(key)")
    }
    return open
  }

  @Test(
    "Schemas/ holds one schema per documented JSON output, each JSON Schema 2020-12 with an id, a description and closed objects")
  func everySchema() throws {
    let folder = TestPaths.packageRoot.appendingPathComponent("Schemas")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".schema.json") }
    #expect(Set(files) == Set(JSONSchemaCheck.Schema.allCases.map(\.file.lastPathComponent)))
    for schema in JSONSchemaCheck.Schema.allCases {
      let object = try Self.object(schema.file)
      #expect(object["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema", "\(schema)")
      #expect(object["$id"] as? String == "urn:patent-digest:schema:\(schema.rawValue)", "\(schema)")
      #expect((object["description"] as? String)?.isEmpty == false, "\(schema)")
      #expect(Self.openObjects(in: object) == [], "\(schema): objects without additionalProperties: false")
    }
  }

  @Test("the draft schema's schemaVersion is Draft.schemaVersion")
  func draftVersion() throws {
    let properties = try Self.object(JSONSchemaCheck.Schema.draft.file)["properties"] as? [String: Any]
    let version = (properties?["schemaVersion"] as? [String: Any])?["const"] as? Int
    #expect(version == Draft.schemaVersion)
  }

  @Test("the classified record's schema repeats the record's fields exactly, and adds the classifier's")
  func classifiedRecordExtendsRecord() throws {
    let record = try Self.object(JSONSchemaCheck.Schema.record.file)
    let classified = try Self.object(JSONSchemaCheck.Schema.classifiedRecord.file)
    let recordProperties = try #require(record["properties"] as? [String: Any])
    let classifiedProperties = try #require(classified["properties"] as? [String: Any])
    for (name, definition) in recordProperties {
      #expect(
        try classifiedProperties[name].map(Self.text) == (try Self.text(definition)), "\(name) differs from record.schema.json")
    }
    let recordDefinitions = try #require(record["$defs"] as? [String: Any])
    let classifiedDefinitions = try #require(classified["$defs"] as? [String: Any])
    for (name, definition) in recordDefinitions {
      #expect(try classifiedDefinitions[name].map(Self.text) == (try Self.text(definition)), "$defs.\(name) differs")
    }
    let required = try #require(record["required"] as? [String])
    let classifiedRequired = try #require(classified["required"] as? [String])
    #expect(Array(classifiedRequired.prefix(required.count)) == required)
    #expect(Set(classifiedRequired).subtracting(required) == ["companies", "matchedAssignee", "matchedBy", "topics", "score"])
  }

  @Test("a draft missing a field, with an extra one or a wrong type is rejected, each problem by its path")
  func wrongDraftRejected() throws {
    var draft = try Self.sampleDraft()
    #expect(try JSONSchemaCheck.problems(in: Self.text(draft), against: .draft) == [])
    draft["headline"] = nil
    draft["schemaVersion"] = Draft.schemaVersion + 1
    var lead = try #require(draft["lead"] as? [String: Any])
    lead["brandNewField"] = "added without updating the schema"
    draft["lead"] = lead
    var numbers = try #require(draft["byTheNumbers"] as? [String: Any])
    numbers["documents"] = "49"
    draft["byTheNumbers"] = numbers
    var sections = try #require(draft["sections"] as? [[String: Any]])
    var items = try #require(sections[1]["items"] as? [[String: Any]])
    items[0]["type"] = "patent"
    sections[1]["items"] = items
    draft["sections"] = sections
    let problems = try JSONSchemaCheck.problems(in: Self.text(draft), against: .draft)
    #expect(
      Set(problems) == [
        "<stdin>: $: 'headline' is a required property",
        "<stdin>: $.byTheNumbers.documents: '49' is not of type 'integer'",
        "<stdin>: $.lead: Additional properties are not allowed ('brandNewField' was unexpected)",
        "<stdin>: $.schemaVersion: \(Draft.schemaVersion) was expected",
        "<stdin>: $.sections[1].items[0].type: 'patent' is not one of ['application', 'grant']",
      ])
    #expect(problems.count == 5)
  }

  @Test("a wrong report, record, classified record and history count are rejected; so is text that is not JSON")
  func otherWrongOutputsRejected() throws {
    let folder = try TestPaths.newTemporaryFolder("patent-digest-schema")
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("week").path
    #expect(try BinaryRunner.run(["build", "-q", "--out", out, "Samples/ipa261126.zip"]).status == 0)
    var report = try Self.object(URL(fileURLWithPath: out + "/report.json"))
    var picks = try #require(report["picks"] as? [[String: Any]])
    picks[0]["role"] = "third item"
    report["picks"] = picks
    report["watchList"] = nil
    #expect(
      try JSONSchemaCheck.problems(in: Self.text(report), against: .report) == [
        "<stdin>: $: 'watchList' is a required property",
        "<stdin>: $.picks[0].role: 'third item' is not one of ['lead', 'first item', 'second item']",
      ])

    let parse = try BinaryRunner.run(["parse", "Samples/ipa261126.xml"])
    var lines = parse.standardOutput.split(separator: "\n").map(String.init)
    var second = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
    second["claimCount"] = nil
    lines[1] = try Self.text(second)
    #expect(
      try JSONSchemaCheck.problems(in: lines.joined(separator: "\n") + "\n", against: .record, as: .lines) == [
        "<stdin>:2: $: 'claimCount' is a required property"
      ])
    #expect(
      try JSONSchemaCheck.problems(in: parse.standardOutput, against: .classifiedRecord, as: .lines).first
        == "<stdin>:1: $: 'companies' is a required property")

    let classify = try BinaryRunner.run(["classify", "--watched-only", "--format", "json", "Samples/ipa261126.xml"])
    var records = try #require(try JSONSerialization.jsonObject(with: Data(classify.standardOutput.utf8)) as? [[String: Any]])
    records[2]["matchedBy"] = 7
    #expect(
      try JSONSchemaCheck.problems(in: Self.text(records), against: .classifiedRecord, as: .each) == [
        "<stdin>[2]: $.matchedBy: 7 is not of type 'string', 'null'"
      ])

    let counts = #"{"by": "company", "weeks": [{"week": "2026-11-22", "documents": 1, "applications": 1, "grants": 0}]}"#
    #expect(
      try JSONSchemaCheck.problems(in: counts, against: .historyCounts) == [
        "<stdin>: $.weeks[0]: 'counts' is a required property"
      ])
    #expect(
      try JSONSchemaCheck.problems(in: "{\"by\": null", against: .historyCounts).first?.hasPrefix("<stdin>: not JSON") == true)
  }

  @Test("history --format json without --by is valid too (counts with --by are checked in HistoryCommandTests)")
  func historyTotals() throws {
    let folder = try TestPaths.newTemporaryFolder("patent-digest-schema")
    defer { try? FileManager.default.removeItem(at: folder) }
    let database = folder.appendingPathComponent("history.sqlite").path
    let imported = try BinaryRunner.run([
      "history", "import", "--history", database, "Samples/ipa261126.zip", "Samples/ipg261124.zip",
    ])
    #expect(imported.status == 0, "\(imported.standardError)")
    let run = try BinaryRunner.run(["history", "--history", database, "--weeks", "3", "--format", "json"])
    #expect(run.status == 0, "\(run.standardError)")
    #expect(run.standardOutput.contains(#""by":null"#))
    #expect(try JSONSchemaCheck.problems(in: run.standardOutput, against: .historyCounts) == [])
  }
}
