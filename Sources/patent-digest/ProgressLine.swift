import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Progress on one line of stderr, redrawn in place at most five times a second, and only when
/// stderr is a terminal: a cron job's log and a pipe get the messages alone. `fetch` shows a
/// download's bytes, rate and time left; `history import` its files, documents and rate.
final class ProgressLine: Sendable {
  private struct State {
    var lastDrawn: ContinuousClock.Instant?
    var shown = false
  }
  private let state = Mutex(State())
  private let enabled = isatty(2) == 1

  /// Draws the line `text` makes, when a fifth of a second has passed since the last (or when
  /// `final`: the last state must show).
  func show(final: Bool = false, _ text: () -> String) {
    guard enabled else { return }
    let due = state.withLock { state in
      let now = ContinuousClock.now
      guard final || state.lastDrawn.map({ now - $0 >= .milliseconds(200) }) ?? true else { return false }
      state.lastDrawn = now
      state.shown = true
      return true
    }
    if due { write("\r\u{1B}[K" + text()) }
  }

  /// Takes the line away, so a message can be printed in its place.
  func clear() {
    guard enabled else { return }
    let wasShown = state.withLock { state in
      defer { state.shown = false }
      return state.shown
    }
    if wasShown { write("\r\u{1B}[K") }
  }

  private func write(_ text: String) {
    var stream = StandardError()
    stream.write(text)
  }

  static func megabytes(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1_048_576) }

  static func duration(_ seconds: Double) -> String {
    if seconds < 60 { return "\(max(1, Int(seconds.rounded()))) s" }
    if seconds < 3600 { return "\(Int((seconds / 60).rounded())) min" }
    return String(format: "%.1f h", seconds / 3600)
  }
}
