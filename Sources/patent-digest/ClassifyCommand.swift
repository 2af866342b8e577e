import ArgumentParser
import PatentDigest

struct ClassifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "classify",
    abstract: "Read weekly feeds and print each record with its parent company, topics and score.",
    discussion: """
      Each record is the parse record plus `companies` (watched parents, the first is the section), \
      `matchedAssignee`, `matchedBy`, `topics` (with reasons) and `score` (with reasons). The watch \
      list decides which companies are watched and what the topics are.
      """
  )

  @OptionGroup var feedOptions: FeedOptions
  @OptionGroup var watchList: WatchListOption

  @Option(help: "Output format: ndjson (one object per line) or json (one array).")
  var format: RecordFormat = .ndjson

  @Flag(help: "Print only records of watched companies.")
  var watchedOnly = false

  func run() throws {
    let classifier = Classifier(watchList: try CommandFailure.reporting { try watchList.load() })
    let watchedOnly = self.watchedOnly
    try feedOptions.printRecords(format: format) { record in
      let classified = classifier.classify(record)
      if watchedOnly && classified.companies.isEmpty { return nil }
      return ClassifiedRecord.encode(classified)
    }
  }
}
