import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A bare HTTP/1.1 client over a socket on loopback, for tests: it sends exactly the headers it is
/// given (a foreign Host, for instance), which URLSession will not, and talks to chromedriver,
/// whose responses Linux's URLSession cannot read.
enum RawHTTP {
  struct Response {
    var status: Int
    var headers: [String: String]
    var body: Data
    var text: String { String(decoding: body, as: UTF8.self) }
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  static func request(
    port: Int, method: String, path: String, host: String? = nil, headers: [String: String] = [:], body: Data? = nil
  ) throws -> Response {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw Failure(description: "socket failed") }
    defer { close(descriptor) }
    var timeout = timeval(tv_sec: 30, tv_usec: 0)
    setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else { throw Failure(description: "cannot connect to port \(port)") }
    var head = "\(method) \(path) HTTP/1.1\r\nHost: \(host ?? "127.0.0.1:\(port)")\r\nConnection: close\r\n"
    for (name, value) in headers { head += "\(name): \(value)\r\n" }
    if let body { head += "Content-Length: \(body.count)\r\n" }
    head += "\r\n"
    var outgoing = Data(head.utf8)
    if let body { outgoing.append(body) }
    try outgoing.withUnsafeBytes { raw in
      var offset = 0
      while offset < raw.count {
        let sent = send(descriptor, raw.baseAddress! + offset, raw.count - offset, 0)
        guard sent > 0 else { throw Failure(description: "send failed") }
        offset += sent
      }
    }
    // Read until the body is complete (by Content-Length or the last chunk): a server may keep
    // the connection open whatever the request said.
    var incoming = Data()
    var buffer = [UInt8](repeating: 0, count: 65_536)
    func complete() -> Bool {
      guard let split = incoming.range(of: Data("\r\n\r\n".utf8)) else { return false }
      let head = String(decoding: incoming[..<split.lowerBound], as: UTF8.self).lowercased()
      let bodyLength = incoming.count - split.upperBound
      if let line = head.components(separatedBy: "\r\n").first(where: { $0.hasPrefix("content-length:") }),
        let length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces))
      {
        return bodyLength >= length
      }
      if head.contains("transfer-encoding: chunked") { return incoming.suffix(5) == Data("0\r\n\r\n".utf8) }
      return false
    }
    while !complete() {
      let count = recv(descriptor, &buffer, buffer.count, 0)
      if count <= 0 { break }
      incoming.append(contentsOf: buffer[0..<count])
    }
    guard let split = incoming.range(of: Data("\r\n\r\n".utf8)) else { throw Failure(description: "no HTTP response") }
    let lines = String(decoding: incoming[..<split.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
    let status = Int(lines.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
    var fields: [String: String] = [:]
    for line in lines.dropFirst() {
      guard let colon = line.firstIndex(of: ":") else { continue }
      fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    var payload = Data(incoming[split.upperBound...])
    if fields["transfer-encoding"]?.lowercased() == "chunked" { payload = dechunked(payload) }
    return Response(status: status, headers: fields, body: payload)
  }

  static func dechunked(_ data: Data) -> Data {
    var result = Data()
    var rest = data[...]
    while let lineEnd = rest.range(of: Data("\r\n".utf8)) {
      let size =
        Int(String(decoding: rest[..<lineEnd.lowerBound], as: UTF8.self).split(separator: ";").first ?? "", radix: 16) ?? 0
      if size == 0 { break }
      let start = lineEnd.upperBound
      let end = rest.index(start, offsetBy: size)
      result.append(rest[start..<end])
      rest = rest[rest.index(end, offsetBy: 2)...]
    }
    return result
  }
}
