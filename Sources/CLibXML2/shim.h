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
#include <libxml/HTMLparser.h>


// A few libxml2 messages (encoder errors among them) bypass the parser context's structured
// handler and go to libxml2's "generic" error function, which prints to stderr. The reader
// reports every problem itself, so the generic channel is silenced, for new threads and for the
// calling one. (C-variadic, so it cannot be written in Swift.)
static void patent_digest_ignore_generic_error(void *context, const char *message, ...) {
  (void)context;
  (void)message;
}

static inline void patent_digest_silence_generic_errors(void) {
  xmlThrDefSetGenericErrorFunc(NULL, patent_digest_ignore_generic_error);
  xmlSetGenericErrorFunc(NULL, patent_digest_ignore_generic_error);
}

#endif
