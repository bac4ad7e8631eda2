#ifndef CHATSECURITY_COPENSSL_SHIMS_H
#define CHATSECURITY_COPENSSL_SHIMS_H

/*
 * Functions for the parts of libcrypto's API that are macros or awkward pointer types in Swift.
 * Only the CryptoPrimitives module uses this target.
 */

#include <stddef.h>
#include <stdint.h>
#include <openssl/bn.h>
#include <openssl/evp.h>

/// OPENSSL_free is a macro.
void chatsec_openssl_free(void *pointer);

/// BN_num_bytes is a macro.
int chatsec_bn_num_bytes(const BIGNUM *number);

/// Sets EVP_CIPHER_CTX_FLAG_WRAP_ALLOW, required before initializing an AES key-wrap cipher.
void chatsec_cipher_ctx_allow_wrap(EVP_CIPHER_CTX *context);

/// Parses a DER SubjectPublicKeyInfo; returns NULL unless every byte of the input was consumed.
EVP_PKEY *chatsec_parse_spki_der(const uint8_t *der, size_t length);

/// Parses a DER PKCS#8 PrivateKeyInfo (unencrypted); returns NULL unless every byte was consumed.
EVP_PKEY *chatsec_parse_pkcs8_der(const uint8_t *der, size_t length);

/// Serializes a key as DER SubjectPublicKeyInfo into a buffer the caller frees with chatsec_openssl_free.
/// Returns the length, or a negative value on failure.
int chatsec_encode_spki_der(EVP_PKEY *key, uint8_t **out);

/// Serializes a private key as DER PKCS#8 PrivateKeyInfo into `out`, which must hold `capacity` bytes.
/// With `out` NULL, returns the length needed. Returns a negative value on failure.
/// The intermediate buffer OpenSSL allocates is wiped before it is freed.
int chatsec_encode_pkcs8_der(EVP_PKEY *key, uint8_t *out, size_t capacity);

/// Sets the OAEP label on a context, copying it into memory libcrypto owns (EVP_PKEY_CTX_set0_rsa_oaep_label
/// takes ownership of an OPENSSL_malloc'd buffer). Returns 1 on success.
int chatsec_set_oaep_label(EVP_PKEY_CTX *context, const uint8_t *label, size_t length);

/// Generates an EC key on a named group (EVP_EC_gen is a macro over a variadic function).
EVP_PKEY *chatsec_ec_generate(const char *group_name);

/// A keyless HMAC context for `digest` ("SHA256", "SHA512"), used only as a template for
/// chatsec_hmac_keyed. NULL on failure.
EVP_MAC_CTX *chatsec_hmac_template(const char *digest);

/// A copy of `template` keyed with `key` (any length, empty allowed). NULL on failure.
EVP_MAC_CTX *chatsec_hmac_keyed(const EVP_MAC_CTX *template_context, const uint8_t *key, size_t length);

/// Restarts a keyed HMAC context for a new message under the same key. Returns 1 on success.
int chatsec_hmac_restart(EVP_MAC_CTX *context);

/// Serializes a private key in its traditional DER form (SEC1 ECPrivateKey for EC, PKCS#1 RSAPrivateKey for RSA)
/// into `out` (capacity bytes); with `out` NULL returns the length needed. The intermediate buffer is wiped.
int chatsec_encode_traditional_private_der(EVP_PKEY *key, uint8_t *out, size_t capacity);

/// Converts a DER ECDSA signature to fixed-width r || s (each `width` bytes). Returns 1 on success.
int chatsec_ecdsa_der_to_raw(const uint8_t *der, size_t length, uint8_t *out, size_t width);

/// Converts a fixed-width r || s signature to DER into `out`; returns the DER length or a negative value.
int chatsec_ecdsa_raw_to_der(const uint8_t *raw, size_t width, uint8_t *out, size_t capacity);

/// Re-encodes an X9.62 point on the named curve (`prime256v1`, `secp384r1`): compressed (0x02/0x03 || X) when
/// `compressed` is nonzero, else uncompressed (0x04 || X || Y). The input may be either form; it must decode to
/// a point on the curve (not the point at infinity). Returns the output length, or -1.
int chatsec_ec_point_convert(const char *group_name, const uint8_t *in, size_t length, int compressed, uint8_t *out, size_t capacity);

#endif
