/// Reads one document held in memory, without the pipeline: for callers that already have a
/// document's bytes, and for the fuzzer.
public enum SingleDocument {
  /// The record of `bytes` (one document, from its `<?xml` declaration), or why there is none;
  /// nil for a sequence listing.
  public static func read(_ bytes: [UInt8], name: String = "document") -> Result<PatentRecord, DocumentFailure>? {
    let raw = RawDocument(input: name, index: 1, byteOffset: 0, content: .bytes(bytes))
    let parser = LibXML2DocumentParser()
    switch DocumentReader.read(raw, parser: parser).outcome {
    case .record(let record): return .success(record)
    case .sequenceListing: return nil
    case .failure(let failure): return .failure(failure)
    }
  }
}
