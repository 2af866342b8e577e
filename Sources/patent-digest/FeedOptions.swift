import ArgumentParser
import PatentDigest

/// How feeds are read: shared by every command that reads them, `weekly` included.
struct ReadingOptions: ParsableArguments {
  @Option(
    help: "Threads that parse documents (default: one per core; at most \(FeedReaderOptions.maximumWorkerCount)).")
  var jobs: Int?

  @Option(
    name: .customLong("max-document-mb"),
    help:
      "Largest single document read, in MB (1-\(Self.documentMegabytesRange.upperBound)); larger ones are reported and skipped without being held in memory."
  )
  var maximumDocumentMegabytes = 256

  @Option(
    name: .customLong("max-inflated-mb"),
    help:
      "Most a compressed feed may inflate to, in MB (1-\(Self.inflatedMegabytesRange.upperBound)); guards against zip bombs."
  )
  var maximumInflatedMegabytes = 8192

  /// Up to 4 GB: a document is held in memory whole, and the largest real ones are a few hundred MB.
  static let documentMegabytesRange = 1...4096
  /// Up to 1 TB: a week inflates to under 2 GB; the bound only keeps the byte count from overflowing.
  static let inflatedMegabytesRange = 1...1_048_576

  @Flag(name: .shortAndLong, help: "Print no summary on stderr (problems are still reported).")
  var quiet = false

  func validate() throws {
    if let jobs, !(1...FeedReaderOptions.maximumWorkerCount).contains(jobs) {
      throw ValidationError("--jobs must be between 1 and \(FeedReaderOptions.maximumWorkerCount), not \(jobs).")
    }
    if !Self.documentMegabytesRange.contains(maximumDocumentMegabytes) {
      throw ValidationError(
        "--max-document-mb must be between 1 and \(Self.documentMegabytesRange.upperBound) (MB), not \(maximumDocumentMegabytes)."
      )
    }
    if !Self.inflatedMegabytesRange.contains(maximumInflatedMegabytes) {
      throw ValidationError(
        "--max-inflated-mb must be between 1 and \(Self.inflatedMegabytesRange.upperBound) (MB), not \(maximumInflatedMegabytes)."
      )
    }
  }

  var readerOptions: FeedReaderOptions {
    var options = FeedReaderOptions()
    if let jobs { options.workerCount = jobs }
    options.maximumDocumentBytes = maximumDocumentMegabytes << 20
    options.inflationLimits.maximumInflatedBytes = maximumInflatedMegabytes << 20
    return options
  }

  /// Reports one problem of the run on stderr.
  static func report<Output>(_ event: FeedEvent<Output>) {
    switch event {
    case .record: break
    case .documentFailed(let failure): StandardError.print(failure.description)
    case .inputFailed(let error): StandardError.print(error.description)
    }
  }

  func printSummary(_ summary: FeedSummary) {
    guard !quiet else { return }
    func counted(_ count: Int, _ singular: String, _ plural: String) -> String {
      "\(count) \(count == 1 ? singular : plural)"
    }
    var parts = [counted(summary.records, "record", "records")]
    if summary.sequenceListings > 0 {
      parts.append(counted(summary.sequenceListings, "sequence listing", "sequence listings") + " skipped")
    }
    if summary.failedDocuments > 0 { parts.append("\(summary.failedDocuments) failed") }
    if summary.strayBytes > 0 {
      parts.append(counted(summary.strayBytes, "stretch", "stretches") + " of stray bytes")
    }
    // A zip's entries are judged one by one, so there can be more of these than inputs.
    if summary.unusableInputs > 0 {
      parts.append(counted(summary.unusableInputs, "unusable input or zip entry", "unusable inputs or zip entries"))
    }
    StandardError.print(
      "read \(counted(summary.documents, "document", "documents")) from \(counted(summary.inputs, "input", "inputs")): "
        + parts.joined(separator: ", "))
  }
}

/// The feeds named on the command line and how to read them.
struct FeedOptions: ParsableArguments {
  @Argument(help: ArgumentHelp("Weekly feed files (.xml, .zip, .gz), or - for standard input.", valueName: "FEED"))
  var feeds: [String]

  @OptionGroup var reading: ReadingOptions

  func validate() throws {
    if feeds.isEmpty { throw ValidationError("Name at least one FEED (a .xml, .zip or .gz file, or - for standard input).") }
    if feeds.filter({ $0 == "-" }).count > 1 { throw ValidationError("Standard input (-) can be read only once.") }
  }

  var inputs: [FeedInput] { feeds.map(FeedInput.init(argument:)) }
  var readerOptions: FeedReaderOptions { reading.readerOptions }
  var quiet: Bool { reading.quiet }
  func printSummary(_ summary: FeedSummary) { reading.printSummary(summary) }
  static func report<Output>(_ event: FeedEvent<Output>) { ReadingOptions.report(event) }

  /// Reads the feeds and prints each record `encode` turns into JSON (nil leaves it out) on
  /// stdout, then the summary; ends with the documented code.
  func printRecords(format: RecordFormat, encode: @escaping @Sendable (PatentRecord) -> [UInt8]?) throws {
    try CommandFailure.reporting {
      let summary = try RecordListingJob(inputs, readerOptions: reading.readerOptions).run(
        printingTo: FileDescriptorSink.standardOutput, format: format, encode: encode, problem: ReadingOptions.report)
      reading.printSummary(summary)
      try ExitStatus.finish(summary)
    }
  }
}
