import ArgumentParser
import PatentDigest
import PatentDigestFetch
import PatentDigestHistory
import PatentDigestPreview

/// The documented exit codes (see `patent-digest --help`).
enum ExitStatus {
  static let someDocumentsFailed = ExitCode(1)
  /// `check` found faults in the copy.
  static let someHits = ExitCode(1)
  static let unusableInput = ExitCode(2)
  /// The preview could not listen on its address (sysexits' EX_UNAVAILABLE).
  static let cannotListen = ExitCode(69)
  static let outputFailed = ExitCode(74)

  /// `fetch` and `weekly`, after sysexits: what the portal or the folder did.
  static func fetchFailed(_ kind: FetchError.Kind) -> ExitCode {
    switch kind {
    case .nothingListed: ExitCode(66)  // EX_NOINPUT
    case .unreachable: ExitCode(69)  // EX_UNAVAILABLE
    case .cannotWrite: ExitCode(74)  // EX_IOERR
    case .tryLater: ExitCode(75)  // EX_TEMPFAIL
    case .unexpectedAnswer, .damagedDownload: ExitCode(76)  // EX_PROTOCOL
    case .noKey, .keyRejected: ExitCode(77)  // EX_NOPERM
    }
  }

  /// Ends a finished run with its code: unusable inputs weigh more than failed documents.
  static func finish(_ summary: FeedSummary) throws(ExitCode) {
    if summary.unusableInputs > 0 { throw unusableInput }
    if summary.failedDocuments > 0 || summary.strayBytes > 0 { throw someDocumentsFailed }
  }
}

/// Why a command stops early: one message on stderr, then the documented exit code. Commands
/// throw it (or a `JobError`) from inside `CommandFailure.reporting`, the one place that prints
/// and maps them.
enum CommandFailure: Error {
  case job(JobError)
  case output(OutputError)
  case cannotListen(ListenError)
  case fetch(FetchError)
  case history(HistoryError)

  var message: String {
    switch self {
    case .job(.missingEditsFile(let path)): "\(path): no such edits file (leave out --edits to build without edits)"
    case .job(let error): error.description
    case .output(let error): error.description
    case .cannotListen(let error): error.description
    case .fetch(let error): error.message
    case .history(let error): error.description
    }
  }

  var status: ExitCode {
    switch self {
    case .job(.output), .output: ExitStatus.outputFailed
    case .job: ExitStatus.unusableInput
    case .cannotListen: ExitStatus.cannotListen
    case .fetch(let error): ExitStatus.fetchFailed(error.kind)
    case .history(let error): error.isUnusableFile ? ExitStatus.unusableInput : ExitStatus.outputFailed
    }
  }

  /// Runs a command's body; a failure is printed on stderr and becomes its exit code.
  static func reporting<Result>(_ body: () throws -> Result) throws -> Result {
    do {
      return try body()
    } catch {
      throw exit(for: error)
    }
  }

  /// The same for an async body (the preview, fetch, weekly).
  static func reporting<Result>(_ body: () async throws -> Result) async throws -> Result {
    do {
      return try await body()
    } catch {
      throw exit(for: error)
    }
  }

  /// The one place a library's error becomes a command's failure: printed, then its exit code.
  /// Anything else (ArgumentParser's own errors, an exit code already chosen) passes through.
  private static func exit(for error: any Error) -> any Error {
    switch error {
    case let failure as CommandFailure: failure.exit()
    case let error as JobError: CommandFailure.job(error).exit()
    case let error as FetchError: CommandFailure.fetch(error).exit()
    case let error as HistoryError: CommandFailure.history(error).exit()
    default: error
    }
  }

  private func exit() -> ExitCode {
    StandardError.print(message)
    return status
  }
}
