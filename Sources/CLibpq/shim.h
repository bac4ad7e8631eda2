#ifndef CHATSECURITY_CLIBPQ_SHIM_H
#define CHATSECURITY_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
