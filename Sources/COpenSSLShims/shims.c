#include "COpenSSLShims.h"

#include <limits.h>
#include <string.h>
#include <openssl/crypto.h>
#include <openssl/core_names.h>
#include <openssl/params.h>
#include <openssl/ec.h>
#include <openssl/objects.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

void chatsec_openssl_free(void *pointer) {
    OPENSSL_free(pointer);
}

int chatsec_bn_num_bytes(const BIGNUM *number) {
    return BN_num_bytes(number);
}

void chatsec_cipher_ctx_allow_wrap(EVP_CIPHER_CTX *context) {
    EVP_CIPHER_CTX_set_flags(context, EVP_CIPHER_CTX_FLAG_WRAP_ALLOW);
}

EVP_PKEY *chatsec_parse_spki_der(const uint8_t *der, size_t length) {
    if (der == NULL || length == 0 || length > LONG_MAX) {
        return NULL;
    }
    const unsigned char *cursor = der;
    EVP_PKEY *key = d2i_PUBKEY(NULL, &cursor, (long)length);
    if (key == NULL) {
        return NULL;
    }
    if ((size_t)(cursor - der) != length) {
        EVP_PKEY_free(key);
        return NULL;
    }
    return key;
}

EVP_PKEY *chatsec_parse_pkcs8_der(const uint8_t *der, size_t length) {
    if (der == NULL || length == 0 || length > LONG_MAX) {
        return NULL;
    }
    const unsigned char *cursor = der;
    PKCS8_PRIV_KEY_INFO *info = d2i_PKCS8_PRIV_KEY_INFO(NULL, &cursor, (long)length);
    if (info == NULL) {
        return NULL;
    }
    if ((size_t)(cursor - der) != length) {
        PKCS8_PRIV_KEY_INFO_free(info);
        return NULL;
    }
    EVP_PKEY *key = EVP_PKCS82PKEY(info);
    PKCS8_PRIV_KEY_INFO_free(info);
    return key;
}

int chatsec_encode_spki_der(EVP_PKEY *key, uint8_t **out) {
    if (key == NULL || out == NULL) {
        return -1;
    }
    *out = NULL;
    return i2d_PUBKEY(key, out);
}

int chatsec_encode_pkcs8_der(EVP_PKEY *key, uint8_t *out, size_t capacity) {
    if (key == NULL) {
        return -1;
    }
    PKCS8_PRIV_KEY_INFO *info = EVP_PKEY2PKCS8(key);
    if (info == NULL) {
        return -1;
    }
    unsigned char *buffer = NULL;
    int length = i2d_PKCS8_PRIV_KEY_INFO(info, &buffer);
    PKCS8_PRIV_KEY_INFO_free(info);
    if (length <= 0 || buffer == NULL) {
        return -1;
    }
    int result = length;
    if (out != NULL) {
        if ((size_t)length > capacity) {
            result = -1;
        } else {
            memcpy(out, buffer, (size_t)length);
        }
    }
    OPENSSL_clear_free(buffer, (size_t)length);
    return result;
}

int chatsec_set_oaep_label(EVP_PKEY_CTX *context, const uint8_t *label, size_t length) {
    if (context == NULL || length > INT_MAX) {
        return 0;
    }
    if (length == 0) {
        return 1;
    }
    unsigned char *copy = OPENSSL_memdup(label, length);
    if (copy == NULL) {
        return 0;
    }
    if (EVP_PKEY_CTX_set0_rsa_oaep_label(context, copy, (int)length) <= 0) {
        OPENSSL_free(copy);
        return 0;
    }
    return 1;
}

EVP_PKEY *chatsec_ec_generate(const char *group_name) {
    if (group_name == NULL) {
        return NULL;
    }
    return EVP_EC_gen(group_name);
}

EVP_MAC_CTX *chatsec_hmac_template(const char *digest) {
    if (digest == NULL) {
        return NULL;
    }
    EVP_MAC *mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
    if (mac == NULL) {
        return NULL;
    }
    EVP_MAC_CTX *context = EVP_MAC_CTX_new(mac);
    EVP_MAC_free(mac); /* the context keeps its own reference */
    if (context == NULL) {
        return NULL;
    }
    OSSL_PARAM params[2] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, (char *)digest, 0),
        OSSL_PARAM_construct_end(),
    };
    if (EVP_MAC_CTX_set_params(context, params) != 1) {
        EVP_MAC_CTX_free(context);
        return NULL;
    }
    return context;
}

EVP_MAC_CTX *chatsec_hmac_keyed(const EVP_MAC_CTX *template_context, const uint8_t *key, size_t length) {
    static const uint8_t empty = 0;
    if (template_context == NULL || (key == NULL && length != 0)) {
        return NULL;
    }
    EVP_MAC_CTX *context = EVP_MAC_CTX_dup(template_context);
    if (context == NULL) {
        return NULL;
    }
    /* A NULL key would mean "reuse the previous key"; an empty key must be a real (empty) key. */
    if (EVP_MAC_init(context, key != NULL ? key : &empty, length, NULL) != 1) {
        EVP_MAC_CTX_free(context);
        return NULL;
    }
    return context;
}

int chatsec_hmac_restart(EVP_MAC_CTX *context) {
    if (context == NULL) {
        return 0;
    }
    return EVP_MAC_init(context, NULL, 0, NULL);
}

int chatsec_encode_traditional_private_der(EVP_PKEY *key, uint8_t *out, size_t capacity) {
    if (key == NULL) {
        return -1;
    }
    unsigned char *buffer = NULL;
    int length = i2d_PrivateKey(key, &buffer);
    if (length <= 0 || buffer == NULL) {
        return -1;
    }
    int result = length;
    if (out != NULL) {
        if ((size_t)length > capacity) {
            result = -1;
        } else {
            memcpy(out, buffer, (size_t)length);
        }
    }
    OPENSSL_clear_free(buffer, (size_t)length);
    return result;
}

int chatsec_ecdsa_der_to_raw(const uint8_t *der, size_t length, uint8_t *out, size_t width) {
    if (der == NULL || out == NULL || length == 0 || length > LONG_MAX || width == 0 || width > INT_MAX) {
        return 0;
    }
    const unsigned char *cursor = der;
    ECDSA_SIG *signature = d2i_ECDSA_SIG(NULL, &cursor, (long)length);
    if (signature == NULL) {
        return 0;
    }
    int ok = (size_t)(cursor - der) == length;
    const BIGNUM *r = NULL, *s = NULL;
    ECDSA_SIG_get0(signature, &r, &s);
    ok = ok && r != NULL && s != NULL
        && BN_bn2binpad(r, out, (int)width) == (int)width
        && BN_bn2binpad(s, out + width, (int)width) == (int)width;
    ECDSA_SIG_free(signature);
    return ok;
}

int chatsec_ecdsa_raw_to_der(const uint8_t *raw, size_t width, uint8_t *out, size_t capacity) {
    if (raw == NULL || width == 0 || width > INT_MAX) {
        return -1;
    }
    BIGNUM *r = BN_bin2bn(raw, (int)width, NULL);
    BIGNUM *s = BN_bin2bn(raw + width, (int)width, NULL);
    ECDSA_SIG *signature = ECDSA_SIG_new();
    if (r == NULL || s == NULL || signature == NULL || ECDSA_SIG_set0(signature, r, s) != 1) {
        BN_free(r);
        BN_free(s);
        ECDSA_SIG_free(signature);
        return -1;
    }
    unsigned char *buffer = NULL;
    int length = i2d_ECDSA_SIG(signature, &buffer);
    ECDSA_SIG_free(signature);
    if (length <= 0 || buffer == NULL) {
        return -1;
    }
    int result = length;
    if (out != NULL) {
        if ((size_t)length > capacity) {
            result = -1;
        } else {
            memcpy(out, buffer, (size_t)length);
        }
    }
    OPENSSL_free(buffer);
    return result;
}

int chatsec_ec_point_convert(const char *group_name, const uint8_t *in, size_t length, int compressed, uint8_t *out, size_t capacity) {
    if (group_name == NULL || in == NULL || length == 0 || out == NULL) {
        return -1;
    }
    int nid = OBJ_sn2nid(group_name);
    if (nid == NID_undef) {
        nid = OBJ_txt2nid(group_name);
    }
    EC_GROUP *group = EC_GROUP_new_by_curve_name(nid);
    if (group == NULL) {
        return -1;
    }
    EC_POINT *point = EC_POINT_new(group);
    int result = -1;
    if (point != NULL && EC_POINT_oct2point(group, point, in, length, NULL) == 1
        && EC_POINT_is_at_infinity(group, point) == 0 && EC_POINT_is_on_curve(group, point, NULL) == 1) {
        point_conversion_form_t form = compressed ? POINT_CONVERSION_COMPRESSED : POINT_CONVERSION_UNCOMPRESSED;
        size_t needed = EC_POINT_point2oct(group, point, form, NULL, 0, NULL);
        if (needed > 0 && needed <= capacity && needed <= INT_MAX
            && EC_POINT_point2oct(group, point, form, out, capacity, NULL) == needed) {
            result = (int)needed;
        }
    }
    EC_POINT_free(point);
    EC_GROUP_free(group);
    return result;
}
