// Writes feeds made of the development set's real Big Tech filings (../shared/corpus/bigtech) into
// a folder, for the copy benchmark (`make bench-copy`): one feed per filing (`single-*.xml`) and
// weeks of five filings per company (`week-*.xml`).
//
//   bigtech-weeks OUT_DIR [PATENTS_JSONL]
import Foundation
import PatentDigestTestSupport

let arguments = CommandLine.arguments
guard arguments.count == 2 || arguments.count == 3 else {
  FileHandle.standardError.write(Data("usage: bigtech-weeks OUT_DIR [PATENTS_JSONL]\n".utf8))
  exit(64)
}
let folder = URL(fileURLWithPath: arguments[1])
do {
  let filings =
    arguments.count == 3
    ? try BigTechFiling.all(from: URL(fileURLWithPath: arguments[2])) : try BigTechFiling.all()
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  let feeds = BigTechWeeks.singleFilingFeeds(filings) + BigTechWeeks.mixedWeeks(filings)
  for (name, feed) in feeds {
    try Data(feed.utf8).write(to: folder.appendingPathComponent("\(name).xml"))
  }
  FileHandle.standardError.write(
    Data("bigtech-weeks: \(feeds.count) feeds from \(filings.count) filings in \(folder.path)\n".utf8))
} catch {
  FileHandle.standardError.write(Data("bigtech-weeks: \(error)\n".utf8))
  exit(1)
}
