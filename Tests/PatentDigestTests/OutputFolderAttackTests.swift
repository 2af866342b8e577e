import Foundation
import PatentDigestTestSupport
import Testing

/// What an outside attack run did to `build --out DIR`, and a clumsy user's hand in the folder:
/// the job never follows a link it did not make, and never loses a file it did not write.
@Suite("build --out against links and hand edits in its folder")
struct OutputFolderAttackTests {
  private let samples = ["Samples/ipa261126.zip", "Samples/ipg261124.zip"]

  private func temporaryFolder() throws -> URL {
    try TestPaths.newTemporaryFolder("out-attack")
  }

  /// A folder of someone else's with one file in it, which the job must never touch.
  private func victimFolder() throws -> URL {
    let victim = try temporaryFolder()
    try Data("precious".utf8).write(to: victim.appendingPathComponent("precious.txt"))
    try FileManager.default.createDirectory(at: victim.appendingPathComponent("sub"), withIntermediateDirectories: true)
    try Data("also precious".utf8).write(to: victim.appendingPathComponent("sub/kept.txt"))
    return victim
  }

  private func expectUntouched(_ victim: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: victim.path).sorted()
    #expect(names == ["precious.txt", "sub"], sourceLocation: sourceLocation)
    #expect(
      try String(contentsOf: victim.appendingPathComponent("precious.txt"), encoding: .utf8) == "precious",
      sourceLocation: sourceLocation)
    #expect(
      try String(contentsOf: victim.appendingPathComponent("sub/kept.txt"), encoding: .utf8) == "also precious",
      sourceLocation: sourceLocation)
  }

  @Test("a DIR/.versions that is a link to another folder: refused with one line, exit 74, nothing touched")
  func versionsLink() throws {
    let victim = try victimFolder()
    let folder = try temporaryFolder()
    try FileManager.default.createSymbolicLink(
      atPath: folder.appendingPathComponent(".versions").path, withDestinationPath: victim.path)
    let run = try BinaryRunner.run(["build", "-q", "--out", folder.path] + samples)
    #expect(run.status == 74)
    #expect(
      run.standardError
        == "patent-digest: \(folder.path)/.versions is a link, not the job's folder; move it away and run the job again (nothing was written)\n"
    )
    try expectUntouched(victim)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [".versions"])
  }

  @Test("a DIR/.versions that is a link, found after a good run: the previous draft and the other folder stay as they were")
  func versionsLinkAfterRun() throws {
    let victim = try victimFolder()
    let folder = try temporaryFolder()
    #expect(try BinaryRunner.run(["build", "-q", "--out", folder.path] + samples).status == 0)
    let draft = try String(contentsOf: folder.appendingPathComponent("draft.md"), encoding: .utf8)
    let versions = folder.appendingPathComponent(".versions")
    try FileManager.default.moveItem(at: versions, to: folder.appendingPathComponent("moved"))
    try FileManager.default.createSymbolicLink(atPath: versions.path, withDestinationPath: victim.path)
    let run = try BinaryRunner.run(["build", "-q", "--out", folder.path] + samples)
    #expect(run.status == 74)
    try expectUntouched(victim)
    try FileManager.default.removeItem(at: versions)
    try FileManager.default.moveItem(at: folder.appendingPathComponent("moved"), to: versions)
    #expect(try String(contentsOf: folder.appendingPathComponent("draft.md"), encoding: .utf8) == draft)
  }

  @Test("a DIR/current that is a link the job did not make: refused with one line, exit 74, nothing touched")
  func foreignCurrentLink() throws {
    let victim = try victimFolder()
    for target in [victim.path, "../elsewhere", ".versions/../../elsewhere", ".versions/not-a-version"] {
      let folder = try temporaryFolder()
      let current = folder.appendingPathComponent("current")
      try FileManager.default.createSymbolicLink(atPath: current.path, withDestinationPath: target)
      let run = try BinaryRunner.run(["build", "-q", "--out", folder.path] + samples)
      #expect(run.status == 74, "\(target)")
      #expect(
        run.standardError
          == "patent-digest: \(current.path) is a link the job did not make (to \(target)); move it away and run the job again\n")
      #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["current"], "\(target)")
      #expect(try FileManager.default.destinationOfSymbolicLink(atPath: current.path) == target)
    }
    try expectUntouched(victim)
  }

  @Test("links planted inside DIR/.versions are removed as links; what they point at is never reached")
  func linksInsideVersions() throws {
    let victim = try victimFolder()
    let folder = try temporaryFolder()
    #expect(try BinaryRunner.run(["build", "-q", "--out", folder.path] + samples).status == 0)
    let versions = folder.appendingPathComponent(".versions")
    // Shaped like a version the job made, so the clean-up takes it for an old one.
    try FileManager.default.createSymbolicLink(
      atPath: versions.appendingPathComponent("2020-01-01T000000Z-1").path, withDestinationPath: victim.path)
    let stale = versions.appendingPathComponent("2020-01-02T000000Z-2")
    try FileManager.default.createDirectory(at: stale, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      atPath: stale.appendingPathComponent("draft.md").path,
      withDestinationPath: victim.appendingPathComponent("precious.txt").path)
    try FileManager.default.createSymbolicLink(
      atPath: stale.appendingPathComponent("sub").path, withDestinationPath: victim.appendingPathComponent("sub").path)
    // Not shaped like a version: not the job's, left alone.
    try FileManager.default.createSymbolicLink(
      atPath: versions.appendingPathComponent("someone-else").path, withDestinationPath: victim.path)
    #expect(try BinaryRunner.run(["build", "-q", "--out", folder.path] + samples).status == 0)
    #expect(try BinaryRunner.run(["build", "-q", "--out", folder.path] + samples).status == 0)
    try expectUntouched(victim)
    let left = try FileManager.default.contentsOfDirectory(atPath: versions.path)
    #expect(left.contains("someone-else"))
    #expect(!left.contains("2020-01-01T000000Z-1") && !left.contains("2020-01-02T000000Z-2"))
    #expect(left.count == 3)
  }

  @Test("a draft an editor saved over by hand is kept under a name that says so, and the run says where")
  func handEditedDraft() throws {
    let folder = try temporaryFolder()
    #expect(try BinaryRunner.run(["build", "-q", "--out", folder.path] + samples).status == 0)
    let draft = folder.appendingPathComponent("draft.md")
    let generated = try String(contentsOf: draft, encoding: .utf8)
    // Most editors save by writing a new file and renaming it over the old name.
    try FileManager.default.removeItem(at: draft)
    try Data("# My own headline\n\nWritten by hand.\n".utf8).write(to: draft)
    let run = try BinaryRunner.run(["build", "-q", "--out", folder.path] + samples)
    #expect(run.status == 0)
    let kept = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("draft.hand-edited-") }
    #expect(kept.count == 1)
    let keptName = try #require(kept.first)
    #expect(keptName.hasSuffix(".md"))
    #expect(
      run.standardError
        == "patent-digest: \(draft.path) was changed by hand; kept it as \(folder.path)/\(keptName) and put this week's draft in its place\n"
    )
    #expect(
      try String(contentsOf: folder.appendingPathComponent(keptName), encoding: .utf8)
        == "# My own headline\n\nWritten by hand.\n")
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: draft.path) == "current/draft.md")
    #expect(try String(contentsOf: draft, encoding: .utf8) == generated)
    // The kept file is the editor's from now on: later runs leave it alone.
    #expect(try BinaryRunner.run(["build", "-q", "--out", folder.path] + samples).standardError.isEmpty)
    #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(keptName).path))
  }

  @Test("a file of the editor's under a draft's name before the first run is kept too; a link of someone else's as well")
  func foreignEntriesBeforeFirstRun() throws {
    let victim = try victimFolder()
    let folder = try temporaryFolder()
    try Data("notes".utf8).write(to: folder.appendingPathComponent("report.txt"))
    try FileManager.default.createSymbolicLink(
      atPath: folder.appendingPathComponent("draft.html").path,
      withDestinationPath: victim.appendingPathComponent("precious.txt").path)
    let run = try BinaryRunner.run(["build", "-q", "--out", folder.path] + samples)
    #expect(run.status == 0)
    #expect(run.standardError.split(separator: "\n").count == 2)
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    let keptReport = try #require(names.first { $0.hasPrefix("report.hand-edited-") })
    #expect(try String(contentsOf: folder.appendingPathComponent(keptReport), encoding: .utf8) == "notes")
    let keptLink = try #require(names.first { $0.hasPrefix("draft.hand-edited-") && $0.hasSuffix(".html") })
    #expect(
      try FileManager.default.destinationOfSymbolicLink(atPath: folder.appendingPathComponent(keptLink).path)
        == victim.appendingPathComponent("precious.txt").path)
    try expectUntouched(victim)
  }

  @Test("templates --out never replaces what is there: a file, or a link even when it leads nowhere")
  func templatesNeverReplace() throws {
    let folder = try temporaryFolder()
    let markdown = folder.appendingPathComponent("draft.md.mustache")
    let html = folder.appendingPathComponent("draft.html.mustache")
    try Data("mine".utf8).write(to: markdown)
    try FileManager.default.createSymbolicLink(atPath: html.path, withDestinationPath: "/nonexistent/elsewhere")
    let run = try BinaryRunner.run(["templates", "--out", folder.path])
    #expect(run.status == 0)
    #expect(run.standardError.contains("\(markdown.path) exists; left as it is"))
    #expect(run.standardError.contains("\(html.path) exists; left as it is"))
    #expect(run.standardError.contains("wrote \(folder.path)/draft.txt.mustache"))
    #expect(try String(contentsOf: markdown, encoding: .utf8) == "mine")
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: html.path) == "/nonexistent/elsewhere")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }.isEmpty)
  }

  @Test("a folder under a draft's name: refused before anything is written, the previous draft still whole")
  func folderUnderDraftName() throws {
    let folder = try temporaryFolder()
    #expect(try BinaryRunner.run(["build", "-q", "--out", folder.path] + samples).status == 0)
    let current = try FileManager.default.destinationOfSymbolicLink(atPath: folder.appendingPathComponent("current").path)
    let report = folder.appendingPathComponent("report.json")
    try FileManager.default.removeItem(at: report)
    try FileManager.default.createDirectory(at: report, withIntermediateDirectories: true)
    let run = try BinaryRunner.run(["build", "-q", "--out", folder.path] + samples)
    #expect(run.status == 74)
    #expect(
      run.standardError
        == "patent-digest: \(report.path) is a folder, not the job's link; move it away and run the job again (nothing was written)\n"
    )
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder.appendingPathComponent("current").path) == current)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(".versions").path).count == 1)
  }
}
