/* fuzz_baseline.c - libFuzzer target for the baseline reader (the JSON
 * scanner it reads with and the entry checks). A baseline that reads is written back
 * and must read again to the same entries. */
#include "config/baseline.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tl_baseline b;
    tl_error err;
    tl_error_clear(&err);
    if (tl_baseline_init(&b, "fuzz.json", &err) < 0) return 0;
    if (tl_baseline_parse(&b, "fuzz.json", data, size, &err) == 0) {
        tl_buf out = TL_BUF_INIT;
        if (tl_baseline_write(&b, &out) == 0) {
            tl_baseline again;
            if (tl_baseline_init(&again, "fuzz.json", &err) == 0) {
                if (tl_baseline_parse(&again, "fuzz.json", (const unsigned char *)out.data, out.len,
                                      &err) != 0 ||
                    again.n != b.n)
                    abort(); /* what tonelint writes, it must read back */
                tl_baseline_free(&again);
            }
        }
        tl_buf_free(&out);
    }
    tl_baseline_free(&b);
    return 0;
}
