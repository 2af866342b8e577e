#ifndef PATENT_DIGEST_CISAL_SHIM_H
#define PATENT_DIGEST_CISAL_SHIM_H
// Intel's ISA-L inflater (igzip) and CRC-32, when the build machine has them (Debian's
// libisal-dev): a faster inflate than zlib's. Without them these functions still exist and
// pd_isal_available() says 0, so the library falls back to zlib; nothing here links ISA-L
// unless its header is found (pkg-config adds -lisal then).
#include <stdint.h>
#include <stdlib.h>

#if __has_include(<isa-l/igzip_lib.h>) && __has_include(<isa-l/crc.h>)
#include <isa-l/crc.h>
#include <isa-l/igzip_lib.h>
#define PD_HAVE_ISAL 1
#else
#define PD_HAVE_ISAL 0
#endif

/// What one call of pd_isal_inflate did.
enum {
  PD_ISAL_MORE = 0,      // needs more input or more room for output
  PD_ISAL_FINISHED = 1,  // the deflate stream (and a gzip member's trailer) ended
};

static inline int pd_isal_available(void) { return PD_HAVE_ISAL; }

#if PD_HAVE_ISAL
/// A new inflate state: raw deflate, or a gzip member whose header and trailer (CRC-32 and size)
/// ISA-L reads and checks itself. NULL when out of memory.
static inline void *pd_isal_inflater_new(int gzip) {
  struct inflate_state *state = malloc(sizeof(struct inflate_state));
  if (state == NULL) return NULL;
  isal_inflate_init(state);
  state->crc_flag = gzip ? ISAL_GZIP : ISAL_DEFLATE;
  return state;
}

/// Starts the next gzip member.
static inline void pd_isal_inflater_reset(void *opaque, int gzip) {
  struct inflate_state *state = opaque;
  isal_inflate_reset(state);
  state->crc_flag = gzip ? ISAL_GZIP : ISAL_DEFLATE;
}

static inline void pd_isal_inflater_free(void *opaque) { free(opaque); }

/// Inflates from `input` into `output`; sets what was used of each. Returns PD_ISAL_MORE,
/// PD_ISAL_FINISHED, or ISA-L's negative error code. ISA-L reads its input 8 bytes ahead: when
/// the stream ends, `read_ahead` says how many whole bytes it took past the end (what follows:
/// the next zip entry, a data descriptor, the next gzip member), which the caller gives back;
/// some of them may have come in an earlier call.
static inline int pd_isal_inflate(void *opaque, const uint8_t *input, uint32_t input_count, uint32_t *consumed,
                                  uint8_t *output, uint32_t output_count, uint32_t *produced,
                                  uint32_t *read_ahead) {
  struct inflate_state *state = opaque;
  state->next_in = (uint8_t *)input;
  state->avail_in = input_count;
  state->next_out = output;
  state->avail_out = output_count;
  int status = isal_inflate(state);
  *consumed = input_count - state->avail_in;
  *produced = output_count - state->avail_out;
  *read_ahead = 0;
  if (status < 0) return status;
  if (state->block_state != ISAL_BLOCK_FINISH) return PD_ISAL_MORE;
  *read_ahead = (uint32_t)(state->read_in_length / 8);
  state->read_in_length %= 8;
  return PD_ISAL_FINISHED;
}

/// CRC-32 as zip and gzip record it, continuing from `crc` (the same values as zlib's crc32).
static inline uint32_t pd_isal_crc32(uint32_t crc, const uint8_t *bytes, uint64_t count) {
  return crc32_gzip_refl(crc, bytes, count);
}
#else
static inline void *pd_isal_inflater_new(int gzip) { (void)gzip; return NULL; }
static inline void pd_isal_inflater_reset(void *opaque, int gzip) { (void)opaque; (void)gzip; }
static inline void pd_isal_inflater_free(void *opaque) { (void)opaque; }
static inline int pd_isal_inflate(void *opaque, const uint8_t *input, uint32_t input_count, uint32_t *consumed,
                                  uint8_t *output, uint32_t output_count, uint32_t *produced,
                                  uint32_t *read_ahead) {
  (void)opaque; (void)input; (void)input_count; (void)output; (void)output_count;
  *consumed = 0;
  *read_ahead = 0;
  *produced = 0;
  return -100;
}
static inline uint32_t pd_isal_crc32(uint32_t crc, const uint8_t *bytes, uint64_t count) {
  (void)bytes; (void)count;
  return crc;
}
#endif

#endif
