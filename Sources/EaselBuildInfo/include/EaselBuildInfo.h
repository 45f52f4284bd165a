#ifndef EASEL_BUILD_INFO_H
#define EASEL_BUILD_INFO_H

/// The git commit the binary was built from, as `scripts/release` stamps it (the environment
/// variable EASEL_BUILD_COMMIT, which Package.swift turns into a define for this target
/// alone); "" for a build that was not stamped (a plain `swift build`).
const char *easel_build_commit(void);

#endif
