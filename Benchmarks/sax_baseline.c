/*
 * sax_baseline: the floor for parsing a USPTO weekly feed with libxml2.
 *
 * One thread, one pass of libxml2's SAX2 push parser over every document of a
 * concatenated feed, extracting nothing. The file is read in 1 MB blocks and
 * split on the raw bytes of "<?xml" (a declaration may start mid-line or
 * straddle two blocks); each document gets its own push parser context, fed in
 * 64 KB chunks, with no-op element and character callbacks.
 *
 *   cc -O2 $(pkg-config --cflags libxml-2.0) sax_baseline.c -o sax_baseline \
 *      $(pkg-config --libs libxml-2.0)
 *   ./sax_baseline week.xml      # prints: documents=N errors=M
 *
 * Exit status: 0 when every document parsed, 1 when some did not, 2 when the
 * file could not be read.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#define READ_BLOCK (1 << 20)
#define FEED_CHUNK (64 * 1024)

static const char declaration[] = "<?xml";
#define DECL_LEN (sizeof(declaration) - 1)

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                     const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                     int nb_attributes, int nb_defaulted, const xmlChar **attributes) {
    (void)ctx; (void)localname; (void)prefix; (void)uri; (void)nb_namespaces;
    (void)namespaces; (void)nb_attributes; (void)nb_defaulted; (void)attributes;
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                   const xmlChar *uri) {
    (void)ctx; (void)localname; (void)prefix; (void)uri;
}

static void on_characters(void *ctx, const xmlChar *ch, int len) {
    (void)ctx; (void)ch; (void)len;
}

static xmlSAXHandler handler;

/* The document being parsed: its context and the bytes not yet fed to it. */
struct document {
    xmlParserCtxtPtr ctxt;
    char staged[FEED_CHUNK];
    size_t staged_len;
    int failed;
    int has_content; /* seen a non-blank byte: blank runs between documents are not one */
};

static long documents = 0;
static long errors = 0;

static void feed(struct document *doc, const char *bytes, size_t len, int terminate) {
    if (doc->ctxt == NULL) {
        doc->ctxt = xmlCreatePushParserCtxt(&handler, NULL, NULL, 0, NULL);
        if (doc->ctxt == NULL) {
            fprintf(stderr, "sax_baseline: cannot create a parser context\n");
            exit(2);
        }
        xmlCtxtUseOptions(doc->ctxt, XML_PARSE_NONET);
    }
    if (!doc->failed && xmlParseChunk(doc->ctxt, bytes, (int)len, terminate) != 0)
        doc->failed = 1;
}

/* Append bytes of the current document, feeding the parser each full 64 KB. */
static void append(struct document *doc, const char *bytes, size_t len) {
    for (size_t i = 0; i < len && !doc->has_content; i++)
        if (bytes[i] != ' ' && bytes[i] != '\n' && bytes[i] != '\r' && bytes[i] != '\t')
            doc->has_content = 1;
    while (len > 0) {
        size_t room = FEED_CHUNK - doc->staged_len;
        size_t n = len < room ? len : room;
        memcpy(doc->staged + doc->staged_len, bytes, n);
        doc->staged_len += n;
        bytes += n;
        len -= n;
        if (doc->staged_len == FEED_CHUNK) {
            feed(doc, doc->staged, doc->staged_len, 0);
            doc->staged_len = 0;
        }
    }
}

/* End the current document: feed what is staged with terminate=1, count it. */
static void finish(struct document *doc) {
    if (doc->has_content) {
        feed(doc, doc->staged, doc->staged_len, 1);
        documents++;
        if (doc->failed || !doc->ctxt->wellFormed)
            errors++;
    }
    if (doc->ctxt != NULL)
        xmlFreeParserCtxt(doc->ctxt);
    doc->ctxt = NULL;
    doc->staged_len = 0;
    doc->failed = 0;
    doc->has_content = 0;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: sax_baseline FEED.xml\n");
        return 2;
    }
    LIBXML_TEST_VERSION
    memset(&handler, 0, sizeof handler);
    handler.initialized = XML_SAX2_MAGIC;
    handler.startElementNs = on_start;
    handler.endElementNs = on_end;
    handler.characters = on_characters;

    FILE *file = fopen(argv[1], "rb");
    if (file == NULL) {
        perror(argv[1]);
        return 2;
    }
    /* DECL_LEN - 1 bytes kept from the previous block in front of the new one,
       so that a declaration split across two reads is still found. */
    char *buffer = malloc(READ_BLOCK + DECL_LEN);
    static struct document doc;
    size_t carried = 0;
    for (;;) {
        size_t got = fread(buffer + carried, 1, READ_BLOCK, file);
        int at_end = got < READ_BLOCK;
        size_t len = carried + got;
        /* Bytes [0, limit) can be settled now; the tail may be the start of a declaration. */
        size_t limit = at_end ? len : (len >= DECL_LEN - 1 ? len - (DECL_LEN - 1) : 0);
        size_t pos = 0;
        while (pos < limit) {
            const char *hit = memmem(buffer + pos, len - pos, declaration, DECL_LEN);
            size_t at = hit ? (size_t)(hit - buffer) : len;
            if (at >= limit) {
                append(&doc, buffer + pos, limit - pos);
                pos = limit;
                break;
            }
            append(&doc, buffer + pos, at - pos);
            finish(&doc);
            append(&doc, buffer + at, DECL_LEN);
            pos = at + DECL_LEN;
        }
        carried = len - pos;
        memmove(buffer, buffer + pos, carried);
        if (at_end) {
            if (ferror(file)) {
                perror(argv[1]);
                return 2;
            }
            break;
        }
    }
    append(&doc, buffer, carried);
    finish(&doc);
    fclose(file);
    free(buffer);
    xmlCleanupParser();
    printf("documents=%ld errors=%ld\n", documents, errors);
    return errors ? 1 : 0;
}
