// Everything is in include/ByteScan.h (static inline, so Swift inlines it); SwiftPM wants one
// source file per C target.
#include "ByteScan.h"
