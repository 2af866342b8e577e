import ArgumentParser
import Foundation
import PatentDigest

struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract:
      "Check the copy of drafts written by `build --format json`: boilerplate, claim language, broken articles, cut sentences.",
    discussion: """
      Each DRAFT is a file or - for standard input. Prints one line per hit on stdout:

        FILE: PIECE: KIND: "EXCERPT": EXPLANATION

      where PIECE is where the words are in the draft's JSON (headline, dek, intro[0], \
      sections[1].items[0].blurb, restOfWeek[0].entries[2].title) and KIND one of \
      \(LintHit.Kind.allCases.map(\.rawValue).joined(separator: ", ")). A summary goes to stderr. \
      With --json, one JSON object instead: the hits, their counts by kind, and each draft's \
      figures (headline words; each item's subhead and blurb words and blurb Flesch–Kincaid grade).

      Exit codes:
        0   no hits
        1   some hits (all printed)
        2   a DRAFT could not be read, or is not a draft as `build --format json`
            writes it (one line on stderr names it; the other drafts are checked)
      """
  )

  @Argument(help: ArgumentHelp("Drafts as `build --format json` writes them, or - for standard input.", valueName: "DRAFT"))
  var drafts: [String]

  @Flag(help: "Print the hits and the figures as one JSON object (for the copy benchmark).")
  var json = false

  func validate() throws {
    if drafts.isEmpty { throw ValidationError("Name at least one DRAFT (or - for standard input).") }
  }

  func run() throws {
    let lint = ColumnLint()
    var report = CheckReport()
    var unusable = 0
    var stream = StandardOutput()
    for path in drafts {
      let copy: DraftCopy
      do {
        copy = try DraftCopy(json: try Self.read(path))
      } catch {
        StandardError.print("\(path): \(error)")
        unusable += 1
        continue
      }
      let hits = lint.check(copy.pieces)
      report.add(file: path, hits: hits, stats: CopyStats(copy))
      if !json {
        for hit in hits {
          print("\(path): \(hit.piece): \(hit.kind.rawValue): \"\(hit.excerpt)\": \(hit.explanation)", to: &stream)
        }
      }
    }
    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      print(String(decoding: try encoder.encode(report), as: UTF8.self), to: &stream)
    }
    let counts = report.countsByKind.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
    StandardError.print(
      "checked \(report.drafts.count) draft\(report.drafts.count == 1 ? "" : "s"): \(report.hits.count) hit\(report.hits.count == 1 ? "" : "s")"
        + (counts.isEmpty ? "" : " (\(counts))") + (unusable > 0 ? "; \(unusable) could not be read" : ""))
    if unusable > 0 { throw ExitStatus.unusableInput }
    if !report.hits.isEmpty { throw ExitStatus.someHits }
  }

  /// A draft's bytes; a failure names what went wrong, the command names the file.
  private static func read(_ path: String) throws -> [UInt8] {
    if path == "-" { return Array(FileHandle.standardInput.readDataToEndOfFile()) }
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw CheckReadError("no such file") }
    guard !isFolder.boolValue else { throw CheckReadError("is a folder") }
    guard let data = FileManager.default.contents(atPath: path) else { throw CheckReadError("cannot be read") }
    return Array(data)
  }
}

private struct CheckReadError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

/// What `check --json` prints: every hit with its file, the counts by kind, each draft's figures.
private struct CheckReport: Encodable {
  struct FileHit: Encodable {
    var file: String
    var piece: String
    var kind: String
    var excerpt: String
    var explanation: String
  }

  struct DraftFigures: Encodable {
    var file: String
    var hits: Int
    var stats: CopyStats
  }

  var hits: [FileHit] = []
  var countsByKind: [String: Int] = [:]
  var drafts: [DraftFigures] = []

  mutating func add(file: String, hits newHits: [LintHit], stats: CopyStats) {
    for hit in newHits {
      hits.append(
        FileHit(file: file, piece: hit.piece, kind: hit.kind.rawValue, excerpt: hit.excerpt, explanation: hit.explanation))
      countsByKind[hit.kind.rawValue, default: 0] += 1
    }
    drafts.append(DraftFigures(file: file, hits: newHits.count, stats: stats))
  }
}
