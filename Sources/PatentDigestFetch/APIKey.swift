import Foundation

/// The Open Data Portal's API key. It is sent in the `X-API-KEY` header to the portal's own
/// host and nowhere else; it never appears in a message, a log or a file of ours (printing it
/// prints a placeholder).
public struct APIKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
  let value: String

  /// The environment variable the key is read from.
  public static let environmentVariable = "USPTO_API_KEY"

  /// A key as given; throws when it cannot be a key (empty, spaces or control characters inside,
  /// over 512 characters).
  public init(_ text: String, source: String) throws(FetchError) {
    let key = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !key.isEmpty else {
      throw FetchError(.noKey, "\(source) is empty; it must hold the Open Data Portal API key")
    }
    guard key.count <= 512, key.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
      throw FetchError(
        .noKey, "\(source) does not hold an API key (one line of visible ASCII characters, at most 512)")
    }
    value = key
  }

  /// The key from `--api-key-file FILE` when given, else from `USPTO_API_KEY`.
  public static func load(file: String?, environment: [String: String]? = nil) throws(FetchError) -> APIKey {
    let environment = environment ?? ProcessInfo.processInfo.environment
    if let file {
      let data: Data
      do {
        data = try Data(contentsOf: URL(fileURLWithPath: file))
      } catch {
        throw FetchError(.noKey, "\(file): cannot read the API key file (\(Self.reason(error)))")
      }
      guard data.count <= 4096, let text = String(data: data, encoding: .utf8) else {
        throw FetchError(.noKey, "\(file) does not hold an API key (one line of visible ASCII characters)")
      }
      return try APIKey(text, source: file)
    }
    guard let text = environment[environmentVariable] else {
      throw FetchError(
        .noKey,
        "no API key: set \(environmentVariable), or name a file holding it with --api-key-file "
          + "(get a key at https://data.uspto.gov/myodp)")
    }
    return try APIKey(text, source: environmentVariable)
  }

  private static func reason(_ error: any Error) -> String {
    let code = (error as NSError).code
    if let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain
    {
      return String(cString: strerror(Int32(underlying.code)))
    }
    switch code {
    case NSFileReadNoSuchFileError: return "no such file"
    case NSFileReadNoPermissionError: return "permission denied"
    default: return "cannot be read"
    }
  }

  /// `text` with every occurrence of the key blanked out: for what the portal says back, which
  /// is printed.
  func redacting(_ text: String) -> String {
    text.replacingOccurrences(of: value, with: "[API key]")
  }

  public var description: String { "[API key]" }
  public var debugDescription: String { "[API key]" }
}
