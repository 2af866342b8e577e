// swift-tools-version: 6.1
import PackageDescription

/// Settings every target of ours shares: Swift 6 language mode plus the upcoming features that keep
/// the module surfaces honest.
let sharedSwiftSettings: [SwiftSetting] = [
  .swiftLanguageMode(.v6),
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("InternalImportsByDefault"),
  .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
  name: "patent-digest",
  products: [
    .library(name: "PatentDigest", targets: ["PatentDigest"]),
    .library(name: "PatentDigestHistory", targets: ["PatentDigestHistory"]),
    .executable(name: "patent-digest", targets: ["patent-digest"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    // Named for the preview target's direct imports; Hummingbird brings them in any case.
    .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    // The portal client of `fetch`: streams a body with back-pressure; redirects are followed by us.
    .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    // The history store's SQLite (Debian's libsqlite3-dev).
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
  ],
  targets: [
    // The only door to libxml2. Only files under Sources/PatentDigest/Feed/ import it.
    .systemLibrary(
      name: "CLibXML2",
      pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"])]
    ),
    // zlib inflates the .zip and .gz feeds; only Feed/Compression/ imports it.
    .systemLibrary(
      name: "CZlib",
      pkgConfig: "zlib",
      providers: [.apt(["zlib1g-dev"])]
    ),
    // Intel's ISA-L inflater and CRC-32 (Debian's libisal-dev), faster than zlib; used when the
    // build finds it, zlib otherwise. Only Feed/Compression/Inflater.swift imports it.
    .systemLibrary(
      name: "CIsal",
      pkgConfig: "libisal",
      providers: [.apt(["libisal-dev"])]
    ),
    // Sixteen-byte masks of the bytes the markup scanner stops at (SSE2; a byte loop elsewhere),
    // inline so Swift inlines them, and a newline count. Only Feed/Splitting/ imports it.
    .target(name: "CByteScan"),
    .target(
      name: "PatentDigest",
      dependencies: [
        "CByteScan", "CLibXML2", "CZlib", "CIsal", .product(name: "Yams", package: "Yams"),
        .product(name: "Mustache", package: "swift-mustache"),
      ],
      swiftSettings: sharedSwiftSettings
    ),
    // The editors' preview server: its own target, so the core never links a server.
    .target(
      name: "PatentDigestPreview",
      dependencies: [
        "PatentDigest", .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HTTPTypes", package: "swift-http-types"), .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
      ],
      swiftSettings: sharedSwiftSettings
    ),
    // Fetching the week from the USPTO Open Data Portal: every HTTP detail lives here, so the core
    // never links an HTTP client.
    .target(
      name: "PatentDigestFetch",
      dependencies: [
        "PatentDigest", .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
      ],
      swiftSettings: sharedSwiftSettings
    ),
    // The history store: weeks recorded in SQLite through GRDB. All SQL lives here, so the core
    // never links SQLite.
    .target(
      name: "PatentDigestHistory",
      // zlib deflates the stored abstracts; only DeflatedText.swift imports it.
      dependencies: ["PatentDigest", "CZlib", .product(name: "GRDB", package: "GRDB.swift")],
      swiftSettings: sharedSwiftSettings
    ),
    .executableTarget(
      name: "patent-digest",
      dependencies: [
        "PatentDigest",
        "PatentDigestPreview",
        "PatentDigestFetch",
        "PatentDigestHistory",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: sharedSwiftSettings
    ),
    // libFuzzer harnesses: `scripts/fuzz` builds them with -sanitize=fuzzer,address.
    .target(name: "FuzzSupport", path: "Fuzz/Support", swiftSettings: sharedSwiftSettings),
    .executableTarget(
      name: "FuzzDocumentReader", dependencies: ["PatentDigest", "FuzzSupport"], path: "Fuzz/DocumentReader",
      swiftSettings: sharedSwiftSettings
    ),
    .executableTarget(
      name: "FuzzFeedReader", dependencies: ["PatentDigest", "FuzzSupport"], path: "Fuzz/FeedReader",
      swiftSettings: sharedSwiftSettings
    ),
    .executableTarget(
      name: "FuzzTemplateRenderer", dependencies: ["PatentDigest", "FuzzSupport"], path: "Fuzz/TemplateRenderer",
      swiftSettings: sharedSwiftSettings
    ),
    // What every test target shares: the package root, the binary under test, the development set.
    .target(name: "PatentDigestTestSupport", path: "Tests/PatentDigestTestSupport", swiftSettings: sharedSwiftSettings),
    // Writes feeds of the development set's real filings for `make bench-copy`.
    .executableTarget(
      name: "bigtech-weeks", dependencies: ["PatentDigestTestSupport"], path: "Benchmarks/BigTechWeeks",
      swiftSettings: sharedSwiftSettings
    ),
    // A stand-in for the Open Data Portal on 127.0.0.1 (portal + download host): for the fetch
    // tests and `make bench-fetch`.
    .target(
      name: "PortalFake",
      dependencies: [.product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio")],
      path: "Tests/PortalFake", swiftSettings: sharedSwiftSettings
    ),
    // Generates ten years of weeks through the history's recording API and times the draft's
    // queries on them: `make bench-history-scale`.
    .executableTarget(
      name: "history-scale", dependencies: ["PatentDigest", "PatentDigestHistory"], path: "Benchmarks/HistoryScale",
      swiftSettings: sharedSwiftSettings
    ),
    .executableTarget(
      name: "fake-portal", dependencies: ["PortalFake"], path: "Benchmarks/FakePortal", swiftSettings: sharedSwiftSettings
    ),
    .testTarget(
      name: "PatentDigestTests",
      // zlib makes the compressed attack fixtures (zip bombs, damaged archives) at test time.
      dependencies: [
        "PatentDigest", "patent-digest", "CZlib", "PatentDigestTestSupport", "PatentDigestHistory",
        // The history tests write old, newer and damaged databases by hand.
        .product(name: "GRDB", package: "GRDB.swift"),
      ],
      // Read by path, so snapshots can be re-recorded in place.
      exclude: ["Fixtures", "Snapshots"],
      swiftSettings: sharedSwiftSettings
    ),
    .testTarget(
      name: "PatentDigestFetchTests",
      dependencies: ["PatentDigestFetch", "PatentDigest", "PatentDigestTestSupport", "PortalFake", "patent-digest"],
      swiftSettings: sharedSwiftSettings
    ),
    .testTarget(
      name: "PatentDigestPreviewTests",
      dependencies: [
        "PatentDigestPreview", "PatentDigest", "PatentDigestTestSupport",
        .product(name: "HummingbirdTesting", package: "hummingbird"),
      ],
      swiftSettings: sharedSwiftSettings
    ),
  ]
)
