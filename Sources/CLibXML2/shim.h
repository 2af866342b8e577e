#ifndef PATENT_DIGEST_CLIBXML2_SHIM_H
#define PATENT_DIGEST_CLIBXML2_SHIM_H

// Debian's libxml2 is built with ICU, and its headers pull ICU's in, which clash with the copy
// Foundation carries. The feed reader never uses libxml2's ICU encoders, so switch them off before
// the first header that looks at the flag.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include <libxml/dict.h>

#endif
