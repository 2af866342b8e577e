/// An input that cannot be read at all: missing, not a feed, a corrupt archive.
///
/// The documents read from it before the problem was found have been delivered already.
public struct FeedInputError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The input as named on the command line (`file.zip:entry.xml` inside a zip).
  public var input: String
  /// What is wrong and, where it helps, what to do.
  public var reason: String

  public init(input: String, reason: String) {
    self.input = input
    self.reason = reason
  }

  public var description: String { "\(input): \(reason)" }
}
