#ifndef CHATSECURITY_COPENSSL_SHIM_H
#define CHATSECURITY_COPENSSL_SHIM_H
/* libcrypto only: no TLS. The functions OpenSSL declares as macros are wrapped in COpenSSLShims. */
#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#endif
