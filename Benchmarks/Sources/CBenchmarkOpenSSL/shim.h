// The benchmark's raw contenders call OpenSSL directly; SHA256_Init and friends are deprecated in OpenSSL 3 but are
// the only SHA-256 interface whose state a caller can copy without an allocation.
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include <string.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/sha.h>

/// HMAC-SHA-256 keyed once: the digest states after the inner and outer padded key.
typedef struct { SHA256_CTX inner; SHA256_CTX outer; } bench_hmac_sha256;

/// Keys `hmac` with a key of at most 64 bytes (the benchmark's secrets are 32).
static inline void bench_hmac_sha256_key(bench_hmac_sha256 *hmac, const unsigned char *key, size_t length) {
    unsigned char inner[64], outer[64];
    for (size_t i = 0; i < 64; i++) {
        unsigned char byte = i < length ? key[i] : 0;
        inner[i] = byte ^ 0x36;
        outer[i] = byte ^ 0x5c;
    }
    SHA256_Init(&hmac->inner);
    SHA256_Update(&hmac->inner, inner, 64);
    SHA256_Init(&hmac->outer);
    SHA256_Update(&hmac->outer, outer, 64);
}

/// One MAC from copies of the keyed states.
static inline void bench_hmac_sha256_mac(const bench_hmac_sha256 *hmac, const unsigned char *data, size_t length,
                                         unsigned char out[32]) {
    SHA256_CTX context = hmac->inner;
    unsigned char digest[32];
    SHA256_Update(&context, data, length);
    SHA256_Final(digest, &context);
    context = hmac->outer;
    SHA256_Update(&context, digest, 32);
    SHA256_Final(out, &context);
}
