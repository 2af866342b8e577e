/// What the parser asks of a record builder once a document's format is known: the ICE
/// `RecordBuilder` of the weekly feeds or the `LegacyRecordBuilder` of the pre-2005 back files.
/// Only the start of an element differs (ICE names arrive interned, with their attributes; the
/// old formats' names as strings), so that event stays with each builder.
protocol RecordBuilding {
  /// The publication number as far as it has been read (for failure reports).
  var publicationNumberSoFar: String? { get }

  mutating func endElement()

  mutating func characters(_ text: UnsafeBufferPointer<UInt8>)

  /// The record, or why the document cannot make one. `claimCount` comes from the markup scan,
  /// which sees the claims libxml2 is spared; a builder that counts claims itself ignores it.
  func record(source: SourcePosition, claimCount: Int) throws(RecordBuilder.Problem) -> PatentRecord
}
