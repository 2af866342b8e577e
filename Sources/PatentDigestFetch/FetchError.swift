/// Why a fetch stopped: one line for a person (what, where, what to do) and the kind of problem,
/// which the command line maps to its documented exit code.
public struct FetchError: Error, Sendable, CustomStringConvertible {
  public enum Kind: Sendable, Hashable {
    /// No API key, or one that cannot be a key.
    case noKey
    /// The portal refused the key (401, 403).
    case keyRejected
    /// The portal lists no file for what was asked: not released yet, or a holiday week.
    case nothingListed
    /// The portal cannot be reached at all (name, connection, TLS).
    case unreachable
    /// Worth trying again later: rate limited past the retries, a server error, a connection
    /// dropped mid-file.
    case tryLater
    /// The portal answered something this tool does not understand: a listing that is not its
    /// JSON, a redirect loop, a status it does not document.
    case unexpectedAnswer
    /// The file arrived but is not what was announced: shorter, longer, or a damaged zip.
    case damagedDownload
    /// The download folder cannot be written: permissions, a full disk.
    case cannotWrite
  }

  public var kind: Kind
  public var message: String

  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  public var description: String { message }
}
