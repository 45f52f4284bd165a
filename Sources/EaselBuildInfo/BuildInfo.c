#include "EaselBuildInfo.h"

// The commit arrives as bare tokens (`-DEASEL_BUILD_COMMIT=1a2b3c-dirty`, no quotes to
// survive on a command line) and is turned into a string here.
#define EASEL_STRINGIFY_(x) #x
#define EASEL_STRINGIFY(x) EASEL_STRINGIFY_(x)

const char *easel_build_commit(void) {
#ifdef EASEL_BUILD_COMMIT
    return EASEL_STRINGIFY(EASEL_BUILD_COMMIT);
#else
    return "";
#endif
}
