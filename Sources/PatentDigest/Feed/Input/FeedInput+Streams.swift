extension FeedInput {
  /// Opens the input and hands each stream of XML in it (the file itself, or one per `.xml`
  /// entry of a zip) to `body`, with the name its documents are reported under. Throws what
  /// makes the input unusable (from here on).
  func openStreams(limits: InflationLimits, body: (any ChunkSource, String) throws -> Void) throws {
    let name = displayName
    let reader: ByteReader
    switch self {
    case .file(let path): reader = try ByteReader(path: path)
    case .standardInput: reader = ByteReader(standardInput: ())
    }
    let magic: [UInt8]
    do {
      _ = try reader.ensureAvailable(4)
      magic = Array(reader.available.prefix(4))
    } catch {
      throw FeedInputError(input: name, reason: "read failed: \(error.message)")
    }
    if magic.count >= 2 && magic[0] == 0x50 && magic[1] == 0x4B {
      guard magic.count == 4, magic[2] == 0x03 && magic[3] == 0x04 else {
        throw FeedInputError(input: name, reason: "the zip holds no files")
      }
      let archive = ZipArchiveReader(reader: reader, archiveName: name, limits: limits)
      var entries = 0
      while let entry = try archive.nextFeedEntry() {
        entries += 1
        try body(entry, entry.displayName)
      }
      if !archive.refusedNames.isEmpty {
        throw FeedInputError(
          input: name,
          reason: "entries whose names leave the archive were not read: \(archive.refusedNames.joined(separator: ", "))")
      }
      if entries == 0 { throw FeedInputError(input: name, reason: "the zip holds no .xml file") }
    } else if magic.count >= 2 && magic[0] == 0x1F && magic[1] == 0x8B {
      try body(GzipChunkSource(reader: reader, inputName: name, limits: limits), name)
    } else {
      try body(PlainChunkSource(reader: reader, inputName: name), name)
    }
  }
}
