/// How records are printed: one JSON object per line, or one JSON array.
public enum RecordFormat: String, Sendable, CaseIterable {
  case ndjson
  case json
}

/// Writes records to a sink in a `RecordFormat`, each record's JSON made ahead of time (on a worker).
public struct RecordPrinter<Sink: ByteSink> {
  public private(set) var sink: Sink
  private let format: RecordFormat
  private var count = 0

  public init(sink: Sink, format: RecordFormat) {
    self.sink = sink
    self.format = format
  }

  /// One record's JSON, ready for `print`.
  public static func encode(_ record: PatentRecord) -> [UInt8] {
    var json = JSONWriter(reservingCapacity: 4096)
    record.write(to: &json)
    return json.bytes
  }

  public mutating func print(encoded: [UInt8]) throws(OutputError) {
    switch format {
    case .ndjson:
      try sink.write(encoded)
      try sink.write(Self.newline)
    case .json:
      try sink.write(count == 0 ? Self.arrayStart : Self.separator)
      try sink.write(encoded)
    }
    count += 1
  }

  private static var newline: [UInt8] { [0x0A] }
  private static var arrayStart: [UInt8] { Array("[\n".utf8) }
  private static var separator: [UInt8] { Array(",\n".utf8) }

  public mutating func finish() throws(OutputError) {
    if format == .json {
      try sink.write(Array((count == 0 ? "[]\n" : "\n]\n").utf8))
    }
    try sink.flush()
  }
}
