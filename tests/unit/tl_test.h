/* tl_test.h - the main() of every unit test: tl_test_run runs a suite and
 * gives the exit status. Uses only Check, so the public API's test can
 * include it. */
#ifndef TL_TEST_H
#define TL_TEST_H

#include <check.h>
#include <stdlib.h>

/* Run every test of s; the exit status of a test program. */
static inline int tl_test_run(Suite *s)
{
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
