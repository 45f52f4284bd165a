// swift-tools-version:6.0
import PackageDescription

// The git commit a release is built from: scripts/release sets it; a plain `swift build` has
// none, and `easel --version` says "commit unknown". Only EaselBuildInfo's one C file sees it,
// so a new commit recompiles that file and relinks, nothing more.
let buildCommit = Context.environment["EASEL_BUILD_COMMIT"]

let package = Package(
    name: "easel",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "easel", targets: ["easel"]),
        .executable(name: "canvas-sim", targets: ["canvas-sim"]),
        .executable(name: "easel-district", targets: ["easel-district"]),
        .library(name: "EaselCore", targets: ["EaselCore"]),
        .library(name: "CanvasSim", targets: ["CanvasSim"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        // Already in the graph through hummingbird; canvas-sim names them directly (NIOCore to
        // drop a connection without a response, HTTPTypes for header names, Logging to quiet
        // the server's logger).
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
    ],
    targets: [
        // C libraries, each behind one Swift module that nothing else sees through.
        .systemLibrary(
            name: "CYAML", path: "Sources/CYAML", pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(
            name: "CCurl", path: "Sources/CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(
            name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),

        .target(name: "EaselYAML", dependencies: ["CYAML"]),
        // CSV and zip: the files of Canvas's bulk paths (SIS imports, the provisioning report).
        .target(name: "BulkFiles", dependencies: ["CZlib"]),
        .target(name: "EaselHTTP", dependencies: ["CCurl"]),
        .target(name: "CanvasAPI", dependencies: ["EaselHTTP"]),
        .target(
            name: "EaselBuildInfo",
            cSettings: buildCommit.map { [.define("EASEL_BUILD_COMMIT", to: $0)] } ?? []),
        .target(name: "EaselCore", dependencies: ["EaselYAML", "CanvasAPI", "BulkFiles", "EaselBuildInfo"]),
        .target(
            name: "EaselCLI",
            dependencies: [
                "EaselCore", "CanvasAPI", "EaselHTTP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(name: "easel", dependencies: ["EaselCLI"]),

        .target(
            name: "CanvasSim",
            dependencies: [
                "BulkFiles",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .executableTarget(
            name: "canvas-sim",
            dependencies: [
                "CanvasSim",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // The benchmark's district generator: an easel config and canvas-sim seeds that mirror it.
        .target(name: "DistrictKit", dependencies: ["CanvasSim", "EaselYAML"]),
        .executableTarget(
            name: "easel-district",
            dependencies: [
                "DistrictKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        .testTarget(name: "EaselYAMLTests", dependencies: ["EaselYAML"]),
        .testTarget(name: "BulkFilesTests", dependencies: ["BulkFiles"]),
        .testTarget(name: "EaselCoreTests", dependencies: ["EaselCore", "EaselYAML"], exclude: ["Fixtures"]),
        .testTarget(
            name: "CanvasAPITests",
            dependencies: [
                "CanvasAPI", "EaselHTTP", "CanvasSim",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]),
        .testTarget(
            name: "CanvasSimTests",
            dependencies: [
                "CanvasSim", "BulkFiles",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]),
        .testTarget(
            name: "EndToEndTests", dependencies: ["EaselCLI", "EaselCore", "EaselYAML", "CanvasAPI", "CanvasSim", "DistrictKit"]),
    ],
    swiftLanguageModes: [.v6]
)

// The libFuzzer targets (docs/fuzzing.md), declared only for `scripts/fuzz`'s build
// (EASEL_FUZZ=1, `-sanitize=fuzzer`): they call libFuzzer's driver, which the normal build
// does not link.
if Context.environment["EASEL_FUZZ"] == "1" {
    package.targets += [
        .systemLibrary(name: "CFuzzer", path: "Fuzz/CFuzzer"),
        .executableTarget(name: "fuzz-config", dependencies: ["CFuzzer", "EaselCore", "EaselYAML"], path: "Fuzz/fuzz-config"),
        .executableTarget(name: "fuzz-csv", dependencies: ["CFuzzer", "BulkFiles"], path: "Fuzz/fuzz-csv"),
        .executableTarget(name: "fuzz-zip", dependencies: ["CFuzzer", "BulkFiles"], path: "Fuzz/fuzz-zip"),
    ]
}
