/// Reads a `.zip` front to back through its local headers, so a weekly archive streams from a
/// file or a pipe without being extracted, and checks each entry's CRC and size as it ends.
///
/// Only `.xml` entries are feeds; other entries (the USPTO sometimes adds a `.txt`) are skipped.
final class ZipArchiveReader {
  private let reader: ByteReader
  private let archiveName: String
  private let limits: InflationLimits
  private var finished = false

  init(reader: ByteReader, archiveName: String, limits: InflationLimits) {
    self.reader = reader
    self.archiveName = archiveName
    self.limits = limits
  }

  /// One entry's header, as the local header (and a zip64 extra field) states it.
  struct EntryHeader {
    var name: String
    var flags: UInt16
    var method: UInt16
    var crc: UInt32
    var compressedSize: UInt64
    var uncompressedSize: UInt64
    var zip64: Bool
    var sizesFollowData: Bool { flags & 0x08 != 0 }
    var isFeed: Bool { name.lowercased().hasSuffix(".xml") && !name.hasSuffix("/") }
    var escapesArchive: Bool {
      name.hasPrefix("/") || name.hasPrefix("\\")
        || name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).contains("..")
    }
  }

  /// Entries passed over because their names try to leave the archive (`../`, an absolute path).
  private(set) var refusedNames: [String] = []

  /// The next `.xml` entry, or nil after the last one.
  func nextFeedEntry() throws(FeedInputError) -> ZipEntryChunkSource? {
    while let header = try nextHeader() {
      let entry = ZipEntryChunkSource(
        header: header, reader: reader, displayName: "\(archiveName):\(header.name)", limits: limits)
      // Nothing is ever written to disk from an archive, but a name that climbs out of it is a
      // sign of a hostile file: its entry is not read, and the input is reported.
      if header.escapesArchive {
        refusedNames.append(header.name)
        try entry.drain()
        continue
      }
      if header.isFeed { return entry }
      try entry.drain()
    }
    return nil
  }

  private func fail(_ reason: String) -> FeedInputError {
    FeedInputError(input: archiveName, reason: reason)
  }

  func nextHeader() throws(FeedInputError) -> EntryHeader? {
    if finished { return nil }
    let offset = reader.consumedCount
    guard try ensure(4) else {
      throw fail("the zip ends without its central directory at byte \(offset): the file is truncated; download it again")
    }
    let signature = reader.available.loadLittleEndianUInt32(at: 0)
    switch signature {
    case 0x0403_4b50:
      break
    case 0x0201_4b50, 0x0605_4b50, 0x0606_4b50:
      finished = true
      return nil
    default:
      throw fail("corrupt zip: no entry header at byte \(offset)")
    }
    guard try ensure(30) else { throw fail("corrupt zip: entry header cut short at byte \(offset)") }
    let fixed = reader.available
    let flags = fixed.loadLittleEndianUInt16(at: 6)
    let method = fixed.loadLittleEndianUInt16(at: 8)
    let crc = fixed.loadLittleEndianUInt32(at: 14)
    var compressedSize = UInt64(fixed.loadLittleEndianUInt32(at: 18))
    var uncompressedSize = UInt64(fixed.loadLittleEndianUInt32(at: 22))
    let nameLength = Int(fixed.loadLittleEndianUInt16(at: 26))
    let extraLength = Int(fixed.loadLittleEndianUInt16(at: 28))
    reader.consume(30)
    guard try ensure(nameLength + extraLength) else {
      throw fail("corrupt zip: entry header cut short at byte \(offset)")
    }
    let name = String(decoding: UnsafeRawBufferPointer(rebasing: reader.available[0..<nameLength]), as: UTF8.self)
    var zip64 = false
    var extraOffset = nameLength
    let extraEnd = nameLength + extraLength
    while extraOffset + 4 <= extraEnd {
      let id = reader.available.loadLittleEndianUInt16(at: extraOffset)
      let size = Int(reader.available.loadLittleEndianUInt16(at: extraOffset + 2))
      if id == 0x0001 {
        zip64 = true
        var field = extraOffset + 4
        if uncompressedSize == 0xFFFF_FFFF && field + 8 <= extraEnd {
          uncompressedSize = reader.available.loadLittleEndianUInt64(at: field)
          field += 8
        }
        if compressedSize == 0xFFFF_FFFF && field + 8 <= extraEnd {
          compressedSize = reader.available.loadLittleEndianUInt64(at: field)
        }
      }
      extraOffset += 4 + size
    }
    reader.consume(nameLength + extraLength)
    if flags & 0x01 != 0 { throw fail("entry \(name) is encrypted; patent-digest reads only plain archives") }
    if method != 0 && method != 8 {
      throw fail("entry \(name) uses compression method \(method); only stored and deflated entries are read")
    }
    if method == 0 && flags & 0x08 != 0 {
      throw fail("entry \(name) is stored with its size after the data, which cannot be streamed")
    }
    return EntryHeader(
      name: name, flags: flags, method: method, crc: crc, compressedSize: compressedSize,
      uncompressedSize: uncompressedSize, zip64: zip64)
  }

  private func ensure(_ count: Int) throws(FeedInputError) -> Bool {
    do {
      return try reader.ensureAvailable(count)
    } catch {
      throw fail("read failed: \(error.message)")
    }
  }
}

/// The inflated bytes of one zip entry; checks the size when the entry's data ends, and the
/// CRC-32 (computed as the bytes pass) once its documents are read (`finishStream()`).
final class ZipEntryChunkSource: ChunkSource {
  private var header: ZipArchiveReader.EntryHeader
  private let reader: ByteReader
  let displayName: String
  private let limits: InflationLimits
  private let inflater: Inflater?
  private let output: UnsafeMutableRawBufferPointer
  private var crc: UInt32 = 0
  private var produced: UInt64 = 0
  private var storedRemaining: UInt64
  private var finished = false
  /// Set when reading the entry failed: its data, and so where it ends, cannot be trusted.
  private var damaged = false

  init(header: ZipArchiveReader.EntryHeader, reader: ByteReader, displayName: String, limits: InflationLimits) {
    self.header = header
    self.reader = reader
    self.displayName = displayName
    self.limits = limits
    inflater = header.method == 8 ? Inflater(format: .rawDeflate) : nil
    storedRemaining = header.compressedSize
    output = .allocate(byteCount: 1 << 20, alignment: 16)
  }

  deinit { output.deallocate() }

  private func fail(_ reason: String) -> FeedInputError {
    FeedInputError(input: displayName, reason: reason)
  }

  /// Reads the rest of the entry to nowhere (for entries that are not feeds), and checks it.
  func drain() throws(FeedInputError) {
    try readToEnd()
    try finishStream()
  }

  private func readToEnd() throws(FeedInputError) {
    while try nextChunk() != nil {}
  }

  /// After a problem with the entry's content (not a feed, a wrong CRC-32), reads what is left of
  /// it to nowhere, so that the archive's next entry can be read. False when the entry's own data
  /// was damaged (then where it ends, and so where the next entry starts, is not known); throws
  /// what stops the rest of it from being read (damaged data, a zip bomb).
  func skipToEnd() throws(FeedInputError) -> Bool {
    if damaged { return false }
    try readToEnd()
    return true
  }

  func nextChunk() throws(FeedInputError) -> UnsafeRawBufferPointer? {
    if finished { return nil }
    do {
      return try readChunk()
    } catch {
      damaged = true
      throw error
    }
  }

  private func readChunk() throws(FeedInputError) -> UnsafeRawBufferPointer? {
    do {
      while true {
        if reader.available.isEmpty, try !reader.fill() {
          throw fail("the zip ends in the middle of this entry: the file is truncated; download it again")
        }
        let count: Int
        var ended = false
        if let inflater {
          let step = try inflater.inflate(input: reader.available, output: output)
          reader.consume(step.consumed)
          count = step.produced
          ended = step.finished
          if let problem = limits.check(inflated: inflater.totalOut, compressed: inflater.totalIn) {
            throw fail(problem)
          }
        } else {
          count = Int(min(UInt64(min(reader.available.count, output.count)), storedRemaining))
          output.copyMemory(from: UnsafeRawBufferPointer(rebasing: reader.available[0..<count]))
          reader.consume(count)
          storedRemaining -= UInt64(count)
          ended = storedRemaining == 0
        }
        let chunk = UnsafeRawBufferPointer(rebasing: output[0..<count])
        crc = Inflater.crc32(crc, chunk)
        produced += UInt64(count)
        if ended {
          finished = true
          try finish()
        }
        if count > 0 { return chunk }
        if finished { return nil }
      }
    } catch let failure as Inflater.Failure {
      throw fail("zip: \(failure.message)")
    } catch let failure as ByteReader.ReadFailure {
      throw fail("read failed: \(failure.message)")
    } catch let error as FeedInputError {
      throw error
    } catch {
      throw fail("\(error)")
    }
  }

  /// Reads the data descriptor if the sizes follow the data, then checks the size.
  private func finish() throws {
    if header.sizesFollowData {
      let sizeBytes = header.zip64 ? 8 : 4
      guard try reader.ensureAvailable(4) else { throw fail("the zip ends before this entry's data descriptor") }
      var offset = 0
      if reader.available.loadLittleEndianUInt32(at: 0) == 0x0807_4b50 { offset = 4 }
      guard try reader.ensureAvailable(offset + 4 + 2 * sizeBytes) else {
        throw fail("the zip ends before this entry's data descriptor")
      }
      header.crc = reader.available.loadLittleEndianUInt32(at: offset)
      header.uncompressedSize =
        sizeBytes == 8
        ? reader.available.loadLittleEndianUInt64(at: offset + 4 + 8)
        : UInt64(reader.available.loadLittleEndianUInt32(at: offset + 4 + 4))
      reader.consume(offset + 4 + 2 * sizeBytes)
    }
    if produced != header.uncompressedSize {
      throw fail("size mismatch (stored \(header.uncompressedSize) bytes, inflated \(produced)): the entry is corrupt")
    }
  }

  /// Checks the CRC-32 of every inflated byte against the stored one. A wrong CRC-32 is thrown
  /// here, after the entry's documents, not from `nextChunk()`: the data itself ended where it
  /// should, so the archive's next entry can still be read.
  func finishStream() throws(FeedInputError) {
    guard finished else { return }
    if crc != header.crc {
      throw fail(
        "CRC-32 mismatch (stored \(hex(header.crc)), computed \(hex(crc))): the entry is corrupt; download the file again")
    }
  }

  private func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
  }
}

extension UnsafeRawBufferPointer {
  func loadLittleEndianUInt16(at offset: Int) -> UInt16 {
    UInt16(littleEndian: loadUnaligned(fromByteOffset: offset, as: UInt16.self))
  }

  func loadLittleEndianUInt32(at offset: Int) -> UInt32 {
    UInt32(littleEndian: loadUnaligned(fromByteOffset: offset, as: UInt32.self))
  }

  func loadLittleEndianUInt64(at offset: Int) -> UInt64 {
    UInt64(littleEndian: loadUnaligned(fromByteOffset: offset, as: UInt64.self))
  }
}
