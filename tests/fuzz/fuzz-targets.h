/* fuzz-targets.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

int pm_fuzz_load (const uint8_t *data, size_t size);
int pm_fuzz_csv  (const uint8_t *data, size_t size);
int pm_fuzz_import (const uint8_t *data, size_t size);
