import CLibXML2

/// Runs libxml2's SAX2 push parser over one document and forwards its events to a record builder
/// (`RecordBuilding`): a `RecordBuilder`, or for a pre-2005 document a `LegacyRecordBuilder`.
/// Every libxml2 call of the project is in this file.
///
/// One instance owns one parser context and is used by one thread at a time. The context is reset
/// for each document and made anew after a failure or every `documentsPerContext` documents, so
/// its name dictionary (which lets elements be known by address) stays small. Each C callback is
/// a non-capturing closure that recovers the instance from the context pointer and forwards to a
/// method; errors are recorded, the parser is stopped, and the caller throws after the C call
/// returns.
final class LibXML2DocumentParser {
  struct Failure: Error {
    /// Line in the document, as libxml2 counts it.
    var line: Int?
    var message: String
  }

  /// The builder lives at a fixed address for the parser's life: the callbacks reach it without
  /// the exclusivity checks a stored property would cost on every event.
  private let builderStorage: UnsafeMutablePointer<RecordBuilder> = {
    let storage = UnsafeMutablePointer<RecordBuilder>.allocate(capacity: 1)
    storage.initialize(to: RecordBuilder())
    return storage
  }()

  /// The same for pre-2005 documents. Which of the two gets the events is set per document by
  /// the callbacks the context holds, so a weekly feed pays nothing for the old formats.
  private let legacyStorage: UnsafeMutablePointer<LegacyRecordBuilder> = {
    let storage = UnsafeMutablePointer<LegacyRecordBuilder>.allocate(capacity: 1)
    storage.initialize(to: LegacyRecordBuilder(format: .pap, dtdVersion: ""))
    return storage
  }()

  private var readsLegacy = false

  /// The builder that read the last document.
  private var currentBuilder: any RecordBuilding {
    readsLegacy ? legacyStorage.pointee : builderStorage.pointee
  }

  /// The last document's publication number as far as it was read (for failure reports).
  var publicationNumberSoFar: String? { currentBuilder.publicationNumberSoFar }

  /// The last document's record, or why it cannot make one; `claimCount` is the markup scan's.
  func record(source: SourcePosition, claimCount: Int) throws(RecordBuilder.Problem) -> PatentRecord {
    try currentBuilder.record(source: source, claimCount: claimCount)
  }

  deinit {
    discardContext()
    builderStorage.deinitialize(count: 1)
    builderStorage.deallocate()
    legacyStorage.deinitialize(count: 1)
    legacyStorage.deallocate()
  }

  private var context: xmlParserCtxtPtr?
  private var documentsInContext = 0
  private static let documentsPerContext = 512
  private var failure: Failure?
  private var elementNames = ElementNameTable()

  /// The parser options: no network, nothing loaded, nothing substituted. Never NOENT, DTDLOAD,
  /// DTDVALID, XINCLUDE or HUGE.
  private static let options = Int32(XML_PARSE_NONET.rawValue)
  private static let chunkSize = 65_536

  /// Sets up libxml2 once per process: initialised before any thread uses it, and an external
  /// entity loader that refuses everything, so no path or URL is ever opened through a document.
  static let setUpOnce: Void = {
    xmlInitParser()
    patent_digest_silence_generic_errors()
    xmlSetExternalEntityLoader { _, _, _ in nil }
  }()

  /// Parses `document`, leaving out the content of `passedOver` regions (replaced by as many
  /// newlines, so libxml2's line numbers stay true). With `legacy`, the events build a
  /// pre-2005 record instead of an ICE one; `record(source:claimCount:)` gives it.
  func parse(
    _ document: UnsafeRawBufferPointer, passingOver regions: [MarkupScanner.Region], name: String,
    legacy: LegacyRecordBuilder? = nil
  ) throws(Failure) {
    builderStorage.pointee = RecordBuilder()
    if let legacy { legacyStorage.pointee = legacy }
    failure = nil
    status = 0
    let context = try contextForNextDocument(name: name)
    if readsLegacy != (legacy != nil), let handler = context.pointee.sax {
      readsLegacy = legacy != nil
      Self.routeElementEvents(of: handler, toLegacy: readsLegacy)
    }
    defer {
      Self.freeDocument(of: context)
      documentsInContext += 1
      // A context that stopped on an error is not trusted with the next document.
      if failure != nil { discardContext() }
    }

    var position = 0
    for region in regions {
      feed(UnsafeRawBufferPointer(rebasing: document[position..<region.contentStart]))
      feedNewlines(region.newlines)
      position = region.contentEnd
    }
    feed(UnsafeRawBufferPointer(rebasing: document[position...]))
    if failure == nil {
      record(xmlParseChunk(context, nil, 0, 1))
    }
    // A few problems (failed encoding conversions among them) are raised without the structured
    // handler: libxml2 then only says so in its status, and the reader takes that instead.
    // (A warning also leaves a status; only a broken document or a failed conversion counts.)
    if failure == nil && (context.pointee.wellFormed == 0 || Self.isEncodingFailure(status)) {
      failure = Self.failure(status: status != 0 ? status : context.pointee.errNo, line: Int(xmlSAX2GetLineNumber(context)))
    }
    if let failure { throw failure }
  }

  private func contextForNextDocument(name: String) throws(Failure) -> xmlParserCtxtPtr {
    // Per thread in libxml2: this may be a thread the parser has not run on before.
    patent_digest_silence_generic_errors()
    if let context, documentsInContext < Self.documentsPerContext {
      xmlCtxtResetPush(context, nil, 0, name, nil)
      xmlCtxtUseOptions(context, Self.options)
      return context
    }
    discardContext()
    _ = Self.setUpOnce
    var handler = Self.makeHandler()
    readsLegacy = false
    let userData = Unmanaged.passUnretained(self).toOpaque()
    guard let created = xmlCreatePushParserCtxt(&handler, userData, nil, 0, name) else {
      throw Failure(line: nil, message: "libxml2 could not create a parser (out of memory)")
    }
    xmlCtxtUseOptions(created, Self.options)
    elementNames = ElementNameTable()
    internElementNames(in: created)
    context = created
    documentsInContext = 0
    return created
  }

  private func discardContext() {
    if let context {
      Self.freeDocument(of: context)
      xmlFreeParserCtxt(context)
    }
    context = nil
  }

  /// libxml2 builds a document of its own while it reads some DOCTYPEs (to keep entity values),
  /// even for a SAX parser, and leaves freeing it to the caller. Found by the fuzzer as a leak.
  private static func freeDocument(of context: xmlParserCtxtPtr) {
    if let document = context.pointee.myDoc {
      xmlFreeDoc(document)
      context.pointee.myDoc = nil
    }
  }

  /// The first non-zero status `xmlParseChunk` returned for this document.
  private var status: Int32 = 0

  private func record(_ result: Int32) {
    if status == 0 { status = result }
  }

  private static func isEncodingFailure(_ status: Int32) -> Bool {
    let code = Int(status)
    return (6000..<6100).contains(code) || code == Int(XML_ERR_INVALID_ENCODING.rawValue)
      || code == Int(XML_ERR_UNSUPPORTED_ENCODING.rawValue)
  }

  private static func failure(status: Int32, line: Int) -> Failure {
    Failure(
      line: line,
      message: isEncodingFailure(status)
        ? "the text cannot be decoded in its declared encoding; the declaration is wrong or the file is damaged"
        : "the document is not well-formed (libxml2 error \(status))")
  }

  private func feed(_ bytes: UnsafeRawBufferPointer) {
    var offset = 0
    while offset < bytes.count && failure == nil, let context {
      let length = min(Self.chunkSize, bytes.count - offset)
      let pointer = (bytes.baseAddress! + offset).assumingMemoryBound(to: CChar.self)
      record(xmlParseChunk(context, pointer, Int32(length), 0))
      offset += length
    }
  }

  private static let newlines = [CChar](repeating: 0x0A, count: 4096)

  private func feedNewlines(_ count: Int) {
    var remaining = count
    while remaining > 0 && failure == nil, let context {
      let length = min(remaining, Self.newlines.count)
      Self.newlines.withUnsafeBufferPointer { record(xmlParseChunk(context, $0.baseAddress, Int32(length), 0)) }
      remaining -= length
    }
  }

  /// libxml2 interns element names in the context's dictionary, so a name is known by its pointer.
  private func internElementNames(in context: xmlParserCtxtPtr) {
    for element in ElementName.allCases where element != .other {
      if let interned = xmlDictLookup(context.pointee.dict, element.rawValue, -1) {
        elementNames.insert(UnsafeRawPointer(interned), element)
      }
    }
  }

  private func stop(_ failure: Failure) {
    if self.failure == nil { self.failure = failure }
    if let context { xmlStopParser(context) }
  }

  // MARK: Callbacks

  private static func instance(_ pointer: UnsafeMutableRawPointer?) -> LibXML2DocumentParser {
    Unmanaged<LibXML2DocumentParser>.fromOpaque(pointer!).takeUnretainedValue()
  }

  private static func makeHandler() -> xmlSAXHandler {
    var handler = xmlSAXHandler()
    handler.initialized = UInt32(XML_SAX2_MAGIC)
    withUnsafeMutablePointer(to: &handler) { routeElementEvents(of: $0, toLegacy: false) }
    handler.entityDecl = { user, name, type, _, _, _ in
      LibXML2DocumentParser.instance(user).checkEntityDeclaration(name, type: type)
    }
    handler.reference = { user, name in LibXML2DocumentParser.instance(user).characterEntity(name) }
    handler.serror = { user, error in LibXML2DocumentParser.instance(user).report(error) }
    return handler
  }

  /// Points the element and text callbacks at one builder or the other. libxml2 keeps its own
  /// copy of the handler per context, so this changes only the context it belongs to.
  private static func routeElementEvents(of handler: UnsafeMutablePointer<xmlSAXHandler>, toLegacy: Bool) {
    if toLegacy {
      handler.pointee.startElementNs = { user, localname, _, _, _, _, _, _, _ in
        guard let localname else { return }
        LibXML2DocumentParser.instance(user).legacyStorage.pointee.startElement(String(cString: localname))
      }
      handler.pointee.endElementNs = { user, _, _, _ in LibXML2DocumentParser.instance(user).legacyStorage.pointee.endElement() }
      handler.pointee.characters = { user, bytes, length in
        let parser = LibXML2DocumentParser.instance(user)
        parser.characters(bytes, Int(length), to: parser.legacyStorage)
      }
      handler.pointee.cdataBlock = handler.pointee.characters
    } else {
      handler.pointee.startElementNs = { user, localname, _, _, _, _, attributeCount, _, attributes in
        LibXML2DocumentParser.instance(user).startElement(localname, attributeCount: Int(attributeCount), attributes: attributes)
      }
      handler.pointee.endElementNs = { user, _, _, _ in LibXML2DocumentParser.instance(user).builderStorage.pointee.endElement() }
      handler.pointee.characters = { user, bytes, length in
        let parser = LibXML2DocumentParser.instance(user)
        parser.characters(bytes, Int(length), to: parser.builderStorage)
      }
      handler.pointee.cdataBlock = handler.pointee.characters
    }
  }

  private func startElement(
    _ localname: UnsafePointer<xmlChar>?, attributeCount: Int,
    attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
  ) {
    guard let localname else { return }
    let element = elementNames.element(at: UnsafeRawPointer(localname))
    var copied: [(String, String)] = []
    if RecordBuilder.needsAttributes(element), let attributes {
      for index in 0..<attributeCount {
        let base = index * 5
        guard let name = attributes[base], let start = attributes[base + 3], let end = attributes[base + 4] else { continue }
        let value = String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
        copied.append((String(cString: name), value))
      }
    }
    builderStorage.pointee.startElement(element, attributes: copied)
  }

  private func characters<Builder: RecordBuilding>(
    _ bytes: UnsafePointer<xmlChar>?, _ length: Int, to builder: UnsafeMutablePointer<Builder>
  ) {
    guard let bytes, length > 0 else { return }
    builder.pointee.characters(UnsafeBufferPointer(start: bytes, count: length))
  }

  /// A named entity the document uses without declaring it (`&ldquo;`, `&lgr;`: the pre-2005
  /// formats leave them to their DTD). libxml2 only warns and reports the name; its character
  /// comes from a fixed table, never from the document. A name in no table stays as written.
  private func characterEntity(_ name: UnsafePointer<xmlChar>?) {
    guard let name else { return }
    let entity = String(cString: name)
    let text = CharacterEntities.iso[entity] ?? Self.htmlCharacter(named: name) ?? "&\(entity);"
    Array(text.utf8).withUnsafeBufferPointer { buffer in
      if readsLegacy {
        characters(buffer.baseAddress, buffer.count, to: legacyStorage)
      } else {
        characters(buffer.baseAddress, buffer.count, to: builderStorage)
      }
    }
  }

  /// HTML 4's named characters (`&ldquo;`, `&uuml;`, `&frac12;`), from libxml2's table.
  private static func htmlCharacter(named name: UnsafePointer<xmlChar>) -> String? {
    guard let entity = htmlEntityLookup(name), let scalar = Unicode.Scalar(entity.pointee.value) else { return nil }
    return String(Character(scalar))
  }

  /// Entity declarations are how entity bombs and external-entity attacks start; USPTO documents
  /// never declare a parsed entity, so any such declaration ends the document. Unparsed entities
  /// (`NDATA`: the pre-2005 formats name each drawing's image file so) are never read or
  /// expanded, and are let through.
  private func checkEntityDeclaration(_ name: UnsafePointer<xmlChar>?, type: Int32) {
    if type == Int32(XML_EXTERNAL_GENERAL_UNPARSED_ENTITY.rawValue) { return }
    let entity = name.map { String(cString: $0) } ?? "?"
    stop(
      Failure(
        line: context.map { Int(xmlSAX2GetLineNumber($0)) },
        message: "the DOCTYPE declares the entity '\(entity)'; patent-digest never expands entities and refuses the document"))
  }

  private func report(_ error: xmlErrorPtr?) {
    guard let error, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
    // An undeclared named entity in a document with an external DTD: `characterEntity` has it.
    if error.pointee.code == Int32(XML_WAR_UNDECLARED_ENTITY.rawValue) { return }
    var message = error.pointee.message.map { String(cString: $0) } ?? "malformed XML"
    message = message.trimmingWhiteSpace()
    stop(Failure(line: error.pointee.line > 0 ? Int(error.pointee.line) : nil, message: message))
  }
}
