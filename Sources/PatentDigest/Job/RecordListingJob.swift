/// The `parse` and `classify` job: read the feeds and print each record as JSON, in feed order.
public struct RecordListingJob: Sendable {
  public var inputs: [FeedInput]
  public var readerOptions: FeedReaderOptions

  public init(_ inputs: [FeedInput], readerOptions: FeedReaderOptions = FeedReaderOptions()) {
    self.inputs = inputs
    self.readerOptions = readerOptions
  }

  /// Prints each record `encode` turns into JSON (nil leaves it out; it runs on the workers) to
  /// `sink`, and finishes the output. `problem` hears each failed document and unusable input.
  public func run<Sink: ByteSink>(
    printingTo sink: Sink, format: RecordFormat, encode: @escaping @Sendable (PatentRecord) -> [UInt8]?,
    problem: (FeedEvent<[UInt8]?>) -> Void
  ) throws(JobError) -> FeedSummary {
    var printer = RecordPrinter(sink: sink, format: format)
    var outputError: OutputError?
    // `handle` throws only OutputError; it is kept typed here so the job's error stays specific.
    let summary: FeedSummary
    do {
      summary = try FeedReader(options: readerOptions).read(inputs, transform: encode) { event in
        if case .record(let encoded) = event {
          guard let encoded else { return }
          do throws(OutputError) {
            try printer.print(encoded: encoded)
          } catch {
            outputError = error
            throw error
          }
        } else {
          problem(event)
        }
      }
    } catch {
      throw .output(outputError ?? OutputError(message: "\(error)"))
    }
    do throws(OutputError) {
      try printer.finish()
    } catch {
      throw .output(error)
    }
    return summary
  }
}
