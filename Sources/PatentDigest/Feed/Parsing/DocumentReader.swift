/// Reads one raw document into a record, or says exactly why it cannot: the markup scan, then
/// libxml2 over the parts the digest uses, then the record builder.
struct DocumentReader {
  /// What became of one document.
  enum Outcome {
    case record(PatentRecord)
    case sequenceListing
    /// `line` in the failure is counted from the document's first line (1).
    case failure(DocumentFailure)
  }

  /// The root elements of the documents a feed holds (a sequence listing is passed over).
  static let patentRoots: Set<String> = [
    "us-patent-application", "us-patent-grant", "patent-application-publication", "PATDOC", "sequence-cwu",
  ]

  /// Reads `raw`; also returns how many newlines it holds, to number the lines of later documents,
  /// and what follows the end of its root element when that is not white space (stray bytes, or a
  /// document without a declaration of its own), reported apart so the document itself is read.
  ///
  /// `parser` is one of the caller's, used by this thread alone for the time of the call.
  static func read(
    _ raw: RawDocument, parser: LibXML2DocumentParser
  ) -> (outcome: Outcome, newlines: Int, trailing: DocumentFailure?) {
    func failure(_ kind: DocumentFailure.Kind, line: Int?, number: String?, _ reason: String) -> Outcome {
      .failure(
        DocumentFailure(
          kind: kind, input: raw.input, document: raw.index, byteOffset: raw.byteOffset, line: line,
          publicationNumber: number, reason: reason))
    }
    func outside(_ bytes: UnsafeRawBufferPointer, at offset: Int, line: Int, place: String) -> DocumentFailure? {
      StrayBytes.describe(bytes, place: place).map {
        DocumentFailure(
          kind: $0.kind, input: raw.input, document: raw.index, byteOffset: raw.byteOffset + offset + $0.offset,
          line: line + $0.newlinesBefore,
          publicationNumber: $0.publicationNumber, reason: $0.reason, outsideDocuments: true)
      }
    }
    switch raw.content {
    case .sequenceListing(let newlines):
      return (.sequenceListing, newlines, nil)
    case .tooLarge(let byteCount, let limit, let newlines, let head):
      let number = head.withUnsafeBytes { RawPublicationNumber.find(in: $0) }
      return (
        failure(
          .tooLarge, line: nil, number: number,
          "the document is \(byteCount >> 20) MB, over the \(limit >> 20) MB limit for one document; skipped (raise --max-document-mb if it is genuine)"
        ), newlines, nil
      )
    case .leadingJunk(let bytes):
      let found = bytes.withUnsafeBytes { outside($0, at: 0, line: 1, place: "before the first <?xml declaration") }
      let junk =
        found
        ?? DocumentFailure(
          kind: .strayBytes, input: raw.input, document: 0, byteOffset: raw.byteOffset, line: 1, publicationNumber: nil,
          reason: "bytes before the first <?xml declaration belong to no document", outsideDocuments: true)
      return (.failure(junk), DocumentSplitter.countNewlines(bytes), nil)
    case .bytes(let bytes):
      // The scan counts the lines of a good document on its way; a failed one is counted apart.
      var newlines: Int?
      var trailing: DocumentFailure?
      let outcome = bytes.withUnsafeBytes { document -> Outcome in
        var scanner = MarkupScanner(document)
        do throws(MarkupScanner.Failure) {
          try scanner.scanProlog()
        } catch {
          return failure(
            .malformed, line: scanner.line(at: error.offset), number: RawPublicationNumber.find(in: document), error.message)
        }
        let root = scanner.rootName ?? ""
        var legacy: LegacyRecordBuilder?
        switch root {
        case "us-patent-application", "us-patent-grant":
          break
        case "sequence-cwu":
          return .sequenceListing
        case "patent-application-publication":
          legacy = LegacyRecordBuilder(format: .pap, dtdVersion: scanner.doctypeSystemID ?? "pap")
        case "PATDOC":
          legacy = LegacyRecordBuilder(format: .st32, dtdVersion: scanner.doctypeSystemID ?? "ST.32")
        default:
          return failure(
            .notAPatentDocument, line: scanner.line(at: scanner.rootStart), number: nil,
            "the root element <\(root)> is not a USPTO patent document (expected us-patent-application, us-patent-grant, or the pre-2005 patent-application-publication or PATDOC)"
          )
        }
        do throws(MarkupScanner.Failure) {
          try scanner.scanElements()
          newlines = scanner.newlineCount
        } catch {
          return failure(
            .malformed, line: scanner.line(at: error.offset), number: RawPublicationNumber.find(in: document), error.message)
        }
        // The document ends with its root element; what follows up to the next declaration is
        // reported on its own and costs the document nothing.
        let end = scanner.documentEnd
        if end < document.count {
          trailing = outside(
            UnsafeRawBufferPointer(rebasing: document[end...]), at: end, line: scanner.line(at: end),
            place: "after document \(raw.index)")
        }
        let body = UnsafeRawBufferPointer(rebasing: document[..<end])
        // Regions are passed over only where the scanner checked them as UTF-8.
        let encoding = scanner.declaredEncoding?.uppercased() ?? "UTF-8"
        let regions = encoding == "UTF-8" || encoding == "UTF8" ? scanner.regions : []
        do throws(LibXML2DocumentParser.Failure) {
          try parser.parse(body, passingOver: regions, name: raw.input, legacy: legacy)
        } catch {
          return failure(
            .malformed, line: error.line, number: parser.publicationNumberSoFar ?? RawPublicationNumber.find(in: document),
            error.message)
        }
        let source = SourcePosition(file: raw.input, document: raw.index, byteOffset: raw.byteOffset)
        do throws(RecordBuilder.Problem) {
          return .record(try parser.record(source: source, claimCount: scanner.claimCount))
        } catch {
          return failure(.malformed, line: nil, number: parser.publicationNumberSoFar, error.message)
        }
      }
      return (outcome, newlines ?? DocumentSplitter.countNewlines(bytes), trailing)
    }
  }
}

/// Finds a document's publication number in its raw bytes, for reports on documents that could
/// not be parsed (any format: ICE v4, pap v1.x, ST.32).
enum RawPublicationNumber {
  static func find(in document: UnsafeRawBufferPointer) -> String? {
    let head = UnsafeRawBufferPointer(rebasing: document.prefix(65_536))
    if let reference = head.firstRange(of: "<publication-reference") {
      let number = text(of: "<doc-number>", "</doc-number>", in: head, from: reference.upperBound)
      let kind = text(of: "<kind>", "</kind>", in: head, from: reference.upperBound)
      let country = text(of: "<country>", "</country>", in: head, from: reference.upperBound)
      if let number { return (country ?? "US") + number + (kind ?? "") }
    }
    if head.firstRange(of: "<patent-application-publication") != nil,
      let number = text(of: "<doc-number>", "</doc-number>", in: head, from: 0)
    {
      return "US" + number + (text(of: "<kind-code>", "</kind-code>", in: head, from: 0) ?? "")
    }
    if let b110 = head.firstRange(of: "<B110>"), let number = text(of: "<PDAT>", "</PDAT>", in: head, from: b110.upperBound) {
      let kind = head.firstRange(of: "<B130>").flatMap { text(of: "<PDAT>", "</PDAT>", in: head, from: $0.upperBound) }
      return "US" + number + (kind ?? "")
    }
    return nil
  }

  private static func text(of open: StaticString, _ close: StaticString, in bytes: UnsafeRawBufferPointer, from start: Int)
    -> String?
  {
    guard let opening = bytes.firstRange(of: open, from: start), opening.lowerBound - start < 4096,
      let closing = bytes.firstRange(of: close, from: opening.upperBound), closing.lowerBound - opening.upperBound < 64
    else { return nil }
    return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[opening.upperBound..<closing.lowerBound]), as: UTF8.self)
      .trimmingWhiteSpace()
  }
}
