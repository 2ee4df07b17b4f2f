#ifndef C_JWT_OPENSSL_SHIM_H
#define C_JWT_OPENSSL_SHIM_H

// The prepared HMAC below uses the SHA-2 functions on caller-owned state (SHA256_Init and friends), which OpenSSL 3
// marks deprecated but still ships: they are the only SHA-2 interface whose state can be copied without an
// allocation.
#define OPENSSL_SUPPRESS_DEPRECATED 1

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <openssl/opensslv.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/sha.h>
#include <openssl/x509.h>

#if OPENSSL_VERSION_MAJOR < 3
#error "swift-oauth-jwt needs OpenSSL 3 or later"
#endif

/// Key selections for EVP_PKEY_fromdata (the OpenSSL macros are composite and do not import into Swift).
static inline int cjwt_selection_public_key(void) { return EVP_PKEY_PUBLIC_KEY; }
static inline int cjwt_selection_keypair(void) { return EVP_PKEY_KEYPAIR; }

/// HMAC (RFC 2104) with SHA-256, SHA-384 or SHA-512 on states prepared once per key: the inner and outer digest
/// states after absorbing the padded key. A computation copies them on the stack, so it allocates nothing, takes
/// no lock, and never hashes the key again. `bits` is 256, 384 or 512; `state` holds `cjwt_hmac_state`.
typedef struct {
    union { SHA256_CTX sha256; SHA512_CTX sha512; } inner, outer;
} cjwt_hmac_state;

/// Prepares `state` for `key`; returns 1 on success, 0 for an unsupported size.
static inline int cjwt_hmac_prepare(cjwt_hmac_state *state, int bits, const unsigned char *key, size_t key_length) {
    unsigned char block[128];
    unsigned char pad[128];
    size_t block_size = bits == 256 ? 64 : 128;
    if (bits != 256 && bits != 384 && bits != 512) return 0;
    memset(block, 0, sizeof block);
    if (key_length > block_size) {  // a key longer than the block is replaced by its digest
        if (bits == 256) SHA256(key, key_length, block);
        else if (bits == 384) SHA384(key, key_length, block);
        else SHA512(key, key_length, block);
    } else if (key_length > 0) {
        memcpy(block, key, key_length);
    }
    for (size_t i = 0; i < block_size; i++) pad[i] = block[i] ^ 0x36;
    if (bits == 256) { SHA256_Init(&state->inner.sha256); SHA256_Update(&state->inner.sha256, pad, block_size); }
    else if (bits == 384) { SHA384_Init(&state->inner.sha512); SHA384_Update(&state->inner.sha512, pad, block_size); }
    else { SHA512_Init(&state->inner.sha512); SHA512_Update(&state->inner.sha512, pad, block_size); }
    for (size_t i = 0; i < block_size; i++) pad[i] = block[i] ^ 0x5c;
    if (bits == 256) { SHA256_Init(&state->outer.sha256); SHA256_Update(&state->outer.sha256, pad, block_size); }
    else if (bits == 384) { SHA384_Init(&state->outer.sha512); SHA384_Update(&state->outer.sha512, pad, block_size); }
    else { SHA512_Init(&state->outer.sha512); SHA512_Update(&state->outer.sha512, pad, block_size); }
    OPENSSL_cleanse(block, sizeof block);
    OPENSSL_cleanse(pad, sizeof pad);
    return 1;
}

/// Writes HMAC(key, message) into `output` (32, 48 or 64 bytes for 256, 384, 512) from a prepared state. Only the
/// digest state in use is copied, and the copies (keyed intermediate states) are wiped afterwards.
static inline void cjwt_hmac_compute(const cjwt_hmac_state *state, int bits, const unsigned char *message,
                                     size_t message_length, unsigned char *output) {
    unsigned char inner[64];
    if (bits == 256) {
        SHA256_CTX work = state->inner.sha256;
        SHA256_Update(&work, message, message_length);
        SHA256_Final(inner, &work);
        work = state->outer.sha256;
        SHA256_Update(&work, inner, 32);
        SHA256_Final(output, &work);
        OPENSSL_cleanse(&work, sizeof work);
        OPENSSL_cleanse(inner, 32);
        return;
    }
    SHA512_CTX work = state->inner.sha512;
    size_t size = bits == 384 ? 48 : 64;
    if (bits == 384) {
        SHA384_Update(&work, message, message_length);
        SHA384_Final(inner, &work);
        work = state->outer.sha512;
        SHA384_Update(&work, inner, size);
        SHA384_Final(output, &work);
    } else {
        SHA512_Update(&work, message, message_length);
        SHA512_Final(inner, &work);
        work = state->outer.sha512;
        SHA512_Update(&work, inner, size);
        SHA512_Final(output, &work);
    }
    OPENSSL_cleanse(&work, sizeof work);
    OPENSSL_cleanse(inner, size);
}

/// Atomic loads and stores of a 64-bit word, for values read on every request and written rarely (a key source's
/// published version): a load leaves the cache line shared between cores, where a lock would move it back and
/// forth. Swift's `Synchronization.Atomic` needs macOS 15; this package supports macOS 14.
static inline uint64_t cjwt_atomic_load_acquire(const uint64_t *word) {
    return __atomic_load_n(word, __ATOMIC_ACQUIRE);
}
static inline void cjwt_atomic_store_relaxed(uint64_t *word, uint64_t value) {
    __atomic_store_n(word, value, __ATOMIC_RELAXED);
}
static inline void cjwt_atomic_store_release(uint64_t *word, uint64_t value) {
    __atomic_store_n(word, value, __ATOMIC_RELEASE);
}
static inline void cjwt_atomic_fence_release(void) { __atomic_thread_fence(__ATOMIC_RELEASE); }
/// Stores `desired` when the word holds `expected`; whether it did. Acquire and release on success, acquire on
/// failure (the caller then reads what another thread published).
static inline bool cjwt_atomic_compare_exchange(uint64_t *word, uint64_t expected, uint64_t desired) {
    return __atomic_compare_exchange_n(word, &expected, desired, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
}

#endif
