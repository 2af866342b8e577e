/// Turns the element events of a pre-2005 document into a `PatentRecord`: applications in the
/// `pap` format (v1.5 and v1.6, 2001 to 2004) and grants in the USPTO's ST.32 format (v2.4 and
/// v2.5, 2002 to 2004). Pure Swift, like `RecordBuilder`.
///
/// These documents come only from back files, so element names arrive as strings and are matched
/// against the path of open elements, not interned like the ICE names of the weekly feeds.
/// What the old formats do not carry stays empty: no CPC (they predate it), and ST.32's IPC is
/// kept as printed (`G06F 1730`), since its main group and subgroup run together.
struct LegacyRecordBuilder: RecordBuilding {
  enum Format {
    /// `<patent-application-publication>`, pap v1.5 and v1.6.
    case pap
    /// `<PATDOC>`, ST.32 v2.4 and v2.5.
    case st32
  }

  let format: Format
  /// The DOCTYPE's system identifier (`pap-v15-2001-01-31.dtd`), the record's `dtdVersion`.
  let dtdVersion: String

  init(format: Format, dtdVersion: String) {
    self.format = format
    self.dtdVersion = dtdVersion
  }

  private var stack: [String] = []

  private enum Field {
    case number, kind, date, country, applicationNumber, filingDate, filingType, ipcMain, ipcFurther
    case givenName, middleName, familyName, organization, city, state, partyCountry, assigneeRole
  }

  /// The field whose element is open, and how deep that element is; its text, nested or not, is
  /// the value.
  private var capture: (field: Field, depth: Int)?
  private var captured = FieldText()
  private var values: [Field: String] = [:]

  private var prose = RecordText()
  private var claimCount = 0

  private struct PartyParts {
    var isAssignee: Bool
    var depth: Int
    var values: [Field: String] = [:]
  }

  private var party: PartyParts?
  private var inventors: [Party] = []
  private var assignees: [Party] = []
  private var ipc = ClassificationList()
  /// ST.32 gives the assignees' role once per B730, after them: the assignees from here on get it.
  private var assigneesAwaitingRole = 0
  private var relations: [String] = []

  /// The publication number as far as it has been read (for failure reports).
  var publicationNumberSoFar: String? {
    values[.number].map { (values[.country] ?? "US") + $0 + (values[.kind] ?? "") }
  }

  // MARK: Events

  mutating func startElement(_ name: String) {
    stack.append(name)
    let depth = stack.count
    if prose.suppressedDepth != nil || capture != nil { return }
    if prose.open != nil {
      if Self.suppressedBlocks.contains(name) {
        prose.suppress(from: depth)
      } else if Self.breaks.contains(name) {
        prose.separate()
      }
      return
    }
    switch format {
    case .pap: startPAP(name, depth: depth)
    case .st32: startST32(name, depth: depth)
    }
  }

  mutating func endElement() {
    guard let name = stack.popLast() else { return }
    let depth = stack.count + 1
    if prose.endSuppressed(at: depth) { return }
    if let (field, fieldDepth) = capture {
      if depth == fieldDepth {
        capture = nil
        store(field, captured.value)
      }
      return
    }
    if prose.open != nil {
      prose.end(at: depth, isBreak: Self.breaks.contains(name))
      return
    }
    if let parts = party, depth == parts.depth {
      appendParty(parts)
      party = nil
    }
  }

  mutating func characters(_ text: UnsafeBufferPointer<UInt8>) {
    if prose.suppressedDepth != nil { return }
    if capture != nil {
      captured.append(text)
    } else {
      prose.append(text)
    }
  }

  /// Elements that end a paragraph or a part of a claim, in both formats.
  private static let breaks: Set<String> = [
    "paragraph", "claim-text", "heading", "PARA", "PTEXT", "CLMSTEP", "H", "BR",
  ]
  /// Blocks whose text is not prose: tables, images, formulae, chemistry.
  private static let suppressedBlocks: Set<String> = [
    "table", "table-cwu", "image", "math-cwu", "chemistry-cwu", "TABLE", "EMI", "MATH", "CHEM", "CWU",
  ]

  // MARK: pap

  private mutating func startPAP(_ name: String, depth: Int) {
    let parent = depth >= 2 ? stack[depth - 2] : ""
    let inBibliography = stack.count >= 2 && stack[1] == "subdoc-bibliographic-information"
    if party != nil {
      switch name {
      case "given-name": begin(.givenName, depth)
      case "middle-name": begin(.middleName, depth)
      case "family-name": begin(.familyName, depth)
      case "organization-name": begin(.organization, depth)
      case "city": begin(.city, depth)
      case "state": begin(.state, depth)
      case "country-code": begin(.partyCountry, depth)
      case "assignee-type": begin(.assigneeRole, depth)
      default: break
      }
      return
    }
    switch name {
    case "doc-number" where inBibliography && parent == "document-id" && depth == 4: begin(.number, depth)
    case "kind-code" where inBibliography && parent == "document-id" && depth == 4: begin(.kind, depth)
    case "document-date" where inBibliography && parent == "document-id" && depth == 4: begin(.date, depth)
    case "doc-number" where parent == "application-number" && stack.contains("domestic-filing-data"):
      begin(.applicationNumber, depth)
    case "filing-date" where parent == "domestic-filing-data": begin(.filingDate, depth)
    case "publication-filing-type" where inBibliography: begin(.filingType, depth)
    case "title-of-invention" where parent == "technical-information" && prose.title.isEmpty: beginText(.title, depth)
    case "ipc" where parent == "classification-ipc-primary": begin(.ipcMain, depth)
    case "ipc" where parent == "classification-ipc-secondary": begin(.ipcFurther, depth)
    case "first-named-inventor" where parent == "inventors", "inventor" where parent == "inventors":
      party = PartyParts(isAssignee: false, depth: depth)
    case "assignee" where inBibliography:
      party = PartyParts(isAssignee: true, depth: depth)
    case "continuation-of", "continuation-in-part-of", "division-of", "non-provisional-of-provisional",
      "a-371-of-international", "reissue-of":
      if stack.contains("continuity-data") { addRelation(Self.papRelations[name] ?? name) }
    case "subdoc-abstract" where depth == 2 && prose.abstract.isEmpty: beginText(.abstract, depth)
    case "claim" where parent == "subdoc-claims":
      claimCount += 1
      if claimCount == 1 { beginText(.firstClaim, depth) }
    default: break
    }
  }

  /// The pap names of relations, as the ICE formats name them.
  private static let papRelations = [
    "continuation-of": "continuation", "continuation-in-part-of": "continuation-in-part", "division-of": "division",
    "non-provisional-of-provisional": "us-provisional-application", "reissue-of": "reissue",
  ]

  // MARK: ST.32

  private mutating func startST32(_ name: String, depth: Int) {
    let parent = depth >= 2 ? stack[depth - 2] : ""
    if party != nil {
      switch name {
      case "FNM": begin(.givenName, depth)
      case "SNM": begin(.familyName, depth)
      case "ONM": begin(.organization, depth)
      case "CITY": begin(.city, depth)
      case "STATE": begin(.state, depth)
      case "CTRY": begin(.partyCountry, depth)
      default: break
      }
      return
    }
    switch name {
    case "DNUM" where parent == "B110": begin(.number, depth)
    case "B130": begin(.kind, depth)
    case "DATE" where parent == "B140": begin(.date, depth)
    case "B190": begin(.country, depth)
    case "DNUM" where parent == "B210": begin(.applicationNumber, depth)
    case "DATE" where parent == "B220": begin(.filingDate, depth)
    case "B511": begin(.ipcMain, depth)
    case "B512": begin(.ipcFurther, depth)
    case "B540" where prose.title.isEmpty: beginText(.title, depth)
    case "B610", "B620", "B631", "B632", "B633", "B640", "B645", "B660", "B680US":
      addRelation(Self.st32Relations[name] ?? name)
    case "B721" where parent == "B720": party = PartyParts(isAssignee: false, depth: depth)
    case "B731" where parent == "B730": party = PartyParts(isAssignee: true, depth: depth)
    case "B732US": begin(.assigneeRole, depth)
    case "SDOAB" where prose.abstract.isEmpty: beginText(.abstract, depth)
    case "CLM" where parent == "CL":
      claimCount += 1
      if claimCount == 1 { beginText(.firstClaim, depth) }
    default: break
    }
  }

  /// The ST.32 codes of relations (WIPO INID 61 to 68), as the ICE formats name them.
  private static let st32Relations = [
    "B610": "addition", "B620": "division", "B631": "continuation", "B632": "continuation-in-part",
    "B633": "continuing-reissue", "B640": "reissue", "B645": "reexamination", "B660": "substitution",
    "B680US": "us-provisional-application",
  ]

  // MARK: Result

  /// The record, or why the document cannot make one. The claims are counted here, in the
  /// document's own markup, so the scan's `claimCount` is not used.
  func record(source: SourcePosition, claimCount _: Int) throws(RecordBuilder.Problem) -> PatentRecord {
    guard let number = values[.number], !number.isEmpty else {
      let path = format == .pap ? "subdoc-bibliographic-information/document-id/doc-number" : "SDOBI/B100/B110/DNUM"
      throw RecordBuilder.Problem(message: "no publication number: \(path) is missing")
    }
    try prose.refuseOverflow()
    let kind = values[.kind] ?? ""
    return PatentRecord(
      type: format == .pap ? .application : .grant,
      publicationNumber: (values[.country] ?? "US") + number + kind,
      kind: kind,
      publicationDate: values[.date].flatMap(RecordBuilder.isoDate),
      filingDate: values[.filingDate].flatMap(RecordBuilder.isoDate),
      applicationNumber: values[.applicationNumber],
      applicationType: applicationType(kind: kind),
      title: prose.title.text,
      abstract: prose.abstract.textIfAny,
      assignees: assignees,
      applicants: [],
      inventors: inventors,
      cpc: [],
      ipc: ipc.mainFirst,
      claimCount: claimCount,
      firstClaim: prose.firstClaim.textIfAny,
      relatedDocuments: relations,
      dtdVersion: dtdVersion,
      source: source)
  }

  /// pap says `new-utility`; ST.32 says nothing, and the kind code tells (S design, P plant, E
  /// reissue, H statutory invention registration, otherwise utility).
  private func applicationType(kind: String) -> String? {
    switch format {
    case .pap:
      guard let type = values[.filingType], !type.isEmpty else { return nil }
      return type.hasPrefix("new-") ? String(type.dropFirst(4)) : type
    case .st32:
      switch kind.first {
      case "S": return "design"
      case "P": return "plant"
      case "E": return "reissue"
      case "H": return "sir"
      case nil: return nil
      default: return "utility"
      }
    }
  }

  // MARK: Helpers

  private mutating func begin(_ field: Field, _ depth: Int) {
    capture = (field, depth)
    captured.reset()
  }

  private mutating func beginText(_ target: RecordText.Target, _ depth: Int) {
    prose.begin(target, depth: depth)
  }

  private mutating func addRelation(_ relation: String) {
    if !relations.contains(relation) { relations.append(relation) }
  }

  private mutating func store(_ field: Field, _ value: String) {
    guard !value.isEmpty else { return }
    switch field {
    case .ipcMain, .ipcFurther:
      // pap writes `D21C011/12`; ST.32 writes `G06F 1730`, kept as printed; a design's Locarno
      // class (`0202`, digits only) is not IPC and is left out.
      guard value.first?.isLetter == true else { return }
      let symbol = value.contains("/") ? RecordBuilder.normalizedIPC(value) : value
      ipc.add(symbol, main: field == .ipcMain, skipRepeats: false)
    case .assigneeRole where party == nil:
      for index in assigneesAwaitingRole..<assignees.count { assignees[index].role = value }
      assigneesAwaitingRole = assignees.count
    default:
      // The first value of each field counts, as in the ICE reader.
      if party != nil {
        if party!.values[field] == nil { party!.values[field] = value }
      } else if values[field] == nil {
        values[field] = value
      }
    }
  }

  private mutating func appendParty(_ parts: PartyParts) {
    let values = parts.values
    let organization = values[.organization]
    let personName = [values[.givenName], values[.middleName], values[.familyName]].compactMap { $0 }.joined(separator: " ")
    let party = Party(
      name: organization ?? personName,
      kind: organization != nil ? .organization : .person,
      organization: organization,
      firstName: values[.givenName],
      lastName: values[.familyName],
      role: values[.assigneeRole],
      city: values[.city],
      state: values[.state],
      country: values[.partyCountry])
    guard !party.name.isEmpty else { return }
    if parts.isAssignee { assignees.append(party) } else { inventors.append(party) }
  }
}
