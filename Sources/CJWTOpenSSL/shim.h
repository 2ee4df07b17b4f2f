#ifndef C_JWT_OPENSSL_SHIM_H
#define C_JWT_OPENSSL_SHIM_H

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
#include <openssl/x509.h>

#if OPENSSL_VERSION_MAJOR < 3
#error "swift-oauth-jwt needs OpenSSL 3 or later"
#endif

/// Key selections for EVP_PKEY_fromdata (the OpenSSL macros are composite and do not import into Swift).
static inline int cjwt_selection_public_key(void) { return EVP_PKEY_PUBLIC_KEY; }
static inline int cjwt_selection_keypair(void) { return EVP_PKEY_KEYPAIR; }

#endif
