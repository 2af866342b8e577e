/// Reads a whole `.zip` front to back, inflating every entry to nowhere, to prove it is complete
/// and intact before it is kept: each entry's CRC-32 and sizes, and the central directory's start
/// after the last entry. `patent-digest fetch` runs it on a download while the bytes arrive.
public enum ZipIntegrity {
  /// What a sound archive holds.
  public struct Summary: Sendable, Hashable {
    public var entries: Int
    /// The `.xml` entries among them: a weekly file has one.
    public var feedEntries: Int
    public var inflatedBytes: UInt64
  }

  /// Checks the archive read from `descriptor` (a file or a pipe; not closed here) and throws the
  /// first problem, named after `archiveName`. Every byte up to the central directory is read,
  /// whatever the entries' names; the bomb limits hold as for reading the feed.
  public static func check(
    readingFrom descriptor: Int32, archiveName: String, limits: InflationLimits = InflationLimits()
  ) throws(FeedInputError) -> Summary {
    let reader = ByteReader(descriptor: descriptor, owned: false)
    do {
      guard try reader.ensureAvailable(4), reader.available.loadLittleEndianUInt32(at: 0) == 0x0403_4b50 else {
        throw FeedInputError(input: archiveName, reason: "is not a zip archive (or holds no files)")
      }
    } catch let failure as ByteReader.ReadFailure {
      throw FeedInputError(input: archiveName, reason: "read failed: \(failure.message)")
    } catch let error as FeedInputError {
      throw error
    } catch {
      throw FeedInputError(input: archiveName, reason: "\(error)")
    }
    let archive = ZipArchiveReader(reader: reader, archiveName: archiveName, limits: limits)
    var summary = Summary(entries: 0, feedEntries: 0, inflatedBytes: 0)
    while let header = try archive.nextHeader() {
      let entry = ZipEntryChunkSource(
        header: header, reader: reader, displayName: "\(archiveName):\(header.name)", limits: limits)
      while let chunk = try entry.nextChunk() { summary.inflatedBytes += UInt64(chunk.count) }
      try entry.finishStream()
      summary.entries += 1
      if header.isFeed { summary.feedEntries += 1 }
    }
    if summary.feedEntries == 0 { throw FeedInputError(input: archiveName, reason: "the zip holds no .xml file") }
    return summary
  }
}
