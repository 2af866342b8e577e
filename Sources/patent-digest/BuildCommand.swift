public import ArgumentParser
import Foundation
import PatentDigest

extension DraftFormat: ExpressibleByArgument {}

struct BuildCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "build",
    abstract: "Build the weekly column draft from the week's feeds.",
    discussion: """
      Without --out, the draft is written to stdout in one format (Markdown by default). With \
      --out DIR, every format (draft.md, draft.html, draft.txt, draft.json) and the run report \
      (report.txt, report.json) are written to DIR, and the folder switches to them all at once: \
      the files are links into DIR/current, which points at a complete version in DIR/.versions \
      and is replaced in one atomic step. A reader of DIR sees the previous complete draft or the \
      new complete one, never a mix or a half-written file; the previous version is kept until the \
      next run. The job never writes DIR/edits.yaml, and running the same week again is safe.
      """
  )

  @OptionGroup var feedOptions: FeedOptions
  @OptionGroup var watchList: WatchListOption

  @Option(
    help: ArgumentHelp(
      "Folder with an editor's own templates (draft.md.mustache, draft.html.mustache, draft.txt.mustache).", valueName: "DIR"))
  var templates: String?

  @Option(help: "Format written to stdout: markdown, html, text or json.")
  var format: DraftFormat = .markdown

  @Option(help: ArgumentHelp("Write every format and the run report to this folder instead of stdout.", valueName: "DIR"))
  var out: String?

  @Option(
    help: ArgumentHelp(
      "An editor's edits to apply (as `patent-digest preview` saves them); with --out, DIR/edits.yaml is applied when it exists.",
      valueName: "FILE"))
  var edits: String?

  func run() throws {
    let classifier = Classifier(watchList: try watchList.load())
    let renderer = try loadRenderer()
    let editsPath = edits ?? out.map { "\($0)/edits.yaml" }
    // Only the implicit DIR/edits.yaml may be absent: a file the user names must be there.
    if let edits, !FileManager.default.fileExists(atPath: edits) {
      StandardError.print("\(edits): no such edits file (leave out --edits to build without edits)")
      throw ExitStatus.unusableInput
    }
    let draftEdits: DraftEdits
    do {
      draftEdits = try editsPath.map(DraftEdits.init(contentsOfFile:)) ?? DraftEdits()
    } catch {
      StandardError.print(error.description)
      throw ExitStatus.unusableInput
    }
    let weekly = try WeeklyDraft.build(
      feedOptions.inputs, options: feedOptions.readerOptions, classifier: classifier, edits: draftEdits,
      watchListSource: watchList.path ?? "built-in watch list", templatesSource: renderer.source, problem: FeedOptions.report)
    for problem in weekly.report.editProblems { StandardError.print("warning: \(problem)") }
    do {
      if let out {
        var files: [(name: String, bytes: [UInt8])] = []
        for format in DraftFormat.allCases {
          files.append((format.outputFile, Array(try render(weekly.draft, format, renderer).utf8)))
        }
        files.append(("report.txt", Array(weekly.report.text.utf8)))
        files.append(("report.json", Array(RunReportJSON.encode(weekly.report).utf8)))
        let publication = try OutputFolder(out).publish(files)
        for kept in publication.keptAside {
          StandardError.print(
            "\(kept.original) was changed by hand; kept it as \(kept.keptAs) and put this week's draft in its place")
        }
        if !feedOptions.quiet { StandardError.print("wrote the draft and the run report to \(out)") }
      } else {
        var output = FileDescriptorSink.standardOutput
        try output.write(Array(try render(weekly.draft, format, renderer).utf8))
        try output.flush()
      }
    } catch let error as OutputError {
      StandardError.print(error.message)
      throw ExitStatus.outputFailed
    }
    feedOptions.printSummary(weekly.summary)
    let code = ExitStatus.code(for: weekly.summary)
    if code != .success { throw code }
  }

  private func loadRenderer() throws -> DraftRenderer {
    guard let templates else { return .builtIn() }
    do {
      return try DraftRenderer(folder: templates)
    } catch {
      StandardError.print(error.description)
      throw ExitStatus.unusableInput
    }
  }

  private func render(_ draft: Draft, _ format: DraftFormat, _ renderer: DraftRenderer) throws -> String {
    do {
      return try renderer.render(draft, as: format)
    } catch {
      StandardError.print(error.description)
      throw ExitStatus.unusableInput
    }
  }
}
