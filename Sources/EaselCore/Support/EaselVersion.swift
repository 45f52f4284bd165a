internal import EaselBuildInfo

/// easel's version, written here and nowhere else: `easel --version`, the `easel_version` of
/// a saved plan, and the names of the release archives (`scripts/release` reads it from the
/// built binary) all come from `number`. `CHANGELOG.md` has a section for each version.
public enum EaselVersion {
    public static let number = "0.1.0"

    /// The git commit the binary was built from: stamped by `scripts/release`; nil for a
    /// plain `swift build`, which knows nothing about git.
    public static var commit: String? {
        let stamped = String(cString: easel_build_commit())
        return stamped.isEmpty ? nil : stamped
    }

    /// What `easel --version` prints: `0.1.0 (commit 1a2b3c4d5e6f)`, or
    /// `0.1.0 (commit unknown)` for a build that was not stamped.
    public static var description: String {
        "\(number) (commit \(commit ?? "unknown"))"
    }
}
