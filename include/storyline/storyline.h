// Umbrella header: the whole public API of the Storyline library.

#ifndef STORYLINE_STORYLINE_H_
#define STORYLINE_STORYLINE_H_

#include "storyline/article.h"
#include "storyline/cluster.h"
#include "storyline/dedup.h"
#include "storyline/extract.h"
#include "storyline/format.h"
#include "storyline/ingest.h"
#include "storyline/pipeline.h"
#include "storyline/status.h"
#include "storyline/store.h"
#include "storyline/stories.h"
#include "storyline/summarize.h"
#include "storyline/text.h"

#endif  // STORYLINE_STORYLINE_H_
