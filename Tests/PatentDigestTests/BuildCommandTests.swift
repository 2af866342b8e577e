import Foundation
import Testing

/// `patent-digest build` run as the weekly job runs it.
@Suite("patent-digest build, end to end")
struct BuildCommandTests {
  private let samples = ["Samples/ipa261126.zip", "Samples/ipg261124.zip"]

  private func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("build-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  @Test("the Markdown draft on stdout, the same bytes every run, problems and summary on stderr")
  func stdout() throws {
    let first = try BinaryRunner.run(["build"] + samples)
    let second = try BinaryRunner.run(["build"] + samples)
    #expect(first.status == 0, "\(first.standardError)")
    #expect(first.standardOutput.hasPrefix("# "))
    #expect(first.standardOutput == second.standardOutput)
    #expect(first.standardError == "patent-digest: read 49 documents from 2 inputs: 48 records, 1 sequence listing skipped\n")
    let html = try BinaryRunner.run(["build", "--format", "html", "-q"] + samples)
    #expect(html.standardOutput.hasPrefix("<!DOCTYPE html>"))
    #expect(html.standardError.isEmpty)
  }

  @Test("--out writes every format and the run report as one version, switched whole; a re-run is safe")
  func outFolder() throws {
    let folder = try temporaryFolder().appendingPathComponent("2026-11-26")
    let run = try BinaryRunner.run(["build", "--out", folder.path] + samples)
    #expect(run.status == 0, "\(run.standardError)")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    #expect(files == [".versions", "current", "draft.html", "draft.json", "draft.md", "draft.txt", "report.json", "report.txt"])
    // Each file is a link into `current`, which points at the one version folder.
    let versions = folder.appendingPathComponent(".versions")
    let first = try FileManager.default.contentsOfDirectory(atPath: versions.path)
    #expect(first.count == 1)
    #expect(
      try FileManager.default.destinationOfSymbolicLink(atPath: folder.appendingPathComponent("current").path)
        == ".versions/\(first[0])")
    #expect(
      try FileManager.default.destinationOfSymbolicLink(atPath: folder.appendingPathComponent("draft.md").path)
        == "current/draft.md")
    let report = try String(contentsOf: folder.appendingPathComponent("report.txt"), encoding: .utf8)
    #expect(report.contains("Picked:"))
    #expect(report.contains("Problems: none"))
    let markdown = try String(contentsOf: folder.appendingPathComponent("draft.md"), encoding: .utf8)
    let stdout = try BinaryRunner.run(["build", "-q"] + samples).standardOutput
    #expect(markdown == stdout)
    let again = try BinaryRunner.run(["build", "--out", folder.path] + samples)
    #expect(again.status == 0)
    #expect(try String(contentsOf: folder.appendingPathComponent("draft.md"), encoding: .utf8) == markdown)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == files)
    // The previous version is kept for readers still in it; older ones are removed.
    #expect(try FileManager.default.contentsOfDirectory(atPath: versions.path).count == 2)
    #expect(try BinaryRunner.run(["build", "-q", "--out", folder.path] + samples).status == 0)
    let kept = try FileManager.default.contentsOfDirectory(atPath: versions.path)
    #expect(kept.count == 2)
    #expect(!kept.contains(first[0]))
  }

  @Test("--out never replaces an entry the job did not make: a `current` of someone else's is refused")
  func foreignCurrent() throws {
    let folder = try temporaryFolder()
    try "mine".write(to: folder.appendingPathComponent("current"), atomically: false, encoding: .utf8)
    let run = try BinaryRunner.run(["build", "-q", "--out", folder.path] + samples)
    #expect(run.status == 74)
    #expect(
      run.standardError == "patent-digest: \(folder.path)/current is not the job's link; move it away and run the job again\n")
    #expect(try String(contentsOf: folder.appendingPathComponent("current"), encoding: .utf8) == "mine")
  }

  @Test("an output folder that cannot be made: one clear line, exit 74")
  func unwritableOut() throws {
    let blocker = try FeedTestSupport.temporaryFile("not a folder", name: "blocker")
    let run = try BinaryRunner.run(["build", "--out", "\(blocker)/week"] + samples)
    #expect(run.status == 74)
    #expect(run.standardError.contains("cannot create the folder \(blocker)/week"))
  }

  @Test("a broken template: file and line on stderr, exit 2, nothing on stdout")
  func brokenTemplate() throws {
    let folder = try temporaryFolder()
    let write = try BinaryRunner.run(["templates", "--out", folder.path])
    #expect(write.status == 0)
    let template = folder.appendingPathComponent("draft.md.mustache")
    try Data("# {{headline}}\n{{#sections}}\n## {{company}}\n".utf8).write(to: template)
    let run = try BinaryRunner.run(["build", "--templates", folder.path] + samples)
    #expect(run.status == 2)
    #expect(run.standardError.hasPrefix("patent-digest: \(template.path):"))
    #expect(run.standardError.contains("never closed"))
    #expect(run.standardOutput.isEmpty)
  }

  @Test("an editor's templates are used")
  func ownTemplates() throws {
    let folder = try temporaryFolder()
    _ = try BinaryRunner.run(["templates", "--out", folder.path])
    try Data("{{% CONTENT_TYPE: TEXT}}\n{{headline}}\n".utf8).write(to: folder.appendingPathComponent("draft.txt.mustache"))
    let run = try BinaryRunner.run(["build", "--format", "text", "--templates", folder.path, "-q"] + samples)
    #expect(run.status == 0)
    #expect(run.standardOutput.split(separator: "\n").count == 1)
    #expect(run.standardOutput.contains(" wants to "))
  }
}
