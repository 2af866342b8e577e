/// A document that did not become a record, and why: every one is reported, none is dropped
/// silently.
public struct DocumentFailure: Error, Sendable, Hashable, CustomStringConvertible {
  public enum Kind: String, Sendable, Hashable, Codable {
    /// Not well-formed, truncated, wrongly encoded, or refused as hostile.
    case malformed
    /// Well-formed XML that is not a USPTO patent document.
    case notAPatentDocument
    /// Larger than the reader accepts for one document.
    case tooLarge
    /// Bytes outside any document that are not white space: before the first `<?xml`
    /// declaration, or between the end of a document's root element and the next declaration.
    /// They are counted apart (`FeedSummary.strayBytes`), not as a document.
    case strayBytes
  }

  public var kind: Kind
  /// The input as named on the command line.
  public var input: String
  /// 1-based position of the document in the input (0 for bytes before the first document).
  public var document: Int
  /// Offset of the document's first byte in the (decompressed) input.
  public var byteOffset: Int
  /// Line in the (decompressed) input where the problem was found, when known.
  public var line: Int?
  /// The publication number, when it could be read.
  public var publicationNumber: String?
  public var reason: String
  /// True when the failure is about bytes outside the document numbered `document` (after the
  /// end of its root element, or before the first document when `document` is 0), not about that
  /// document: stray bytes, or a document that has no declaration of its own. `byteOffset` is then
  /// where those bytes start.
  public var outsideDocuments: Bool

  public init(
    kind: Kind, input: String, document: Int, byteOffset: Int, line: Int?,
    publicationNumber: String?, reason: String, outsideDocuments: Bool = false
  ) {
    self.kind = kind
    self.input = input
    self.document = document
    self.byteOffset = byteOffset
    self.line = line
    self.publicationNumber = publicationNumber
    self.reason = reason
    self.outsideDocuments = outsideDocuments
  }

  /// One line for stderr: file, position in the feed, publication number, line, reason.
  public var description: String {
    if outsideDocuments {
      // The reason says where, relative to the documents ("after document 3").
      return "\(input): byte \(byteOffset)\(line.map { ", line \($0)" } ?? ""): \(reason)"
    }
    var where_ = "\(input): document \(document)"
    if let publicationNumber { where_ += " (\(publicationNumber))" }
    if let line { where_ += ", line \(line)" }
    where_ += ", byte \(byteOffset)"
    return "\(where_): \(reason)"
  }
}
