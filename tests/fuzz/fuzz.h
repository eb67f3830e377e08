/*
 * Shared by the libFuzzer targets (tests/fuzz/fuzz_<target>.c) and the
 * replay driver that runs them on files without libFuzzer (replay.c).
 *
 * Besides "no crash, no leak, no undefined behaviour" (the sanitizers'
 * part), each target checks properties of the library's contract and
 * aborts when one is broken, so that libFuzzer records the input.
 */
#ifndef ASSOC_FUZZ_H
#define ASSOC_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "assoc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define FUZZ_CHECK(cond, what)                                                                                    \
	do {                                                                                                      \
		if (!(cond)) {                                                                                    \
			fprintf(stderr, "fuzz property broken at %s:%d: %s (%s); last error %s: %s at '%s'\n",    \
				__FILE__, __LINE__, what, #cond, assoc_error_code_name(assoc_error_last()->code), \
				assoc_error_last()->message, assoc_error_last()->path);                           \
			abort();                                                                                  \
		}                                                                                                 \
	} while (0)

/* A failing call returns a known negative code, and the thread's last error
 * is that code with a message (house rule: every error says what is wrong). */
#define FUZZ_CHECK_ERROR(rc)                                                                            \
	do {                                                                                            \
		int rc__ = (rc);                                                                        \
		FUZZ_CHECK(rc__ < 0, "an error code is negative");                                      \
		FUZZ_CHECK(strcmp(assoc_error_code_name(rc__), "EUNKNOWN") != 0, "a known error code"); \
		FUZZ_CHECK(assoc_error_last()->code == rc__, "the last error is the returned code");    \
		FUZZ_CHECK(assoc_error_last()->message[0] != '\0', "an error has a message");           \
	} while (0)

#endif
