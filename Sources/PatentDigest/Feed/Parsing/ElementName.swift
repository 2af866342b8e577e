/// The elements of the USPTO ICE formats that the record builder reacts to; every other element
/// is `.other`.
enum ElementName: String, CaseIterable, Sendable {
  // Roots.
  case usPatentApplication = "us-patent-application"
  case usPatentGrant = "us-patent-grant"
  case sequenceListing = "sequence-cwu"

  // Bibliographic data.
  case bibliographicDataApplication = "us-bibliographic-data-application"
  case bibliographicDataGrant = "us-bibliographic-data-grant"
  case publicationReference = "publication-reference"
  case applicationReference = "application-reference"
  case documentID = "document-id"
  case country
  case docNumber = "doc-number"
  case kind
  case date
  case inventionTitle = "invention-title"

  // Related documents: how a filing descends from earlier ones.
  case usRelatedDocuments = "us-related-documents"
  case relatedDocuments = "related-documents"
  case continuation
  case continuationInPart = "continuation-in-part"
  case continuingReissue = "continuing-reissue"
  case division
  case reissue
  case divisionalReissue = "divisional-reissue"
  case reexamination
  case reexaminationReissueMerger = "us-reexamination-reissue-merger"
  case substitution
  case provisionalApplication = "us-provisional-application"
  case relatedPublication = "related-publication"
  case correction

  // Classifications.
  case classificationsIPCR = "classifications-ipcr"
  case classificationIPCR = "classification-ipcr"
  case classificationIPC = "classification-ipc"
  case mainClassification = "main-classification"
  case furtherClassification = "further-classification"
  case classificationsCPC = "classifications-cpc"
  case mainCPC = "main-cpc"
  case classificationCPC = "classification-cpc"
  case section
  case classCode = "class"
  case subclass
  case mainGroup = "main-group"
  case subgroup
  case symbolPosition = "symbol-position"

  // Parties.
  case usApplicant = "us-applicant"
  case applicant
  case inventor
  case assignee
  case addressbook
  case address
  case orgname
  case lastName = "last-name"
  case firstName = "first-name"
  case middleName = "middle-name"
  case role
  case city
  case state
  case residence
  case nationality

  // Text.
  case abstract
  case claims
  case claim
  case claimText = "claim-text"
  case paragraph = "p"
  case heading
  case lineBreak = "br"
  case listItem = "li"
  case tables
  case table
  case image = "img"
  case chemistry
  case maths
  case superscript = "sup"

  // MathML.
  case math
  case mi, mn, mo, mtext, ms, mspace
  case msup, msub, msubsup, mfrac, msqrt, mroot, mfenced, mover, munder, munderover
  case mtable, mtr, mtd

  case other = ""
}
