/// Turns the element events of one ICE-format document (v4.0 to v4.7, applications and grants)
/// into a `PatentRecord`. Pure Swift: the libxml2 side only forwards events.
struct RecordBuilder: RecordBuilding {
  struct Problem: Error {
    var message: String
  }

  private var stack: [ElementName] = []
  private(set) var documentType: PatentRecord.DocumentType?
  private var dtdVersion = ""

  private struct DocumentID {
    var country = ""
    var number = ""
    var kind = ""
    var date = ""
  }

  private enum DocumentIDTarget {
    case publication
    case application
  }

  private var publication = DocumentID()
  private var application = DocumentID()
  private var applicationType: String?
  private var documentIDTarget: DocumentIDTarget?
  private var documentIDsSeen: (publication: Bool, application: Bool) = (false, false)

  private enum ClassificationScheme {
    case ipcr
    case cpcMain
    case cpcFurther
  }

  private struct ClassificationParts {
    var scheme: ClassificationScheme
    var section = ""
    var classCode = ""
    var subclass = ""
    var mainGroup = ""
    var subgroup = ""
    var position = ""
  }

  private var classification: ClassificationParts?
  private var cpc = ClassificationList()
  private var ipc = ClassificationList()

  private enum PartyRole {
    case applicant
    case inventor
    case assignee
  }

  private struct PartyParts {
    var role: PartyRole
    var organization = ""
    var lastName = ""
    var firstName = ""
    var middleName = ""
    var roleCode = ""
    var city = ""
    var state = ""
    var country = ""
    var authorityCategory: String?
    var applicantType: String?
  }

  /// Kinds of relation to earlier filings (`continuation`, `division`, ...), in document order.
  private var relations: [String] = []

  private var party: PartyParts?
  private var assignees: [Party] = []
  private var applicants: [Party] = []
  private var inventors: [Party] = []

  private var prose = RecordText()
  private var sawAbstract = false
  private var claimsSeen = 0
  private var math: MathMLText?
  private var mathDepth = 0

  /// Short values (numbers, dates, names) gather here while their element is open.
  private var field = FieldText()
  private var capturingField = false

  /// The elements whose attributes the builder reads; the parser copies attributes only for them.
  static func needsAttributes(_ element: ElementName) -> Bool {
    switch element {
    case .usPatentApplication, .usPatentGrant, .applicationReference, .usApplicant, .applicant, .mfenced:
      return true
    default:
      return false
    }
  }

  /// The publication number as far as it has been read (for failure reports).
  var publicationNumberSoFar: String? {
    publication.number.isEmpty ? nil : publication.country + publication.number + publication.kind
  }

  private var parent: ElementName { stack.count >= 2 ? stack[stack.count - 2] : .other }

  private func inside(_ element: ElementName) -> Bool {
    stack.dropLast().contains(element)
  }

  // MARK: Events

  mutating func startElement(_ element: ElementName, attributes: [(String, String)]) {
    stack.append(element)
    let depth = stack.count
    if math != nil {
      math!.start(element, attributes: attributes)
      return
    }
    if prose.suppressedDepth != nil { return }

    if prose.open != nil {
      switch element {
      case .tables, .table, .image, .chemistry:
        prose.suppress(from: depth)
      case .math:
        math = MathMLText()
        mathDepth = depth
      case .paragraph, .heading, .lineBreak, .listItem, .claimText, .maths:
        prose.separate()
      case .superscript:
        if prose.endsInWord { prose.append("^") }
      default:
        break
      }
      return
    }

    switch element {
    case .usPatentApplication, .usPatentGrant:
      guard depth == 1 else { break }
      documentType = element == .usPatentApplication ? .application : .grant
      dtdVersion = attributes.first(where: { $0.0 == "dtd-version" })?.1 ?? ""
    case .publicationReference where isBibliographic(parent) && !documentIDsSeen.publication:
      documentIDTarget = .publication
    case .applicationReference where isBibliographic(parent) && !documentIDsSeen.application:
      documentIDTarget = .application
      applicationType = attributes.first(where: { $0.0 == "appl-type" })?.1
    case .country, .docNumber, .kind, .date:
      if documentIDTarget != nil && parent == .documentID {
        beginField()
      } else if party != nil && (parent == .address || parent == .addressbook) && element == .country {
        beginField()
      }
    case .classificationIPCR where parent == .classificationsIPCR:
      classification = ClassificationParts(scheme: .ipcr)
    case .classificationCPC where inside(.classificationsCPC):
      classification = ClassificationParts(scheme: parent == .mainCPC ? .cpcMain : .cpcFurther)
    case .section, .classCode, .subclass, .mainGroup, .subgroup, .symbolPosition:
      if classification != nil && (parent == .classificationIPCR || parent == .classificationCPC) { beginField() }
    case .mainClassification, .furtherClassification:
      if parent == .classificationIPC { beginField() }
    case .inventionTitle where isBibliographic(parent) && prose.title.isEmpty:
      beginText(.title)
    case .usApplicant, .applicant:
      if party == nil { party = PartyParts(role: .applicant) }
      for (name, value) in attributes {
        if name == "applicant-authority-category" { party?.authorityCategory = value }
        if name == "app-type" { party?.applicantType = value }
      }
    case .inventor:
      if party == nil { party = PartyParts(role: .inventor) }
    case .assignee:
      if party == nil { party = PartyParts(role: .assignee) }
    case .orgname, .lastName, .firstName, .middleName, .role, .city, .state:
      if party != nil && !inside(.residence) && !inside(.nationality) { beginField() }
    case .continuation, .continuationInPart, .continuingReissue, .division, .reissue, .divisionalReissue, .reexamination,
      .reexaminationReissueMerger, .substitution, .provisionalApplication, .relatedPublication, .correction:
      if (parent == .usRelatedDocuments || parent == .relatedDocuments) && !relations.contains(element.rawValue) {
        relations.append(element.rawValue)
      }
    case .abstract where depth == 2 && !sawAbstract:
      sawAbstract = true
      beginText(.abstract)
    case .claim where parent == .claims:
      claimsSeen += 1
      if claimsSeen == 1 { beginText(.firstClaim) }
    default:
      break
    }
  }

  mutating func endElement() {
    guard let element = stack.popLast() else { return }
    let depth = stack.count + 1
    if math != nil {
      if depth == mathDepth {
        let text = math!.text
        math = nil
        prose.separate()
        prose.append(text)
        prose.separate()
      } else {
        math!.end()
      }
      return
    }
    if prose.endSuppressed(at: depth) { return }
    if prose.open != nil {
      prose.end(at: depth, isBreak: element == .paragraph || element == .claimText || element == .heading)
      return
    }
    if capturingField {
      capturingField = false
      assignField(element, field.value)
      return
    }
    switch element {
    case .publicationReference where documentIDTarget == .publication:
      documentIDTarget = nil
      documentIDsSeen.publication = true
    case .applicationReference where documentIDTarget == .application:
      documentIDTarget = nil
      documentIDsSeen.application = true
    case .classificationIPCR, .classificationCPC:
      if let parts = classification { appendClassification(parts) }
      classification = nil
    case .usApplicant, .applicant, .inventor, .assignee:
      if let parts = party, roleMatches(element, parts.role) {
        appendParty(parts)
        party = nil
      }
    default:
      break
    }
  }

  mutating func characters(_ text: UnsafeBufferPointer<UInt8>) {
    if math != nil {
      math!.characters(text)
    } else if capturingField {
      field.append(text)
    } else if prose.suppressedDepth == nil {
      prose.append(text)
    }
  }

  // MARK: Result

  /// The record, or why the document cannot make one.
  func record(source: SourcePosition, claimCount: Int) throws(Problem) -> PatentRecord {
    guard let documentType else { throw Problem(message: "the document has no us-patent-application or us-patent-grant root") }
    guard !publication.number.isEmpty else {
      throw Problem(message: "no publication number: publication-reference/document-id/doc-number is missing")
    }
    try prose.refuseOverflow()
    var owners = assignees
    if owners.isEmpty {
      owners = applicants.filter { $0.authorityCategory == "assignee" }
    }
    var inventorList = inventors
    if inventorList.isEmpty {
      inventorList = applicants.filter { $0.applicantType == "applicant-inventor" }
    }
    return PatentRecord(
      type: documentType,
      publicationNumber: (publication.country.isEmpty ? "US" : publication.country) + publication.number + publication.kind,
      kind: publication.kind,
      publicationDate: Self.isoDate(publication.date),
      filingDate: Self.isoDate(application.date),
      applicationNumber: application.number.isEmpty ? nil : application.number,
      applicationType: applicationType,
      title: prose.title.text,
      abstract: prose.abstract.textIfAny,
      assignees: owners,
      applicants: applicants,
      inventors: inventorList,
      cpc: cpc.mainFirst,
      ipc: ipc.mainFirst,
      claimCount: claimCount,
      firstClaim: prose.firstClaim.textIfAny,
      relatedDocuments: relations,
      dtdVersion: dtdVersion,
      source: source)
  }

  /// `20220526` → `2022-05-26`; a date with an unknown day or month keeps the parts it has.
  static func isoDate(_ raw: String) -> String? {
    guard !raw.isEmpty else { return nil }
    let digits = Array(raw.utf8)
    guard digits.count == 8, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return raw }
    let year = String(raw.prefix(4))
    let month = String(raw.dropFirst(4).prefix(2))
    let day = String(raw.suffix(2))
    if month == "00" { return year }
    if day == "00" { return "\(year)-\(month)" }
    return "\(year)-\(month)-\(day)"
  }

  // MARK: Helpers

  private func isBibliographic(_ element: ElementName) -> Bool {
    element == .bibliographicDataApplication || element == .bibliographicDataGrant
  }

  private func roleMatches(_ element: ElementName, _ role: PartyRole) -> Bool {
    switch role {
    case .applicant: return element == .usApplicant || element == .applicant
    case .inventor: return element == .inventor
    case .assignee: return element == .assignee
    }
  }

  private mutating func beginField() {
    capturingField = true
    field.reset()
  }

  private mutating func beginText(_ target: RecordText.Target) {
    prose.begin(target, depth: stack.count)
  }

  private mutating func assignField(_ element: ElementName, _ value: String) {
    if let target = documentIDTarget, parent == .documentID || stack.last == .documentID {
      switch element {
      case .country: update(target) { $0.country = value }
      case .docNumber: update(target) { $0.number = value }
      case .kind: update(target) { $0.kind = value }
      case .date: update(target) { $0.date = value }
      default: break
      }
      return
    }
    if classification != nil {
      switch element {
      case .section: classification!.section = value
      case .classCode: classification!.classCode = value
      case .subclass: classification!.subclass = value
      case .mainGroup: classification!.mainGroup = value
      case .subgroup: classification!.subgroup = value
      case .symbolPosition: classification!.position = value
      default: break
      }
      return
    }
    switch element {
    case .mainClassification:
      if !value.isEmpty { ipc.add(Self.normalizedIPC(value), main: true, skipRepeats: false) }
    case .furtherClassification:
      if !value.isEmpty { ipc.add(Self.normalizedIPC(value), main: false, skipRepeats: false) }
    case .orgname: party?.organization = value
    case .lastName: party?.lastName = value
    case .firstName: party?.firstName = value
    case .middleName: party?.middleName = value
    case .role: party?.roleCode = value
    case .city: party?.city = value
    case .state: party?.state = value
    case .country: party?.country = value
    default: break
    }
  }

  private mutating func update(_ target: DocumentIDTarget, _ change: (inout DocumentID) -> Void) {
    switch target {
    case .publication: change(&publication)
    case .application: change(&application)
    }
  }

  private mutating func appendClassification(_ parts: ClassificationParts) {
    guard !parts.section.isEmpty, !parts.mainGroup.isEmpty else { return }
    let symbol = "\(parts.section)\(parts.classCode)\(parts.subclass) \(parts.mainGroup)/\(parts.subgroup)"
    switch parts.scheme {
    case .cpcMain: cpc.add(symbol, main: true, skipRepeats: false)
    case .cpcFurther:
      cpc.add(symbol, main: false, skipRepeats: true)
    case .ipcr:
      ipc.add(symbol, main: parts.position == "F", skipRepeats: true)
    }
  }

  /// The old `classification-ipc` writes `A41D013/00` or `A41D 13/00`; both read `A41D 13/00`.
  static func normalizedIPC(_ raw: String) -> String {
    let compact = raw.split(separator: " ").joined()
    let characters = Array(compact)
    guard characters.count > 4, let slash = characters.firstIndex(of: "/"), slash > 4 else { return raw }
    let group = String(characters[4..<slash])
    guard let groupNumber = Int(group) else { return raw }
    return String(characters[0..<4]) + " \(groupNumber)/" + String(characters[(slash + 1)...])
  }

  private mutating func appendParty(_ parts: PartyParts) {
    let personName = [parts.firstName, parts.middleName, parts.lastName].filter { !$0.isEmpty }.joined(separator: " ")
    let isOrganization = !parts.organization.isEmpty
    let party = Party(
      name: isOrganization ? parts.organization : personName,
      kind: isOrganization ? .organization : .person,
      organization: isOrganization ? parts.organization : nil,
      firstName: parts.firstName.isEmpty ? nil : parts.firstName,
      lastName: parts.lastName.isEmpty ? nil : parts.lastName,
      role: parts.roleCode.isEmpty ? nil : parts.roleCode,
      city: parts.city.isEmpty ? nil : parts.city,
      state: parts.state.isEmpty ? nil : parts.state,
      country: parts.country.isEmpty ? nil : parts.country,
      authorityCategory: parts.authorityCategory,
      applicantType: parts.applicantType)
    guard !party.name.isEmpty else { return }
    switch parts.role {
    case .applicant: applicants.append(party)
    case .inventor: inventors.append(party)
    case .assignee: assignees.append(party)
    }
  }
}
