#ifndef CHATSECURITY_CSODIUM_SHIM_H
#define CHATSECURITY_CSODIUM_SHIM_H
#include <sodium.h>
#endif
