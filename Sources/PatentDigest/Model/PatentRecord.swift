/// One patent document from a USPTO feed, as plain values: what `patent-digest parse` prints.
///
/// The property names are the JSON contract documented in the README; a new field may be added,
/// an existing one is never renamed.
public struct PatentRecord: Sendable, Hashable, Codable {
  /// Whether the document is a published application or a granted patent.
  public enum DocumentType: String, Sendable, Hashable, Codable {
    case application
    case grant
  }

  public var type: DocumentType
  /// Country, document number and kind code as printed on the front page: `US20220159901A1`,
  /// `US11646472B2`, `USD0656296S1`.
  public var publicationNumber: String
  /// The kind code alone (`A1`, `B2`, `S1`, `E`, `P3`).
  public var kind: String
  /// ISO 8601 date of publication (`2022-05-26`).
  public var publicationDate: String?
  /// ISO 8601 filing date of the application.
  public var filingDate: String?
  public var applicationNumber: String?
  /// `utility`, `design`, `plant`, `reissue` and the other `appl-type` values, as given.
  public var applicationType: String?
  public var title: String
  /// Plain text, whitespace collapsed, tables left out; `nil` where the document has none (designs).
  public var abstract: String?
  /// Owners of the patent. For documents without an `assignees` block, the applicants whose
  /// `applicant-authority-category` is `assignee`.
  public var assignees: [Party]
  public var applicants: [Party]
  public var inventors: [Party]
  /// CPC symbols, the main classification first and marked.
  public var cpc: [Classification]
  /// IPC symbols, the first-position symbol first and marked.
  public var ipc: [Classification]
  public var claimCount: Int
  /// The first claim with all its nested parts, as plain text.
  public var firstClaim: String?
  /// How the filing relates to earlier ones, as the `us-related-documents` block names it:
  /// `continuation`, `continuation-in-part`, `division`, `reissue`, `us-provisional-application`,
  /// `related-publication`, ... (each kind once, in document order).
  public var relatedDocuments: [String]
  /// The `dtd-version` attribute of the root element (`v4.5 2021-08-30`); for a pre-2005
  /// document, the file its DOCTYPE names (`pap-v15-2001-01-31.dtd`).
  public var dtdVersion: String
  public var source: SourcePosition

  public init(
    type: DocumentType, publicationNumber: String, kind: String, publicationDate: String?,
    filingDate: String?, applicationNumber: String?, applicationType: String?, title: String,
    abstract: String?, assignees: [Party], applicants: [Party], inventors: [Party],
    cpc: [Classification], ipc: [Classification], claimCount: Int, firstClaim: String?,
    relatedDocuments: [String] = [], dtdVersion: String, source: SourcePosition
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
    self.assignees = assignees
    self.applicants = applicants
    self.inventors = inventors
    self.cpc = cpc
    self.ipc = ipc
    self.claimCount = claimCount
    self.firstClaim = firstClaim
    self.relatedDocuments = relatedDocuments
    self.dtdVersion = dtdVersion
    self.source = source
  }
}

/// A person or an organisation named in a document (assignee, applicant or inventor).
public struct Party: Sendable, Hashable, Codable {
  public enum Kind: String, Sendable, Hashable, Codable {
    case organization
    case person
  }

  /// The organisation's name, or the person's first and last names joined.
  public var name: String
  public var kind: Kind
  public var organization: String?
  public var firstName: String?
  public var lastName: String?
  /// The assignee role code (`02` US company, `03` foreign company, ...), as given.
  public var role: String?
  public var city: String?
  public var state: String?
  public var country: String?
  /// For applicants: `applicant-authority-category` (`assignee`, `inventor`, ...), as given.
  public var authorityCategory: String?
  /// For applicants: `app-type` (`applicant`, `applicant-inventor`), as given.
  public var applicantType: String?

  public init(
    name: String, kind: Kind, organization: String? = nil, firstName: String? = nil,
    lastName: String? = nil, role: String? = nil, city: String? = nil, state: String? = nil,
    country: String? = nil, authorityCategory: String? = nil, applicantType: String? = nil
  ) {
    self.name = name
    self.kind = kind
    self.organization = organization
    self.firstName = firstName
    self.lastName = lastName
    self.role = role
    self.city = city
    self.state = state
    self.country = country
    self.authorityCategory = authorityCategory
    self.applicantType = applicantType
  }
}

/// One classification symbol (CPC or IPC), written the way the schemes print them: `G02B 27/0172`.
public struct Classification: Sendable, Hashable, Codable {
  public var symbol: String
  /// True for the main CPC classification, or the first-position IPC symbol.
  public var main: Bool

  public init(symbol: String, main: Bool) {
    self.symbol = symbol
    self.main = main
  }
}

/// Where a record came from: which input, and which document of it.
public struct SourcePosition: Sendable, Hashable, Codable {
  /// The input as named on the command line (`-` for standard input); for a zip, `file.zip:entry.xml`.
  public var file: String
  /// 1-based position of the document in that input.
  public var document: Int
  /// Offset of the document's `<?xml` declaration in the (decompressed) feed.
  public var byteOffset: Int

  public init(file: String, document: Int, byteOffset: Int) {
    self.file = file
    self.document = document
    self.byteOffset = byteOffset
  }
}
