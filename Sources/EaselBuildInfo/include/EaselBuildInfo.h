#ifndef EASEL_BUILD_INFO_H
#define EASEL_BUILD_INFO_H

/// The git commit the binary was built from, as `scripts/release` stamps it with
/// `-Xcc -DEASEL_BUILD_COMMIT=<hex>`; "" for a build that was not stamped (`swift build`).
const char *easel_build_commit(void);

#endif
