import Yams

/// The shape checks every YAML file a person writes goes through (the watch list, the copy
/// rules): a mapping with only the keys it may have, each once; a list, or nothing. Each problem
/// becomes the file's own error, with the line of the node it is about.
struct YAMLNodes<Failure: Error> {
  /// The file's error for a problem at `node` (nil: the file as a whole).
  let failure: (Node?, String) -> Failure

  func mapping(_ node: Node, _ what: String, allowed: Set<String>) throws(Failure) -> [String: Node] {
    guard case .mapping(let mapping) = node else { throw failure(node, "\(what) must be a mapping of keys to values") }
    var result: [String: Node] = [:]
    for (key, value) in mapping {
      guard let name = key.string else { throw failure(key, "\(what) has a key that is not text") }
      guard allowed.contains(name) else {
        throw failure(key, "\(what) has an unknown key '\(name)' (expected one of: \(allowed.sorted().joined(separator: ", ")))")
      }
      if result[name] != nil { throw failure(key, "\(what) has the key '\(name)' twice") }
      result[name] = value
    }
    return result
  }

  /// The list's nodes; an absent or empty value is an empty list.
  func sequence(_ node: Node?, _ what: String) throws(Failure) -> [Node] {
    guard let node else { return [] }
    if case .scalar(let scalar) = node, scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null" { return [] }
    guard case .sequence(let sequence) = node else { throw failure(node, "\(what) must be a list") }
    return Array(sequence)
  }
}
