import Foundation

/// The copy's regular expressions, compiled once and kept: the copy runs them on every
/// rest-of-week line of a week, and compiling costs more than matching.
///
/// Safe to share: `NSRegularExpression` is immutable once made, and the table is behind a lock.
/// At most `capacity` patterns are kept (the acronyms of a hostile feed cannot grow it without
/// end); past that a pattern is compiled each time it is asked for.
final class RegexCache: @unchecked Sendable {
  static let shared = RegexCache()
  static let capacity = 512

  private var table: [String: NSRegularExpression] = [:]
  private let lock = NSLock()

  func regex(pattern: String, options: NSRegularExpression.Options = []) -> NSRegularExpression? {
    let key = "\(options.rawValue)|\(pattern)"
    if let known = lock.withLock({ table[key] }) { return known }
    guard let compiled = try? NSRegularExpression(pattern: pattern, options: options) else { return nil }
    lock.withLock {
      if table.count < Self.capacity { table[key] = compiled }
    }
    return compiled
  }
}
