import EaselYAML

/// What one config file declares, before files are merged and classes expanded.
struct ConfigFragment {
    var version: (Int, SourceRange)?
    var canvas: (CanvasSettings, SourceRange)?
    var policy: (Policy, SourceRange)?
    var roles: [CustomRole] = []
    var terms: [Term] = []
    var users: [User] = []
    var courses: [Course] = []
    var classes: [ClassesBlock] = []
    /// Where each managed role was named, for "unknown role" errors.
    var managedRoleRanges: [SourceRange] = []
}
