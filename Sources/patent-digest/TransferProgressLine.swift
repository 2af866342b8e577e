import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The line that shows a download's progress (bytes, rate, time left), redrawn in place a few
/// times a second, and only when stderr is a terminal: a cron job's log gets none of it.
final class TransferProgressLine: Sendable {
  private struct State {
    var lastDrawn = -1.0
    var shown = false
  }
  private let state = Mutex(State())
  private let enabled = isatty(2) == 1

  func show(name: String, received: Int, total: Int?, seconds: Double) {
    guard enabled else { return }
    let line: String? = state.withLock { state in
      guard seconds - state.lastDrawn >= 0.25 || received == total else { return nil }
      state.lastDrawn = seconds
      state.shown = true
      let rate = seconds > 0 ? Double(received) / seconds : 0
      var text = "\(name): \(Self.mb(received))"
      if let total { text += " of \(Self.mb(total))" }
      text += String(format: ", %.1f MB/s", rate / 1_048_576)
      if let total, rate > 0 { text += ", \(Int((Double(total - received) / rate).rounded(.up))) s left" }
      return text
    }
    if let line { write("\r\u{1B}[K\(line)") }
  }

  /// Takes the line away before a message is printed.
  func clear() {
    guard enabled else { return }
    let wasShown = state.withLock { state in
      defer { state.shown = false }
      return state.shown
    }
    if wasShown { write("\r\u{1B}[K") }
  }

  private func write(_ text: String) {
    var text = text
    _ = text.withUTF8 { Glibc.write(2, $0.baseAddress, $0.count) }
  }

  private static func mb(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1_048_576) }
}
