public import ArgumentParser
import PatentDigest

extension RecordFormat: ExpressibleByArgument {}

struct ParseCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "parse",
    abstract: "Read weekly feeds and print one JSON record per patent document.",
    discussion: """
      Records go to stdout in feed order; problems and a summary go to stderr. A broken document \
      is reported (file, document, publication number, line, reason) and the others are still \
      read. The record fields are documented in the README.
      """
  )

  @OptionGroup var feedOptions: FeedOptions

  @Option(help: "Output format: ndjson (one object per line) or json (one array).")
  var format: RecordFormat = .ndjson

  func run() throws {
    try feedOptions.printRecords(format: format) { RecordPrinter<FileDescriptorSink>.encode($0) }
  }
}
