import Foundation

/// The weekly job, one owner from end to end: read the feeds, classify every record on the
/// workers, draft the column, render it in every format and publish it with the run report.
///
/// `patent-digest build` runs it once; the preview keeps one and runs it again when the watch
/// list changes.
public struct WeeklyJob: Sendable {
  public var inputs: [FeedInput]
  public var readerOptions: FeedReaderOptions
  public var classifier: Classifier
  /// What the column's copy drops from abstracts and which words it swaps.
  public var copyRules: CopyRules
  public var edits: DraftEdits
  /// Where the watch list came from, for the run report.
  public var watchListSource: String
  public var renderer: DraftRenderer
  /// What the draft asks of earlier weeks: which of the week's watched filings an earlier week's
  /// draft featured, and the week's background (context lines, trends, charts). Nil: no history,
  /// every filing may be picked and the draft says nothing of earlier weeks.
  public var history: (any DraftHistory)?

  public init(
    _ inputs: [FeedInput], readerOptions: FeedReaderOptions = FeedReaderOptions(),
    classifier: Classifier = Classifier(watchList: .default), copyRules: CopyRules = .default,
    edits: DraftEdits = DraftEdits(), watchListSource: String = WeeklyJob.builtInWatchListSource,
    renderer: DraftRenderer = .builtIn()
  ) {
    self.copyRules = copyRules
    self.inputs = inputs
    self.readerOptions = readerOptions
    self.classifier = classifier
    self.edits = edits
    self.watchListSource = watchListSource
    self.renderer = renderer
  }

  /// The weeks before this one the history is asked to count: the chart's eleven (the trends'
  /// four are among them).
  public static let backgroundWeeks = WeekTrends.chartWeeks - 1

  /// How the run report names the built-in watch list.
  public static let builtInWatchListSource = "built-in watch list"

  /// The job with its watch list, copy rules, templates and edits read from files (nil: the
  /// built-in ones, no edits), checked in that order. An edits file that does not exist means no edits, unless
  /// `editsMustExist`.
  public static func load(
    _ inputs: [FeedInput], readerOptions: FeedReaderOptions = FeedReaderOptions(), watchListPath: String?,
    copyRulesPath: String? = nil, templatesFolder: String?, editsPath: String?, editsMustExist: Bool = false
  ) throws(JobError) -> WeeklyJob {
    let watchList: WatchList
    do {
      watchList = try watchListPath.map { path throws(WatchListError) in try WatchList(contentsOfFile: path) } ?? .default
    } catch {
      throw .watchList(error)
    }
    let copyRules: CopyRules
    do {
      copyRules = try copyRulesPath.map { path throws(CopyRulesError) in try CopyRules(contentsOfFile: path) } ?? .default
    } catch {
      throw .copyRules(error)
    }
    let renderer: DraftRenderer
    do {
      renderer = try templatesFolder.map { folder throws(TemplateError) in try DraftRenderer(folder: folder) } ?? .builtIn()
    } catch {
      throw .templates(error)
    }
    if editsMustExist, let editsPath, !FileManager.default.fileExists(atPath: editsPath) {
      throw .missingEditsFile(path: editsPath)
    }
    let edits: DraftEdits
    do {
      edits = try editsPath.map { path throws(EditsError) in try DraftEdits(contentsOfFile: path) } ?? DraftEdits()
    } catch {
      throw .edits(error)
    }
    return WeeklyJob(
      inputs, readerOptions: readerOptions, classifier: Classifier(watchList: watchList), copyRules: copyRules, edits: edits,
      watchListSource: watchListPath ?? builtInWatchListSource, renderer: renderer)
  }

  // MARK: Read, classify, draft

  /// Reads the feeds, classifies every record and drafts the column with the edits, leaving out
  /// what `history` says an earlier week featured and writing what it says of earlier weeks (its
  /// errors are thrown; it is asked once, after the feeds are read). `problem` hears each failed
  /// document and unusable input as it happens (the report keeps them too).
  public func run(problem: (FeedEvent<ClassifiedRecord>) -> Void = { _ in }) throws -> WeeklyRun {
    var builder = DraftBuilder(
      watchedCompanies: classifier.watchList.watchedCompanies.map(\.name), copyRules: copyRules)
    var failures: [String] = []
    var unusable: [String] = []
    let summary = try FeedReader(options: readerOptions).read(inputs, transform: classifier.classify) { event in
      switch event {
      case .record(let classified): builder.add(classified)
      case .documentFailed(let failure):
        failures.append(failure.description)
        problem(event)
      case .inputFailed(let error):
        unusable.append(error.description)
        problem(event)
      }
    }
    if let history, let week = builder.week {
      // Only earlier weeks count: running the same week again picks what it picked.
      builder.earlierFeatures = try history.earlierFeatures(applicationNumbers: builder.watchedApplicationNumbers, before: week)
        .filter { $0.value.week < week }
      builder.background = try history.background(
        for: HistoryBackgroundRequest(week: week, weeksBefore: Self.backgroundWeeks, keys: builder.backgroundKeys))
    }
    let (draft, editProblems) = builder.draft(documents: summary.documents, edits: edits)
    let report = RunReport(
      inputs: inputs.map(\.displayName), summary: summary, failedDocuments: failures, unusableInputs: unusable,
      editProblems: editProblems, picks: RunReport.picks(in: draft), companiesWithoutItems: draft.companiesWithoutItems,
      watchList: watchListSource, templates: renderer.source)
    return WeeklyRun(draft: draft, report: report, summary: summary, builder: builder)
  }

  // MARK: Render, publish

  /// The draft in one format.
  public func render(_ draft: Draft, as format: DraftFormat) throws(JobError) -> String {
    do {
      return try renderer.render(draft, as: format)
    } catch {
      throw .templates(error)
    }
  }

  /// Every file of a run: the draft in each format, then the run report as text and as JSON.
  public func files(for run: WeeklyRun) throws(JobError) -> [(name: String, bytes: [UInt8])] {
    var files: [(name: String, bytes: [UInt8])] = []
    for format in DraftFormat.allCases {
      files.append((format.outputFile, Array(try render(run.draft, as: format).utf8)))
    }
    files.append(("report.txt", Array(run.report.text.utf8)))
    files.append(("report.json", Array(RunReportJSON.encode(run.report).utf8)))
    return files
  }

  /// Writes every file of `run` to `folder` and switches the folder to them in one step (see
  /// `OutputFolder`).
  public func publish(_ run: WeeklyRun, to folder: String) throws(JobError) -> OutputFolder.Publication {
    let files = try files(for: run)
    do {
      return try OutputFolder(folder).publish(files)
    } catch {
      throw .output(error)
    }
  }
}
