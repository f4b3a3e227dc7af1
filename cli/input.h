// Reading the INPUT arguments of `run` and `dedup`: files, directories, or - for stdin.

#ifndef STORYLINE_CLI_INPUT_H_
#define STORYLINE_CLI_INPUT_H_

#include <string>
#include <vector>

#include "storyline/storyline.h"

namespace storyline::cli {

// Reads every article of `inputs` into `*articles`, printing the first `max_error_lines` skipped
// records and (unless `quiet`) a summary line to stderr. `progress` shows a running count.
void ReadCliInputs(const std::vector<std::string>& inputs, const IngestOptions& options, bool quiet,
                   bool progress, size_t max_error_lines, std::vector<Article>* articles,
                   IngestStats* stats);

}  // namespace storyline::cli

#endif  // STORYLINE_CLI_INPUT_H_
