/*
 * Run-time version, to compare with the ASSOC_VERSION_* macros a program was built with.
 * SPDX-License-Identifier: MIT
 */
#include "assoc.h"

int assoc_version_number(void) { return ASSOC_VERSION_NUMBER; }
const char *assoc_version_string(void) { return ASSOC_VERSION_STRING; }
