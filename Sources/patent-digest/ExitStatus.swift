import ArgumentParser
import PatentDigest

/// The documented exit codes (see `patent-digest --help`).
enum ExitStatus {
  static let someDocumentsFailed = ExitCode(1)
  static let unusableInput = ExitCode(2)
  static let outputFailed = ExitCode(74)
  /// The preview could not listen on its address (sysexits' EX_UNAVAILABLE).
  static let cannotListen = ExitCode(69)

  /// The code for a finished run: unusable inputs weigh more than failed documents.
  static func code(for summary: FeedSummary) -> ExitCode {
    if summary.unusableInputs > 0 { return unusableInput }
    if summary.failedDocuments > 0 || summary.strayBytes > 0 { return someDocumentsFailed }
    return .success
  }
}
