import Foundation
import PortalFake

// Serves zip files as the Open Data Portal would, for `make bench-fetch`:
//   fake-portal [--rate-mbps N] KEY FILE... prints the portal's address on stdout, then serves
// until killed. Each FILE must be named like the USPTO's (ipg261124.zip, ipa261126_r1.zip).
// --rate-mbps N sends files no faster than N MB/s (10^6 bytes), as a real link would.
var arguments = Array(CommandLine.arguments.dropFirst())
var bytesPerSecond: Int? = nil
if arguments.first == "--rate-mbps", arguments.count >= 2, let rate = Double(arguments[1]), rate > 0 {
  bytesPerSecond = Int(rate * 1_000_000)
  arguments.removeFirst(2)
}
guard let key = arguments.first, arguments.count >= 2 else {
  FileHandle.standardError.write(Data("usage: fake-portal [--rate-mbps N] KEY FILE...\n".utf8))
  exit(64)
}
var files: [FakePortal.File] = []
for path in arguments.dropFirst() {
  let name = URL(fileURLWithPath: path).lastPathComponent
  let digits = name.dropFirst(3).prefix(6)
  guard name.count >= 13, digits.allSatisfy(\.isNumber) else {
    FileHandle.standardError.write(Data("fake-portal: \(name) is not named like a weekly feed\n".utf8))
    exit(64)
  }
  let date = "20\(digits.prefix(2))-\(digits.dropFirst(2).prefix(2))-\(digits.suffix(2))"
  files.append(
    FakePortal.File(
      product: name.hasPrefix("ipg") ? "PTGRXML" : "APPXML", name: name, dataDate: date, content: .path(path)))
}
let portal = try await FakePortal.start(key: key, files: files, bytesPerSecond: bytesPerSecond)
FileHandle.standardOutput.write(Data("\(portal.apiBase)\n".utf8))
while true { try await Task.sleep(for: .seconds(3600)) }
