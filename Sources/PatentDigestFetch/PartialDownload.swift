import Foundation
import PatentDigest
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One download on its way into the folder: the bytes go to a hidden temporary file and, through
/// a pipe, to a thread that checks the zip while they arrive (every entry's CRC and size). Only a
/// complete, checked file is flushed to disk and renamed to its final name, so a reader of the
/// folder never sees half a file, and a killed download leaves only a temporary file that the
/// next run removes.
final class PartialDownload {
  let finalPath: String
  let temporaryPath: String
  private let folder: String
  private let name: String
  private var file: Int32
  private var pipeInput: Int32
  private let checker: ZipCheckThread
  private(set) var written = 0

  /// Whether `candidate` is a temporary name a download took (`AtomicFile.temporaryName` of a
  /// zip); `DownloadFolder` removes leftovers of killed runs by it.
  static func isTemporaryName(_ candidate: String) -> Bool {
    candidate.hasPrefix(".") && candidate.range(of: ".zip.partial-") != nil
  }

  init(folder: String, name: String) throws(FetchError) {
    self.folder = folder
    self.name = name
    finalPath = "\(folder)/\(name)"
    temporaryPath = "\(folder)/\(AtomicFile.temporaryName(for: name))"
    unlink(temporaryPath)
    file = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
    guard file >= 0 else { throw DownloadFolder.writeFailure("cannot write in \(folder)", errno) }
    var ends: [Int32] = [0, 0]
    guard pipe(&ends) == 0 else {
      let code = errno
      close(file)
      unlink(temporaryPath)
      throw DownloadFolder.writeFailure("cannot check \(name) as it arrives", code)
    }
    _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
    _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
    #if os(Linux)
      _ = fcntl(ends[1], 1031 /* F_SETPIPE_SZ */, 1 << 20)  // Fewer wake-ups of the checker.
    #endif
    pipeInput = ends[1]
    checker = ZipCheckThread(reading: ends[0], archiveName: name)
  }

  deinit { discard() }

  /// Appends bytes to the file and hands them to the checker. Throws at once when the zip has
  /// already proved damaged, so a bad file is not downloaded to its end.
  func write(_ bytes: UnsafeRawBufferPointer) throws(FetchError) {
    if let problem = FileDescriptorWrite.all(bytes, to: file) {
      throw DownloadFolder.writeFailure("cannot write \(name) in \(folder)", problem)
    }
    written += bytes.count
    if pipeInput >= 0 && FileDescriptorWrite.all(bytes, to: pipeInput) != nil {
      // The checker stopped reading: it found a problem, reported by `finish()` or below.
      close(pipeInput)
      pipeInput = -1
    }
    if let problem = checker.failure {
      throw FetchError(.damagedDownload, "\(problem.description); nothing was kept")
    }
  }

  /// Waits for the check, then flushes the file to disk and gives it its final name (replacing a
  /// file of that name). Returns what the check found.
  func finish() throws(FetchError) -> ZipIntegrity.Summary {
    closePipe()
    let result = checker.result()
    let summary: ZipIntegrity.Summary
    switch result {
    case .success(let found): summary = found
    case .failure(let problem):
      discard()
      throw FetchError(.damagedDownload, "\(problem.description); nothing was kept")
    }
    if fsync(file) != 0 {
      let code = errno
      discard()
      throw DownloadFolder.writeFailure("cannot write \(name) in \(folder)", code)
    }
    close(file)
    file = -1
    if rename(temporaryPath, finalPath) != 0 {
      let code = errno
      discard()
      throw DownloadFolder.writeFailure("cannot name \(finalPath)", code)
    }
    AtomicFile.syncFolder(folder)
    return summary
  }

  /// Drops the download: no file is left under either name of ours.
  func discard() {
    closePipe()
    if file >= 0 {
      close(file)
      file = -1
      unlink(temporaryPath)
    }
    _ = checker.result()
  }

  private func closePipe() {
    if pipeInput >= 0 {
      close(pipeInput)
      pipeInput = -1
    }
  }
}

/// Runs `ZipIntegrity.check` on a thread of its own over the read end of a pipe, then reads
/// whatever is left to nowhere, so the writer never waits on a checker that has stopped.
final class ZipCheckThread: Sendable {
  private let outcome = Mutex<Result<ZipIntegrity.Summary, FeedInputError>?>(nil)
  private let done = DispatchSemaphore(value: 0)
  private let joined = Mutex(false)

  init(reading descriptor: Int32, archiveName: String) {
    let thread = Thread { [self] in
      let result = Result { () throws(FeedInputError) in
        try ZipIntegrity.check(readingFrom: descriptor, archiveName: archiveName)
      }
      self.outcome.withLock { $0 = result }
      var sink = [UInt8](repeating: 0, count: 1 << 16)
      while true {
        let count = sink.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count > 0 || (count < 0 && errno == EINTR) { continue }
        break
      }
      close(descriptor)
      self.done.signal()
    }
    thread.name = "zip check"
    thread.start()
  }

  /// The problem found so far, if any: lets the download stop early.
  var failure: FeedInputError? {
    outcome.withLock { current in
      if case .failure(let problem) = current { return problem }
      return nil
    }
  }

  /// Waits for the check to end (the pipe's write end must be closed).
  func result() -> Result<ZipIntegrity.Summary, FeedInputError> {
    let mustWait = joined.withLock { wasJoined in
      defer { wasJoined = true }
      return !wasJoined
    }
    if mustWait { done.wait() }
    return outcome.withLock { $0 }!
  }
}
