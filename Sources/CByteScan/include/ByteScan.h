// Byte-class masks for the markup scanner's hot loops: sixteen bytes at a time with SSE2 (every
// x86-64 has it), a byte at a time elsewhere. Each function returns one bit per byte of the
// sixteen at `p` (bit i for p[i]); the caller must have sixteen readable bytes at `p`.
//
// Only MarkupScanner calls these. They are `static inline` so that Swift inlines them into its
// loops; the logic (what a byte means, what is an error) stays in Swift.
#ifndef PATENT_DIGEST_BYTE_SCAN_H
#define PATENT_DIGEST_BYTE_SCAN_H

#include <stddef.h>
#include <stdint.h>

/// How many of the `count` bytes at `bytes` equal `byte` (sixteen at a time with SSE2).
size_t pd_count_byte(const uint8_t *bytes, size_t count, uint8_t byte);

/// An element the markup scanner has open: where its name starts in the document, and its length.
typedef struct {
  long nameStart;
  long nameLength;
} pd_open_element;

/// The limits and the state of the markup scanner's walk that `pd_walk_passed_over` reads and
/// advances.
typedef struct {
  /// The open elements, `depth` of them; room for `maximumDepth`.
  pd_open_element *open;
  long depth;
  /// The level of the passed-over element: the walk never closes it (the caller records its region).
  long passedOverLevel;
  /// The level of `<claims>`, or 0; `<claim>` children of it are counted in `claimCount`.
  long claimsLevel;
  long claimCount;
  long maximumDepth;
  long maximumTagLength;
  long maximumTextLength;
} pd_walk_state;

/// The markup scanner's walk through a passed-over region, in C because it is most of the work
/// (the description holds nine tenths of a document's bytes and a tag every 20 to 30 bytes).
///
/// `position` is the offset of a `<` in the `count` bytes at `base`. The walk takes a tag and the
/// text after it as one step and applies a step (pushing or popping `state->open`, counting a
/// claim) only once both are known to be plain: a start tag or an end tag that matches, text that
/// is valid UTF-8 without control characters and whose references are well formed, every limit
/// kept. At anything else (a comment, a processing instruction, CDATA, the end tag of the
/// passed-over element itself, anything doubtful or wrong) it stops and returns the offset of the
/// `<` of the step it did not take, with `state` as it was before that step: the caller's own walk
/// takes that step, and so reports every error exactly as it always has. The walk accepts only
/// what that walk accepts.
long pd_walk_passed_over(const uint8_t *base, long count, long position, pd_walk_state *state);

#if defined(__SSE2__)
#include <emmintrin.h>

static inline __m128i pd_load16(const uint8_t *p) { return _mm_loadu_si128((const __m128i *)p); }
static inline __m128i pd_equal(__m128i v, char c) { return _mm_cmpeq_epi8(v, _mm_set1_epi8(c)); }

/// `<` bytes.
static inline uint32_t pd_mask_less_than(const uint8_t *p) {
  return (uint32_t)_mm_movemask_epi8(pd_equal(pd_load16(p), '<'));
}

/// Bytes text validation must look at one by one: `&`, bytes below 0x20 other than the newline
/// (control characters; tab and carriage return are allowed, and checked there), and bytes of
/// 0x80 and above (UTF-8 sequences).
static inline uint32_t pd_mask_text_check(const uint8_t *p) {
  __m128i v = pd_load16(p);
  // Signed: bytes 0x80...0xFF are negative, so below 0x20 as well.
  __m128i below_space = _mm_cmplt_epi8(v, _mm_set1_epi8(0x20));
  __m128i flagged = _mm_or_si128(_mm_andnot_si128(pd_equal(v, '\n'), below_space), pd_equal(v, '&'));
  return (uint32_t)_mm_movemask_epi8(flagged);
}

/// Whether the first `length` (at most 16) of the sixteen bytes at `a` and at `b` are equal.
static inline _Bool pd_same_prefix16(const uint8_t *a, const uint8_t *b, long length) {
  uint32_t equal = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(pd_load16(a), pd_load16(b)));
  uint32_t wanted = length >= 16 ? 0xFFFFu : (1u << length) - 1u;
  return (equal & wanted) == wanted;
}

/// What ends a run inside a start tag: `>`, `<`, a quote.
static inline uint32_t pd_mask_tag_stop(const uint8_t *p) {
  __m128i v = pd_load16(p);
  __m128i a = _mm_or_si128(pd_equal(v, '>'), pd_equal(v, '<'));
  __m128i b = _mm_or_si128(pd_equal(v, '"'), pd_equal(v, '\''));
  return (uint32_t)_mm_movemask_epi8(_mm_or_si128(a, b));
}

/// What ends a run inside a quoted attribute value: the quote `quote`, `<`.
static inline uint32_t pd_mask_quote_stop(const uint8_t *p, uint8_t quote) {
  __m128i v = pd_load16(p);
  return (uint32_t)_mm_movemask_epi8(_mm_or_si128(pd_equal(v, (char)quote), pd_equal(v, '<')));
}

#else

static inline uint32_t pd_mask_where(const uint8_t *p, int (*test)(uint8_t, uint8_t), uint8_t extra) {
  uint32_t mask = 0;
  for (int i = 0; i < 16; i++) {
    if (test(p[i], extra)) mask |= 1u << i;
  }
  return mask;
}
static inline int pd_is_less_than(uint8_t b, uint8_t x) { (void)x; return b == '<'; }
static inline int pd_is_text_check(uint8_t b, uint8_t x) { (void)x; return b == '&' || b >= 0x80 || (b < 0x20 && b != '\n'); }
static inline int pd_is_tag_stop(uint8_t b, uint8_t x) {
  (void)x;
  return b == '>' || b == '<' || b == '"' || b == '\'';
}
static inline int pd_is_quote_stop(uint8_t b, uint8_t quote) { return b == quote || b == '<'; }

static inline uint32_t pd_mask_less_than(const uint8_t *p) { return pd_mask_where(p, pd_is_less_than, 0); }
static inline _Bool pd_same_prefix16(const uint8_t *a, const uint8_t *b, long length) {
  for (long i = 0; i < length && i < 16; i++) {
    if (a[i] != b[i]) return 0;
  }
  return 1;
}
static inline uint32_t pd_mask_text_check(const uint8_t *p) { return pd_mask_where(p, pd_is_text_check, 0); }
static inline uint32_t pd_mask_tag_stop(const uint8_t *p) { return pd_mask_where(p, pd_is_tag_stop, 0); }
static inline uint32_t pd_mask_quote_stop(const uint8_t *p, uint8_t quote) {
  return pd_mask_where(p, pd_is_quote_stop, quote);
}

#endif


/// Where the text scan stops: `<`, and when `validating` also what `pd_mask_text_check` flags.
static inline uint32_t pd_text_stops(const uint8_t *p, _Bool validating) {
  uint32_t stops = pd_mask_less_than(p);
  if (validating) stops |= pd_mask_text_check(p);
  return stops;
}

/// XML name bytes as the scanner reads them (ASCII letters, `_`, `:` and every byte of 0x80 and
/// above may start a name; digits, `-` and `.` may follow): 1 may start a name, 2 may follow.
static const uint8_t pd_name_class[256] = {
  ['a' ... 'z'] = 3, ['A' ... 'Z'] = 3, ['_'] = 3, [':'] = 3, [0x80 ... 0xFF] = 3,
  ['0' ... '9'] = 2, ['-'] = 2, ['.'] = 2,
};

/// Whether `byte` may follow the first byte of a name.
static inline _Bool pd_is_name_character(uint8_t byte) { return (pd_name_class[byte] & 2) != 0; }

/// The length of the name that starts at `p` (0: none starts there), reading at most `available`
/// bytes.
static inline long pd_name_length(const uint8_t *p, long available) {
  if (available <= 0 || !(pd_name_class[p[0]] & 1)) return 0;
  long length = 1;
  while (length < available && (pd_name_class[p[length]] & 2)) length++;
  return length;
}

#endif
