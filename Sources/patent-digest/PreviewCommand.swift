import ArgumentParser
import PatentDigest
import PatentDigestPreview

struct PreviewCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "preview",
    abstract: "Preview and shape the week's draft in a browser.",
    discussion: """
      Starts a local web server and prints its address. The page shows the draft as readers will \
      see it, with controls to pick another lead, drop, add and reorder items, and rewrite the \
      headline, dek, intro, subheads and blurbs. Changes are saved to the edits file (--edits), \
      which `patent-digest build --edits FILE` applies in the weekly job. A change on disk to a \
      template, the watch list or the edits file shows in the open page within a second.
      """
  )

  @OptionGroup var feedOptions: FeedOptions
  @OptionGroup var watchList: WatchListOption
  @OptionGroup var copyRules: CopyRulesOption

  @Option(help: ArgumentHelp("Folder with an editor's own templates.", valueName: "DIR"))
  var templates: String?

  @Option(help: ArgumentHelp("The edits file to read and save (created on the first change).", valueName: "FILE"))
  var edits = "edits.yaml"

  @OptionGroup var history: HistoryRecordingOption

  @Option(help: "Port to listen on (0 picks a free one).")
  var port = 8088

  @Option(help: "Address to listen on; loopback unless you say otherwise.")
  var host = "127.0.0.1"

  func run() async throws {
    try await CommandFailure.reporting {
      let reading = try history.openForReading(quiet: feedOptions.quiet)
      let session = try PreviewSession(
        options: .init(
          inputs: feedOptions.inputs, readerOptions: feedOptions.readerOptions, watchListPath: watchList.path,
          copyRulesPath: copyRules.path, templatesFolder: templates, editsPath: edits,
          history: reading.map(HistoryRecordingOption.draftHistory(for:))))
      let quiet = feedOptions.quiet
      do {
        try await PreviewServer.run(session: session, host: host, port: port) { address in
          var output = StandardOutput()
          print(address, to: &output)
          if !quiet {
            StandardError.print("previewing the draft at \(address) (edits are saved to the edits file); Ctrl-C stops")
          }
        }
      } catch let error as ListenError {
        throw CommandFailure.cannotListen(error)
      }
    }
  }

  func validate() throws {
    if !(0...65535).contains(port) { throw ValidationError("--port must be between 0 and 65535 (0 picks a free one).") }
  }
}
