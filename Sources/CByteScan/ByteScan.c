// The masks are in include/ByteScan.h (static inline, so Swift inlines them into its loops);
// the counting loop is here.
#include "ByteScan.h"

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
