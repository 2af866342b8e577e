import Foundation
import PatentDigestHistory

#if canImport(Glibc)
  import Glibc
#endif

/// The import's progress on one line of stderr, redrawn in place; shown only when stderr is a
/// terminal, so logs and pipes get the per-file lines alone.
struct ProgressLine {
  private let enabled = isatty(2) != 0
  private var shown = false
  private var lastDrawn = ContinuousClock.now - .seconds(1)

  mutating func show(_ progress: HistoryImportJob.Progress) {
    guard enabled, ContinuousClock.now - lastDrawn >= .milliseconds(200) || progress.filesDone == progress.fileCount
    else { return }
    lastDrawn = ContinuousClock.now
    var line =
      "history: \(progress.filesDone)/\(progress.fileCount) files, \(progress.documents.formatted()) documents, "
      + "\(Int(progress.rate).formatted()) documents/s"
    if let left = progress.secondsLeft, progress.filesDone < progress.fileCount { line += ", about \(Self.duration(left)) left" }
    var stream = StandardError()
    stream.write("\r\u{1B}[K" + line)
    shown = true
  }

  /// Takes the line away, so a message can be printed in its place.
  mutating func clear() {
    guard shown else { return }
    var stream = StandardError()
    stream.write("\r\u{1B}[K")
    shown = false
  }

  private static func duration(_ seconds: Double) -> String {
    if seconds < 60 { return "\(max(1, Int(seconds.rounded()))) s" }
    if seconds < 3600 { return "\(Int((seconds / 60).rounded())) min" }
    return String(format: "%.1f h", seconds / 3600)
  }
}
