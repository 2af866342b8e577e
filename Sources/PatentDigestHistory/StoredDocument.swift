public import PatentDigest

/// What the history keeps of one document: enough to work out its companies and topics again
/// with any watch list, without the feed. The description, claims, inventors and IPC stay out.
public struct StoredDocument: Sendable, Hashable {
  /// A party as filed: an assignee, or an applicant that is an organisation (the only
  /// applicants the company roll-up reads).
  public struct StoredParty: Sendable, Hashable {
    public enum Role: String, Sendable, Hashable {
      case assignee
      case applicant
    }

    public var role: Role
    public var name: String
    public var kind: Party.Kind

    public init(role: Role, name: String, kind: Party.Kind) {
      self.role = role
      self.name = name
      self.kind = kind
    }
  }

  public var type: PatentRecord.DocumentType
  public var publicationNumber: String
  public var kind: String
  public var publicationDate: String?
  public var filingDate: String?
  public var applicationNumber: String?
  public var applicationType: String?
  public var title: String
  public var abstract: String?
  public var parties: [StoredParty]
  public var cpcMain: String?
  public var cpcFurther: [String]
  public var relatedDocuments: [String]

  /// What the history keeps of `record`.
  public init(_ record: PatentRecord) {
    type = record.type
    publicationNumber = record.publicationNumber
    kind = record.kind
    publicationDate = record.publicationDate
    filingDate = record.filingDate
    applicationNumber = record.applicationNumber
    applicationType = record.applicationType
    title = record.title
    abstract = record.abstract
    parties =
      record.assignees.map { StoredParty(role: .assignee, name: $0.name, kind: $0.kind) }
      + record.applicants.filter { $0.kind == .organization }.map {
        StoredParty(role: .applicant, name: $0.name, kind: $0.kind)
      }
    cpcMain = record.cpc.first(where: \.main)?.symbol
    cpcFurther = record.cpc.filter { !$0.main }.map(\.symbol)
    relatedDocuments = record.relatedDocuments
  }

  public init(
    type: PatentRecord.DocumentType, publicationNumber: String, kind: String, publicationDate: String?, filingDate: String?,
    applicationNumber: String?, applicationType: String?, title: String, abstract: String?, parties: [StoredParty],
    cpcMain: String?, cpcFurther: [String], relatedDocuments: [String]
  ) {
    self.type = type
    self.publicationNumber = publicationNumber
    self.kind = kind
    self.publicationDate = publicationDate
    self.filingDate = filingDate
    self.applicationNumber = applicationNumber
    self.applicationType = applicationType
    self.title = title
    self.abstract = abstract
    self.parties = parties
    self.cpcMain = cpcMain
    self.cpcFurther = cpcFurther
    self.relatedDocuments = relatedDocuments
  }

  /// The document as a record the classifier takes: the stored fields, the rest empty (no
  /// inventors, IPC, claims). Companies and topics come out as from the feed; the score, which
  /// also reads the first claim, does not.
  public func patentRecord(file: String, position: Int) -> PatentRecord {
    func party(_ stored: StoredParty) -> Party { Party(name: stored.name, kind: stored.kind) }
    return PatentRecord(
      type: type, publicationNumber: publicationNumber, kind: kind, publicationDate: publicationDate, filingDate: filingDate,
      applicationNumber: applicationNumber, applicationType: applicationType, title: title, abstract: abstract,
      assignees: parties.filter { $0.role == .assignee }.map(party),
      applicants: parties.filter { $0.role == .applicant }.map(party), inventors: [],
      cpc: (cpcMain.map { [Classification(symbol: $0, main: true)] } ?? [])
        + cpcFurther.map { Classification(symbol: $0, main: false) },
      ipc: [], claimCount: 0, firstClaim: nil, relatedDocuments: relatedDocuments, dtdVersion: "",
      source: SourcePosition(file: file, document: position, byteOffset: 0))
  }

  /// The separator of the list columns (`cpcFurther`, `relatedDocuments`): no CPC symbol or
  /// relation kind holds it.
  static let listSeparator = ";"
}
