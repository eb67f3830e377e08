/*
 * libassoc - the socio-economic model of non-profit associations, computable.
 * SPDX-License-Identifier: MIT
 *
 * Umbrella header: include this one.
 */
#ifndef ASSOC_H
#define ASSOC_H

#include "assoc/common.h"
#include "assoc/types.h"
#include "assoc/errors.h"
#include "assoc/alloc.h"
#include "assoc/vocab.h"
#include "assoc/model.h"
#include "assoc/json.h"
#include "assoc/profile.h"
#include "assoc/score.h"
#include "assoc/peers.h"
#include "assoc/batch.h"

#endif
