/* utf8.c - encoding code points, through utf8proc. */
#include "utf8.h"

#include <utf8proc.h>

size_t tl_utf8_encode(char out[4], uint32_t cp)
{
    if (cp > 0x10FFFF) return 0;
    return (size_t)utf8proc_encode_char((utf8proc_int32_t)cp, (utf8proc_uint8_t *)out);
}
