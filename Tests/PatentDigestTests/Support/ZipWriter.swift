import CZlib

/// Writes small zip archives for tests: deflated or stored entries, with the option to lie about
/// names, sizes and checksums the way hostile archives do.
struct ZipWriter {
  struct Entry {
    var name: String
    var data: [UInt8]
    var deflate = true
    /// Overrides, to make a damaged archive.
    var statedCRC: UInt32?
    var statedSize: UInt32?
    /// Sizes and CRC after the data (flag bit 3), as streaming zip writers do.
    var sizesAfterData = false
  }

  static func crc32(_ bytes: [UInt8]) -> UInt32 {
    bytes.withUnsafeBufferPointer { UInt32(CZlib.crc32(0, $0.baseAddress, uInt($0.count))) }
  }

  /// Raw deflate of `bytes` at the best compression (`windowBits` 31: one gzip member instead).
  static func deflate(_ bytes: [UInt8], windowBits: Int32 = -15) -> [UInt8] {
    var stream = z_stream()
    deflateInit2_(
      &stream, 9, Z_DEFLATED, windowBits, 9, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
    defer { deflateEnd(&stream) }
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))) + 64)
    var input = bytes
    let produced = input.withUnsafeMutableBufferPointer { inputBuffer in
      output.withUnsafeMutableBufferPointer { outputBuffer in
        stream.next_in = inputBuffer.baseAddress
        stream.avail_in = uInt(inputBuffer.count)
        stream.next_out = outputBuffer.baseAddress
        stream.avail_out = uInt(outputBuffer.count)
        CZlib.deflate(&stream, Z_FINISH)
        return outputBuffer.count - Int(stream.avail_out)
      }
    }
    return Array(output[0..<produced])
  }

  /// Raw deflate of `count` zero bytes and their CRC-32, made in 1 MB steps: the payload of a zip
  /// bomb, without holding the bomb in memory.
  static func deflatedZeros(count: Int) -> (compressed: [UInt8], crc: UInt32) {
    var stream = z_stream()
    deflateInit2_(&stream, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
    defer { deflateEnd(&stream) }
    var zeros = [UInt8](repeating: 0, count: 1 << 20)
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    var compressed: [UInt8] = []
    var crc: uLong = 0
    var remaining = count
    repeat {
      let step = min(remaining, zeros.count)
      remaining -= step
      zeros.withUnsafeMutableBufferPointer { input in
        crc = CZlib.crc32(crc, input.baseAddress, uInt(step))
        stream.next_in = input.baseAddress
        stream.avail_in = uInt(step)
        repeat {
          chunk.withUnsafeMutableBufferPointer { output in
            stream.next_out = output.baseAddress
            stream.avail_out = uInt(output.count)
            CZlib.deflate(&stream, remaining == 0 ? Z_FINISH : Z_NO_FLUSH)
            compressed += output[0..<(output.count - Int(stream.avail_out))]
          }
        } while stream.avail_out == 0
      }
    } while remaining > 0
    return (compressed, UInt32(crc))
  }

  static func archive(_ entries: [Entry]) -> [UInt8] {
    var bytes: [UInt8] = []
    var central: [UInt8] = []
    func u16(_ value: Int, into target: inout [UInt8]) { target += [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
    func u32(_ value: UInt32, into target: inout [UInt8]) {
      target += [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24 & 0xFF)]
    }
    for entry in entries {
      let offset = UInt32(bytes.count)
      let payload = entry.deflate ? deflate(entry.data) : entry.data
      let crc = entry.statedCRC ?? crc32(entry.data)
      let size = entry.statedSize ?? UInt32(entry.data.count)
      let name = Array(entry.name.utf8)
      let descriptor = entry.sizesAfterData && entry.deflate
      u32(0x0403_4b50, into: &bytes)
      u16(20, into: &bytes)
      u16(descriptor ? 0x08 : 0, into: &bytes)
      u16(entry.deflate ? 8 : 0, into: &bytes)
      u16(0, into: &bytes)
      u16(0x21, into: &bytes)
      u32(descriptor ? 0 : crc, into: &bytes)
      u32(descriptor ? 0 : UInt32(payload.count), into: &bytes)
      u32(descriptor ? 0 : size, into: &bytes)
      u16(name.count, into: &bytes)
      u16(0, into: &bytes)
      bytes += name + payload
      if descriptor {
        u32(0x0807_4b50, into: &bytes)
        u32(crc, into: &bytes)
        u32(UInt32(payload.count), into: &bytes)
        u32(size, into: &bytes)
      }
      u32(0x0201_4b50, into: &central)
      u16(20, into: &central)
      u16(20, into: &central)
      u16(0, into: &central)
      u16(entry.deflate ? 8 : 0, into: &central)
      u16(0, into: &central)
      u16(0x21, into: &central)
      u32(crc, into: &central)
      u32(UInt32(payload.count), into: &central)
      u32(size, into: &central)
      u16(name.count, into: &central)
      u16(0, into: &central)
      u16(0, into: &central)
      u16(0, into: &central)
      u16(0, into: &central)
      u32(0, into: &central)
      u32(offset, into: &central)
      central += name
    }
    let centralOffset = UInt32(bytes.count)
    bytes += central
    u32(0x0605_4b50, into: &bytes)
    u16(0, into: &bytes)
    u16(0, into: &bytes)
    u16(entries.count, into: &bytes)
    u16(entries.count, into: &bytes)
    u32(UInt32(central.count), into: &bytes)
    u32(centralOffset, into: &bytes)
    u16(0, into: &bytes)
    return bytes
  }
}
