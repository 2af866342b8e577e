import Foundation

/// Parsers handed from one document to the next, so each keeps its libxml2 context.
final class ParserPool: @unchecked Sendable {
  private let lock = NSLock()
  private var parsers: [LibXML2DocumentParser] = []

  func take() -> LibXML2DocumentParser {
    lock.lock()
    defer { lock.unlock() }
    return parsers.popLast() ?? LibXML2DocumentParser()
  }

  func recycle(_ parser: LibXML2DocumentParser) {
    lock.lock()
    parsers.append(parser)
    lock.unlock()
  }
}
