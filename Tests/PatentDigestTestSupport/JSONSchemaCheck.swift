public import Foundation

/// Checks patent-digest's JSON outputs against the published schemas in `Schemas/`, with the
/// validator a newsletter pipeline would use: `Schemas/validate-json`, over Debian's
/// python3-jsonschema (which `scripts/ensure-system-packages` installs). One process per check,
/// about a tenth of a second.
public enum JSONSchemaCheck {
  /// A schema of `Schemas/`, by the output it describes.
  public enum Schema: String, Sendable, CaseIterable {
    /// `draft.json`, `build --format json`.
    case draft
    /// `report.json`.
    case report
    /// A record of `parse`.
    case record
    /// A record of `classify`.
    case classifiedRecord = "classified-record"
    /// `history --format json`.
    case historyCounts = "history-counts"

    public var file: URL {
      TestPaths.packageRoot.appendingPathComponent("Schemas").appendingPathComponent("\(rawValue).schema.json")
    }
  }

  /// How documents sit in the text.
  public enum Shape: String, Sendable {
    /// The text is one document.
    case document
    /// Each line is one (`--format ndjson`).
    case lines
    /// Each element of the array is one (`parse` and `classify` `--format json`).
    case each
  }

  /// The validator's script, beside the schemas.
  public static var validator: URL {
    TestPaths.packageRoot.appendingPathComponent("Schemas").appendingPathComponent("validate-json")
  }

  /// What the validator finds wrong with `text`, one line per problem naming where it is
  /// (`<stdin>: $.sections[0].items[1]: 'subhead' is a required property`); empty when valid.
  /// Throws when the validator cannot run, so a missing validator fails the test rather than
  /// passing it.
  public static func problems(in text: String, against schema: Schema, as shape: Shape = .document) throws -> [String] {
    let folder = try TestPaths.newTemporaryFolder("patent-digest-schema")
    defer { try? FileManager.default.removeItem(at: folder) }
    let input = folder.appendingPathComponent("document.json")
    try Data(text.utf8).write(to: input)
    var arguments = [validator.path]
    if shape != .document { arguments.append("--\(shape.rawValue)") }
    arguments.append(schema.file.path)
    let run = try BinaryRunner.run(arguments, standardInput: input, executable: python)
    switch run.status {
    case 0: return []
    case 1: return run.standardOutput.split(separator: "\n").map(String.init)
    default: throw ValidatorFailure(status: run.status, message: run.standardOutput + run.standardError)
    }
  }

  /// The same for a file the binary wrote.
  public static func problems(inFile path: String, against schema: Schema, as shape: Shape = .document) throws -> [String] {
    try problems(in: String(contentsOfFile: path, encoding: .utf8), against: schema, as: shape)
  }

  /// Debian's interpreter, where python3-jsonschema is installed; else the first on the path.
  private static var python: URL {
    let debian = "/usr/bin/python3"
    if FileManager.default.isExecutableFile(atPath: debian) { return URL(fileURLWithPath: debian) }
    for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
      let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("python3")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return URL(fileURLWithPath: debian)
  }

  /// The validator could not check the document (no jsonschema module, a schema that is not one).
  public struct ValidatorFailure: Error, CustomStringConvertible {
    public var status: Int32
    public var message: String
    public var description: String {
      "Schemas/validate-json exited with \(status) (run scripts/ensure-system-packages for python3-jsonschema): \(message)"
    }
  }
}
