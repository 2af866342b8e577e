/// The bytes of one document of a weekly file, cut at its `<?xml` declaration, or the fact that
/// they were passed over without being kept.
struct RawDocument: Sendable {
  enum Content: Sendable {
    /// The whole document, from its `<?xml` to the byte before the next one.
    case bytes([UInt8])
    /// Bytes before the first `<?xml` declaration that are not white space.
    case leadingJunk([UInt8])
    /// A sequence listing, counted and passed over without being kept.
    case sequenceListing(newlines: Int)
    /// A document over the size limit, passed over; `head` is its first bytes, for the report.
    case tooLarge(byteCount: Int, limit: Int, newlines: Int, head: [UInt8])
  }

  var input: String
  /// Which stream of the run (a file, or one zip entry) the document is in.
  var stream = 0
  /// 1-based position in the input; 0 for leading junk.
  var index: Int
  var byteOffset: Int
  var content: Content
}
