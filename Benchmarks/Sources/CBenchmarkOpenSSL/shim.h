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
#include <openssl/core_names.h>
#include <openssl/param_build.h>

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


/// AES-256-GCM decryption with a 16-byte tag: the content step of both JWE contenders. Returns the plaintext length,
/// or -1.
static inline int bench_gcm_decrypt(const unsigned char *key, const unsigned char *iv, const unsigned char *aad,
                                    int aad_length, const unsigned char *ciphertext, int length,
                                    const unsigned char *tag, unsigned char *out) {
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    int produced = 0, final_length = 0, ok;
    ok = ctx != NULL && EVP_DecryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, key, iv) == 1
        && EVP_DecryptUpdate(ctx, NULL, &produced, aad, aad_length) == 1
        && EVP_DecryptUpdate(ctx, out, &produced, ciphertext, length) == 1
        && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, 16, (void *)tag) == 1
        && EVP_DecryptFinal_ex(ctx, out + produced, &final_length) == 1;
    EVP_CIPHER_CTX_free(ctx);
    return ok ? produced + final_length : -1;
}

/// RSA-OAEP-256 + A256GCM: RSAES-OAEP (SHA-256, MGF1 SHA-256) of the encrypted key, then AES-256-GCM.
static inline int bench_rsa_oaep_gcm_decrypt(EVP_PKEY *key, const unsigned char *encrypted_key, size_t key_length,
                                             const unsigned char *iv, const unsigned char *aad, int aad_length,
                                             const unsigned char *ciphertext, int length, const unsigned char *tag,
                                             unsigned char *out) {
    unsigned char cek[512];
    size_t cek_length = sizeof cek;
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_pkey(NULL, key, NULL);
    int ok = ctx != NULL && EVP_PKEY_decrypt_init(ctx) == 1
        && EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_OAEP_PADDING) == 1
        && EVP_PKEY_CTX_set_rsa_oaep_md(ctx, EVP_sha256()) == 1
        && EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, EVP_sha256()) == 1
        && EVP_PKEY_decrypt(ctx, cek, &cek_length, encrypted_key, key_length) == 1 && cek_length == 32;
    EVP_PKEY_CTX_free(ctx);
    if (!ok) return -1;
    return bench_gcm_decrypt(cek, iv, aad, aad_length, ciphertext, length, tag, out);
}

/// ECDH-ES+A256KW + A256GCM on P-256: the ephemeral public point imported (as a JWE's epk must be, each time),
/// ECDH, the Concat KDF (SHA-256, AlgorithmID "ECDH-ES+A256KW", empty apu/apv, 256 bits), AES-256 key unwrap, then
/// AES-256-GCM.
static inline int bench_ecdh_kw_gcm_decrypt(EVP_PKEY *key, const unsigned char *point, size_t point_length,
                                            const unsigned char *wrapped, int wrapped_length,
                                            const unsigned char *iv, const unsigned char *aad, int aad_length,
                                            const unsigned char *ciphertext, int length, const unsigned char *tag,
                                            unsigned char *out) {
    static const unsigned char other_info[] = {
        0, 0, 0, 14, 'E', 'C', 'D', 'H', '-', 'E', 'S', '+', 'A', '2', '5', '6', 'K', 'W',
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0};
    EVP_PKEY *peer = NULL;
    OSSL_PARAM_BLD *build = OSSL_PARAM_BLD_new();
    OSSL_PARAM *params = NULL;
    EVP_PKEY_CTX *from = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
    unsigned char z[32], kek[32], cek[40], counter[4] = {0, 0, 0, 1};
    size_t z_length = sizeof z;
    int cek_length = 0, ok;
    ok = build != NULL && from != NULL
        && OSSL_PARAM_BLD_push_utf8_string(build, OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) == 1
        && OSSL_PARAM_BLD_push_octet_string(build, OSSL_PKEY_PARAM_PUB_KEY, point, point_length) == 1
        && (params = OSSL_PARAM_BLD_to_param(build)) != NULL && EVP_PKEY_fromdata_init(from) == 1
        && EVP_PKEY_fromdata(from, &peer, EVP_PKEY_PUBLIC_KEY, params) == 1;
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(build);
    EVP_PKEY_CTX_free(from);
    if (ok) {
        EVP_PKEY_CTX *check = EVP_PKEY_CTX_new_from_pkey(NULL, peer, NULL);
        ok = check != NULL && EVP_PKEY_public_check(check) == 1;
        EVP_PKEY_CTX_free(check);
    }
    if (ok) {
        EVP_PKEY_CTX *derive = EVP_PKEY_CTX_new_from_pkey(NULL, key, NULL);
        ok = derive != NULL && EVP_PKEY_derive_init(derive) == 1 && EVP_PKEY_derive_set_peer(derive, peer) == 1
            && EVP_PKEY_derive(derive, z, &z_length) == 1;
        EVP_PKEY_CTX_free(derive);
    }
    EVP_PKEY_free(peer);
    if (!ok) return -1;
    SHA256_CTX sha;
    SHA256_Init(&sha);
    SHA256_Update(&sha, counter, 4);
    SHA256_Update(&sha, z, z_length);
    SHA256_Update(&sha, other_info, sizeof other_info);
    SHA256_Final(kek, &sha);
    EVP_CIPHER_CTX *unwrap = EVP_CIPHER_CTX_new();
    EVP_CIPHER_CTX_set_flags(unwrap, EVP_CIPHER_CTX_FLAG_WRAP_ALLOW);
    ok = unwrap != NULL && EVP_DecryptInit_ex(unwrap, EVP_aes_256_wrap(), NULL, kek, NULL) == 1
        && EVP_DecryptUpdate(unwrap, cek, &cek_length, wrapped, wrapped_length) == 1 && cek_length == 32;
    EVP_CIPHER_CTX_free(unwrap);
    if (!ok) return -1;
    return bench_gcm_decrypt(cek, iv, aad, aad_length, ciphertext, length, tag, out);
}
