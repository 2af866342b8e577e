import ArgumentParser
import PatentDigest

@main
struct PatentDigestCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "patent-digest",
    abstract: "Turns the USPTO's weekly patent feeds into the draft of a weekly Big Tech patents column.",
    discussion: """
      Feeds are the weekly files the USPTO publishes: applications on Thursdays (ipaYYMMDD.zip), \
      grants on Tuesdays (ipgYYMMDD.zip). Each FEED may be the .zip as downloaded, the .xml inside \
      it, a .gz, or - for standard input.

      Exit codes:
        0   every document was read (check: no hits)
        1   some documents could not be read, or bytes lay outside any
            document (each is reported on stderr; all others were written);
            check: the copy has hits
        2   an input could not be used at all: a feed (missing, empty, not a
            feed, no <?xml declaration in its first 16 MB, corrupt archive),
            a zip entry, the watch list, the copy rules, a template or the
            edits file; or a draft given to check (unreadable, or not a
            draft's JSON)
        64  the command line is wrong: an unknown option, or a number out of
            its range (--jobs 1-\(FeedReaderOptions.maximumWorkerCount),
            --max-document-mb 1-\(ReadingOptions.documentMegabytesRange.upperBound),
            --max-inflated-mb 1-\(ReadingOptions.inflatedMegabytesRange.upperBound))
        69  the preview could not listen on its address (port in use)
        74  the output could not be written (or DIR holds a .versions or
            current the job did not make)
        66, 69, 75, 76, 77
            fetch and weekly: the portal or its files (see their --help)
      """,
    subcommands: [
      BuildCommand.self, FetchCommand.self, WeeklyCommand.self, PreviewCommand.self, ParseCommand.self, ClassifyCommand.self,
      WatchListCommand.self, CopyRulesCommand.self, TemplatesCommand.self, CheckCommand.self, HistoryCommand.self,
    ]
  )
}
