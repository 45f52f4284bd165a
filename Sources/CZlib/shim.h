#ifndef EASEL_CZLIB_SHIM_H
#define EASEL_CZLIB_SHIM_H
#include <zlib.h>

/* inflateInit2/deflateInit2 are macros (they pass ZLIB_VERSION and the struct size), which
   Swift cannot call; these wrappers set up raw deflate streams (no zlib/gzip header), the
   format of a zip entry with method 8. */

static inline int easel_inflate_init_raw(z_stream *stream) {
    return inflateInit2(stream, -MAX_WBITS);
}

static inline int easel_deflate_init_raw(z_stream *stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
}

#endif
