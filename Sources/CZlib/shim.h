#ifndef PATENT_DIGEST_CZLIB_SHIM_H
#define PATENT_DIGEST_CZLIB_SHIM_H
#include <zlib.h>
#endif
