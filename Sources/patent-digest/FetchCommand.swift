import ArgumentParser
import PatentDigest
import PatentDigestFetch

struct FetchCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fetch",
    abstract: "Download the week's feeds from the USPTO Open Data Portal.",
    discussion: """
      Fetches the week (Sunday to Saturday) that holds --week: the grant file of its Tuesday \
      (ipgYYMMDD.zip) and the application file of its Thursday (ipaYYMMDD.zip), each at its latest \
      revision (ipg260106_r2.zip). Without --week, the latest week whose files are both released.

      Prints the path of each file the folder holds on stdout, one per line; what it did goes to \
      stderr. A file already in DIR complete is not downloaded again (the portal lets a key \
      download a file only about 20 times a year); a newer revision replaces the older one. A \
      download goes to a hidden temporary file in DIR, is checked (its size against what the \
      portal announced, every zip entry's CRC-32), flushed to disk and only then given its name: \
      an interrupted download leaves nothing under the final name and starts again next time. \
      A progress line shows when stderr is a terminal.

      The API key comes from USPTO_API_KEY or --api-key-file; it is sent to the portal's own \
      host only (never to the host a download is redirected to), and never printed or written.

      Exit codes:
        0   the week's files are in DIR
        66  the portal lists no file for the week (not released yet, or a
            holiday week); the files it does list were fetched and printed
        69  the portal cannot be reached (network, name, TLS)
        74  DIR cannot be written (permissions, disk full); files already
            there are untouched
        75  try again later: rate limited (429) past the retries, a server
            error, a connection dropped mid-file (the message says when)
        76  the portal answered something unexpected: a listing that is not
            its JSON, a redirect loop, a damaged or short download
        77  no API key, or the portal refused it (401, 403)
      """
  )

  @OptionGroup var fetch: FetchOptions

  @Flag(name: .shortAndLong, help: "Print only problems on stderr.")
  var quiet = false

  func run() async throws {
    try await CommandFailure.reporting {
      let result = try await fetch.fetchWeek(quiet: quiet)
      var output = StandardOutput()
      for file in result.files { print(file.path, to: &output) }
      if !result.missing.isEmpty { throw CommandFailure.fetch(WeeklyCommand.missingFiles(result)) }
    }
  }
}
