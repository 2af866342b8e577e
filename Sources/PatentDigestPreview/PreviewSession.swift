import Foundation
public import PatentDigest

/// What the preview serves: the week's draft with the editor's edits, kept up to date with the
/// files on disk (templates, watch list, edits), and the single place edits are saved from.
///
/// An actor: requests, saves and the file watcher take turns, so two saves never interleave and
/// a reader never sees half a change.
public actor PreviewSession {
  /// What the preview reads.
  public struct Options: Sendable {
    public var inputs: [FeedInput]
    public var readerOptions: FeedReaderOptions
    public var watchListPath: String?
    public var copyRulesPath: String?
    public var templatesFolder: String?
    public var editsPath: String
    /// The history as a draft made with a classifier sees it: what earlier weeks featured and
    /// the week's background (nil: no history); only read. Asked again with the new classifier
    /// when the watch list changes, so the counts follow the companies and topics on the page.
    public var history: (@Sendable (Classifier) -> any DraftHistory)?

    public init(
      inputs: [FeedInput], readerOptions: FeedReaderOptions = FeedReaderOptions(), watchListPath: String?,
      copyRulesPath: String? = nil, templatesFolder: String?, editsPath: String,
      history: (@Sendable (Classifier) -> any DraftHistory)? = nil
    ) {
      self.copyRulesPath = copyRulesPath
      self.inputs = inputs
      self.readerOptions = readerOptions
      self.watchListPath = watchListPath
      self.templatesFolder = templatesFolder
      self.editsPath = editsPath
      self.history = history
    }
  }

  public let options: Options
  /// Required on every change: another web page open in the editor's browser cannot know it.
  public nonisolated let token: String

  /// The weekly job with the files' current watch list, templates and edits.
  private var job: WeeklyJob
  /// The classified week, drawn again on every change of the edits.
  private var week: WeeklyRun
  private(set) var draft: Draft
  private(set) var editProblems: [String]
  /// A template, watch list or edits file that cannot be used right now, shown on the page; the
  /// last good state is kept meanwhile.
  private(set) var problem: String?
  /// Bumped on every change the page should show.
  public private(set) var version = 1
  private var stamps: [String: FileStamp] = [:]
  private var renderCache: [DraftFormat: String] = [:]
  /// How many times the draft has been rendered: at most once per format and version, however
  /// many times the page is loaded.
  private(set) var renderCount = 0

  /// Reads the feeds and builds the first draft; throws what makes the preview impossible.
  public init(options: Options) throws {
    self.options = options
    token = Self.randomToken()
    job = try WeeklyJob.load(
      options.inputs, readerOptions: options.readerOptions, watchListPath: options.watchListPath,
      copyRulesPath: options.copyRulesPath, templatesFolder: options.templatesFolder, editsPath: options.editsPath)
    job.history = options.history?(job.classifier)
    week = try job.run()
    (draft, editProblems) = (week.draft, week.report.editProblems)
    stamps = Self.stamps(of: Self.watchedFiles(options))
  }

  // MARK: Reading

  /// The draft in one format, rendered once per version (when the version is made).
  public func rendered(_ format: DraftFormat) -> String {
    if let cached = renderCache[format] { return cached }
    let text: String
    renderCount += 1
    do {
      text = try job.renderer.render(draft, as: format)
    } catch {
      problem = error.description
      text = "template error: \(error.description)\n"
    }
    renderCache[format] = text
    return text
  }

  public struct Status: Sendable, Codable {
    public var version: Int
    public var problem: String?
    public var editProblems: [String]
  }

  public func status() -> Status {
    Status(version: version, problem: problem, editProblems: editProblems)
  }

  public func currentDraft() -> Draft { draft }

  // MARK: Changing

  /// The edits file on disk cannot be read (an editor is halfway through changing it by hand), so
  /// a change from the page is not saved: saving would write the last good state over their text.
  public struct EditsFileUnreadable: Error, Sendable, CustomStringConvertible {
    /// Why the file cannot be read, with its path and line.
    public var problem: String
    public var description: String {
      "not saved: \(problem). The file was left as it is; finish or undo the change by hand, then try again"
    }
  }

  /// Applies one change and saves the edits file atomically; returns the new version.
  ///
  /// The change is applied to the file as it is on disk now, read again for every change, never to
  /// the server's last good state: someone may have edited the file by hand since. While it cannot
  /// be read, the change is refused and the file is left alone.
  public func apply(_ change: EditChange) throws -> Int {
    reloadIfChanged()
    let onDisk: DraftEdits
    do {
      onDisk = try DraftEdits(contentsOfFile: options.editsPath)
    } catch {
      throw EditsFileUnreadable(problem: error.description)
    }
    let changed = try change.applied(to: onDisk)
    try AtomicFile.write(changed.yaml, to: options.editsPath)
    job.edits = changed
    redraw()
    stamps = Self.stamps(of: Self.watchedFiles(options))
    return version
  }

  /// Looks at the files the preview depends on and takes in what changed; true when the page
  /// should update. The server calls it a few times a second.
  @discardableResult
  public func reloadIfChanged() -> Bool {
    let current = Self.stamps(of: Self.watchedFiles(options))
    guard current != stamps else { return false }
    let changed = Set(current.keys.filter { current[$0] != stamps[$0] }).union(stamps.keys.filter { current[$0] == nil })
    stamps = current
    problem = nil
    if let path = options.watchListPath, changed.contains(path) {
      do {
        job.classifier = Classifier(watchList: try WatchList(contentsOfFile: path))
        job.history = options.history?(job.classifier)
        week = try job.run()
      } catch {
        problem = "\(error)"
      }
    }
    if let path = options.copyRulesPath, changed.contains(path) {
      do {
        let rules = try CopyRules(contentsOfFile: path)
        job.copyRules = rules
        week.builder.copyRules = rules
      } catch {
        problem = error.description
      }
    }
    if let folder = options.templatesFolder, changed.contains(where: { $0.hasPrefix(folder) }) {
      do {
        job.renderer = try DraftRenderer(folder: folder)
      } catch {
        problem = error.description
      }
    }
    if changed.contains(options.editsPath) {
      do {
        job.edits = try DraftEdits(contentsOfFile: options.editsPath)
      } catch {
        problem = error.description
      }
    }
    redraw()
    return true
  }

  private func redraw() {
    (draft, editProblems) = week.redrawn(with: job.edits)
    renderCache = [:]
    version += 1
    renderEveryFormat()
  }

  /// Renders each format of a new version now, so a template error shows on the page with its
  /// file and line before anyone asks for that format.
  private func renderEveryFormat() {
    for format in DraftFormat.allCases { _ = rendered(format) }
  }

  // MARK: Files

  struct FileStamp: Hashable {
    var modified: Int
    var size: Int
  }

  static func watchedFiles(_ options: Options) -> [String] {
    var files = [options.editsPath]
    if let watchList = options.watchListPath { files.append(watchList) }
    if let copyRules = options.copyRulesPath { files.append(copyRules) }
    if let folder = options.templatesFolder {
      files += DraftFormat.allCases.compactMap(\.templateFile).map { (folder as NSString).appendingPathComponent($0) }
    }
    return files
  }

  static func stamps(of files: [String]) -> [String: FileStamp] {
    var result: [String: FileStamp] = [:]
    for file in files {
      var status = stat()
      guard stat(file, &status) == 0 else { continue }
      result[file] = FileStamp(
        modified: Int(status.st_mtim.tv_sec) * 1_000_000_000 + Int(status.st_mtim.tv_nsec), size: Int(status.st_size))
    }
    return result
  }

  static func randomToken() -> String {
    var generator = SystemRandomNumberGenerator()
    return (0..<4).map { _ in String(generator.next() as UInt64, radix: 16) }.joined()
  }
}
