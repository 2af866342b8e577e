// The masks are in include/ByteScan.h (static inline, so Swift inlines them into its loops);
// the counting loop and the passed-over walk are here.
#include "ByteScan.h"

#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

size_t pd_count_byte(const uint8_t *bytes, size_t count, uint8_t byte) {
  size_t index = 0;
  size_t total = 0;
#if defined(__SSE2__)
  const __m128i target = _mm_set1_epi8((char)byte);
  while (index + 16 <= count) {
    // Each lane counts down by one per match (a match compares as -1); 255 rounds at most
    // before the lanes could wrap, then the lanes are summed.
    __m128i lanes = _mm_setzero_si128();
    size_t roundsEnd = count - index > 16 * 255 ? index + 16 * 255 : count;
    for (; index + 16 <= roundsEnd; index += 16) {
      lanes = _mm_sub_epi8(lanes, _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(bytes + index)), target));
    }
    __m128i sums = _mm_sad_epu8(lanes, _mm_setzero_si128());
    total += (size_t)_mm_cvtsi128_si32(sums) + (size_t)_mm_cvtsi128_si32(_mm_unpackhi_epi64(sums, sums));
  }
#endif
  for (; index < count; index++) total += bytes[index] == byte;
  return total;
}

// MARK: The passed-over walk

static inline int pd_is_white_space(uint8_t byte) {
  return byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09;
}

#if defined(__SSE2__)
/// Bytes that may follow the first byte of a name (`pd_name_class & 2`), sixteen at a time: a
/// few compares instead of a byte loop whose exit, at a different length for every name, the
/// processor mispredicts.
static inline uint32_t pd_mask_name_characters(const uint8_t *p) {
  __m128i v = pd_load16(p);
  // Unsigned range checks: x - low <= high - low exactly when min(x - low, high - low) is x - low.
  __m128i letter = _mm_sub_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8('a'));
  letter = _mm_cmpeq_epi8(_mm_min_epu8(letter, _mm_set1_epi8(25)), letter);
  __m128i digit = _mm_sub_epi8(v, _mm_set1_epi8('0'));
  digit = _mm_cmpeq_epi8(_mm_min_epu8(digit, _mm_set1_epi8(9)), digit);
  __m128i punctuation = _mm_or_si128(_mm_or_si128(pd_equal(v, '-'), pd_equal(v, '.')),
                                     _mm_or_si128(pd_equal(v, '_'), pd_equal(v, ':')));
  // Bytes of 0x80 and above have their top bit set, which is all the movemask reads.
  __m128i any = _mm_or_si128(_mm_or_si128(letter, digit), _mm_or_si128(punctuation, v));
  return (uint32_t)_mm_movemask_epi8(any);
}
#endif

/// `pd_name_length`, with one sixteen-byte mask for a name shorter than sixteen bytes.
static inline long pd_walk_name_length(const uint8_t *p, long available) {
#if defined(__SSE2__)
  if (available >= 16) {
    if (!(pd_name_class[p[0]] & 1)) return 0;
    uint32_t others = ~pd_mask_name_characters(p) & 0xFFFFu;
    if (others != 0) return __builtin_ctz(others);
  }
#endif
  return pd_name_length(p, available);
}

/// Sixty-four bytes of a mask at a time: one bit per byte of the 64 at `p`.
#if defined(__SSE2__)
static inline uint64_t pd_text_stops64(const uint8_t *p) {
  return (uint64_t)pd_text_stops(p, 1) | (uint64_t)pd_text_stops(p + 16, 1) << 16 |
         (uint64_t)pd_text_stops(p + 32, 1) << 32 | (uint64_t)pd_text_stops(p + 48, 1) << 48;
}
static inline uint64_t pd_tag_stops64(const uint8_t *p) {
  return (uint64_t)pd_mask_tag_stop(p) | (uint64_t)pd_mask_tag_stop(p + 16) << 16 |
         (uint64_t)pd_mask_tag_stop(p + 32) << 32 | (uint64_t)pd_mask_tag_stop(p + 48) << 48;
}
#endif

/// One stop of the tag mask inside a start tag (`<`, `>` or a quote), with `quote` the quote
/// open there (0: none): 1 when it ends the tag (`>` outside quotes), -1 when the tag is broken (a
/// `<`, even quoted), 0 to go on (a quote opened or closed, or a `>` or other quote inside one).
static inline int pd_tag_stop(uint8_t byte, uint8_t *quote) {
  if (*quote != 0) {
    if (byte == *quote) {
      *quote = 0;
    } else if (byte == '<') {
      return -1;
    }
    return 0;
  }
  if (byte == '>') return 1;
  if (byte == '<') return -1;
  *quote = byte;
  return 0;
}

/// The offset of the `>` ending the start tag whose name ends at `start`, quoted values passed
/// over; -1 for anything MarkupBytes.startTagEnd would not return (a `<` inside, the length limit,
/// the end of the document).
static inline long pd_start_tag_end(const uint8_t *base, long count, long start, long tagStart, long maximumTagLength) {
  long index = start;
  if (index < count && base[index] == '>') return index;
  long limit = tagStart + maximumTagLength < count ? tagStart + maximumTagLength : count;
#if defined(__SSE2__)
  // Most tags with attributes end within 64 bytes: walk the stops of one 64-byte mask, quotes
  // and all, rather than a loop per quoted value. A tag that does not end there is read again
  // below from its start.
  if (index + 64 <= limit) {
    uint64_t stops = pd_tag_stops64(base + index);
    uint8_t quote = 0;
    while (stops != 0) {
      long at = index + __builtin_ctzll(stops);
      stops &= stops - 1;
      int step = pd_tag_stop(base[at], &quote);
      if (step != 0) return step > 0 ? at : -1;
    }
  }
#endif
  while (index < limit) {
    if (index + 16 <= limit) {
      uint32_t stops = pd_mask_tag_stop(base + index);
      if (stops == 0) {
        index += 16;
        continue;
      }
      index += __builtin_ctz(stops);
    }
    uint8_t byte = base[index];
    if (byte == '>') return index;
    if (byte == '"' || byte == '\'') {
      long close = index + 1;
      while (close < limit) {
        if (close + 16 <= limit) {
          uint32_t stops = pd_mask_quote_stop(base + close, byte);
          if (stops == 0) {
            close += 16;
            continue;
          }
          close += __builtin_ctz(stops);
        }
        uint8_t inside = base[close];
        if (inside == byte) break;
        if (inside == '<') return -1;
        close += 1;
      }
      if (close >= limit) return -1;
      index = close + 1;
      continue;
    }
    if (byte == '<') return -1;
    index += 1;
  }
  return -1;
}

/// Where the character (a byte, a UTF-8 sequence, a reference) at `index` of validated text ends;
/// -1 where MarkupBytes.checkCharacter would throw, or where this check is not sure it would not.
static long pd_check_character(const uint8_t *base, long count, long index) {
  uint8_t byte = base[index];
  if (byte < 0x80) {
    if (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) return -1;
    if (byte != '&') return index + 1;
    // A reference: a name or a character number, then ';' within 40 bytes.
    long searchEnd = index + 40 < count ? index + 40 : count;
    long semicolon = index + 1;
    while (semicolon < searchEnd && base[semicolon] != ';') semicolon++;
    if (semicolon >= searchEnd || semicolon == index + 1) return -1;
    if (base[index + 1] == '#') {
      int hex = index + 2 < semicolon && base[index + 2] == 'x';
      long digits = index + (hex ? 3 : 2);
      if (digits >= semicolon) return -1;
      uint32_t value = 0;
      for (long at = digits; at < semicolon; at++) {
        uint8_t c = base[at];
        uint32_t digit;
        if (c >= '0' && c <= '9') {
          digit = (uint32_t)(c - '0');
        } else if (hex && c >= 'a' && c <= 'f') {
          digit = (uint32_t)(c - 'a' + 10);
        } else if (hex && c >= 'A' && c <= 'F') {
          digit = (uint32_t)(c - 'A' + 10);
        } else {
          return -1;
        }
        if (value >= 0x110000) return -1;
        value = value * (hex ? 16 : 10) + digit;
      }
      int valid = value == 0x9 || value == 0xA || value == 0xD || (value >= 0x20 && value <= 0xD7FF) ||
                  (value >= 0xE000 && value <= 0xFFFD) || (value >= 0x10000 && value <= 0x10FFFF);
      return valid ? semicolon + 1 : -1;
    }
    return pd_name_length(base + index + 1, count - index - 1) == semicolon - index - 1 ? semicolon + 1 : -1;
  }
  long length;
  uint32_t minimum;
  uint32_t scalar;
  if (byte >= 0xC2 && byte <= 0xDF) {
    length = 2, minimum = 0x80, scalar = byte & 0x1F;
  } else if (byte >= 0xE0 && byte <= 0xEF) {
    length = 3, minimum = 0x800, scalar = byte & 0x0F;
  } else if (byte >= 0xF0 && byte <= 0xF4) {
    length = 4, minimum = 0x10000, scalar = byte & 0x07;
  } else {
    return -1;
  }
  if (index + length > count) return -1;
  for (long offset = 1; offset < length; offset++) {
    uint8_t continuation = base[index + offset];
    if ((continuation & 0xC0) != 0x80) return -1;
    scalar = scalar << 6 | (continuation & 0x3F);
  }
  if (scalar < minimum || scalar > 0x10FFFF || (scalar >= 0xD800 && scalar <= 0xDFFF) || scalar == 0xFFFE ||
      scalar == 0xFFFF)
    return -1;
  return index + length;
}

/// One 64-byte block's mask, computed once for all the steps in it (with a tag every 20 to 30
/// bytes, two or three share a block): the walk finds each tag's end and each text's end with a
/// shift and a bit scan of it. Blocks are counted from `base`; bits past `count` are set, so a
/// scan stops there.
typedef struct {
  long block;
  uint64_t bits;
} pd_block_mask;

enum { pd_text_mask, pd_tag_mask };

static inline uint64_t pd_compute_block(const uint8_t *base, long count, long block, int kind) {
  long start = block << 6;
#if defined(__SSE2__)
  if (start + 64 <= count) return kind == pd_text_mask ? pd_text_stops64(base + start) : pd_tag_stops64(base + start);
#endif
  uint64_t bits = 0;
  for (long i = 0; i < 64; i++) {
    long at = start + i;
    int stop;
    if (at >= count) {
      stop = 1;
    } else {
      uint8_t byte = base[at];
      stop = kind == pd_text_mask ? (byte == '<' || byte == '&' || byte >= 0x80 || (byte < 0x20 && byte != '\n'))
                                  : (byte == '>' || byte == '<' || byte == '"' || byte == '\'');
    }
    if (stop) bits |= (uint64_t)1 << i;
  }
  return bits;
}

/// The first offset at or after `index` whose bit is set in the mask of `kind`.
static inline long pd_next_stop(const uint8_t *base, long count, long index, pd_block_mask *mask, int kind) {
  for (;;) {
    long block = index >> 6;
    if (block != mask->block) {
      mask->block = block;
      mask->bits = pd_compute_block(base, count, block, kind);
    }
    uint64_t bits = mask->bits >> (index & 63);
    if (bits != 0) return index + __builtin_ctzll(bits);
    index = (block + 1) << 6;
  }
}

/// The offset of the next `<` from `start` in validated text; -1 if the text has a character
/// `pd_check_character` refuses, or no `<` follows.
static inline long pd_walk_text_end(const uint8_t *base, long count, long start, pd_block_mask *mask) {
  long index = start;
  for (;;) {
    index = pd_next_stop(base, count, index, mask, pd_text_mask);
    if (index >= count) return -1;
    if (base[index] == '<') return index;
    index = pd_check_character(base, count, index);
    if (index < 0) return -1;
  }
}

/// `pd_start_tag_end` on the tag mask, for a tag that ends within a few blocks; a longer one is
/// read again by `pd_start_tag_end`.
static inline long pd_walk_tag_end(const uint8_t *base, long count, long start, long tagStart, long maximumTagLength,
                                   pd_block_mask *mask) {
  if (start < count && base[start] == '>') return start;
  long limit = tagStart + maximumTagLength < count ? tagStart + maximumTagLength : count;
  long giveUp = start + 256;
  uint8_t quote = 0;
  long index = start;
  for (;;) {
    index = pd_next_stop(base, count, index, mask, pd_tag_mask);
    if (index >= limit) return -1;
    if (index >= giveUp) return pd_start_tag_end(base, count, start, tagStart, maximumTagLength);
    int step = pd_tag_stop(base[index], &quote);
    if (step != 0) return step > 0 ? index : -1;
    index += 1;
  }
}

long pd_walk_passed_over(const uint8_t *base, long count, long position, pd_walk_state *state) {
  pd_open_element *open = state->open;
  long depth = state->depth;
  long claimCount = state->claimCount;
  const long passedOverLevel = state->passedOverLevel;
  const long claimsLevel = state->claimsLevel;
  long at = position;
  pd_block_mask textMask = {-1, 0};
  pd_block_mask tagMask = {-1, 0};
  for (;;) {
    // Here base[at] is '<'. Read the step; change nothing until it is known to be plain.
    if (at + 1 >= count) break;
    long afterTag;
    long nameStart;
    long nameLength = 0;
    int opens = 0;
    if (base[at + 1] == '/') {
      if (depth <= passedOverLevel) break;
      pd_open_element element = open[depth - 1];
      nameStart = at + 2;
      long end = nameStart + element.nameLength;
      if (end >= count) break;
      if (element.nameLength <= 16 && nameStart + 16 <= count && element.nameStart + 16 <= count) {
        if (!pd_same_prefix16(base + element.nameStart, base + nameStart, element.nameLength)) break;
      } else if (memcmp(base + element.nameStart, base + nameStart, (size_t)element.nameLength) != 0) {
        break;
      }
      if (pd_is_name_character(base[end])) break;
      while (end < count && pd_is_white_space(base[end])) end++;
      if (end >= count || base[end] != '>') break;
      afterTag = end + 1;
    } else {
      // '!' and '?' start no name, so comments, CDATA and processing instructions stop here too.
      nameStart = at + 1;
      nameLength = pd_walk_name_length(base + nameStart, count - nameStart);
      if (nameLength == 0) break;
      long tagEnd = pd_walk_tag_end(base, count, nameStart + nameLength, at, state->maximumTagLength, &tagMask);
      if (tagEnd < 0) break;
      if (base[tagEnd - 1] != '/') {
        if (depth >= state->maximumDepth) break;
        opens = 1;
      }
      afterTag = tagEnd + 1;
    }
    long nextTag = pd_walk_text_end(base, count, afterTag, &textMask);
    if (nextTag < 0 || nextTag - afterTag > state->maximumTextLength) break;
    // The step is plain: take it.
    if (base[at + 1] == '/') {
      depth -= 1;
    } else if (opens) {
      open[depth].nameStart = nameStart;
      open[depth].nameLength = nameLength;
      depth += 1;
      if (claimsLevel > 0 && depth == claimsLevel + 1 && nameLength == 5 && memcmp(base + nameStart, "claim", 5) == 0) {
        claimCount += 1;
      }
    }
    at = nextTag;
  }
  state->depth = depth;
  state->claimCount = claimCount;
  return at;
}
