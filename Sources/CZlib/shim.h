#ifndef C_OAUTH_JWT_ZLIB_SHIM_H
#define C_OAUTH_JWT_ZLIB_SHIM_H

#include <zlib.h>

// deflateInit2 and inflateInit2 are macros (they pass the library version and the stream size), which Swift does not
// import. Raw DEFLATE (RFC 1951, no zlib header or checksum) is what JWE's "zip": "DEF" means: window bits -15.

static inline int cjwt_deflate_init_raw(z_stream *stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
}

static inline int cjwt_inflate_init_raw(z_stream *stream) {
    return inflateInit2(stream, -15);
}

#endif
