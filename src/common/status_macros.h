// Early-return helpers for Status and Result<T> (internal): the unwrap every multi-step function
// would otherwise spell out.

#ifndef STORYLINE_COMMON_STATUS_MACROS_H_
#define STORYLINE_COMMON_STATUS_MACROS_H_

#include <utility>

#include "storyline/status.h"

namespace storyline::internal {
inline const Status& AsStatus(const Status& s) { return s; }
template <typename T>
Status AsStatus(const Result<T>& r) {
  return r.status();
}
}  // namespace storyline::internal

#define STORYLINE_CONCAT_INNER(a, b) a##b
#define STORYLINE_CONCAT(a, b) STORYLINE_CONCAT_INNER(a, b)

// Evaluates `expr` (a Status or a Result<T>) once and returns its status from the enclosing
// function when it is not OK.
#define RETURN_IF_ERROR(expr)                                                          \
  do {                                                                                 \
    if (::storyline::Status storyline_status_ = ::storyline::internal::AsStatus(expr); \
        !storyline_status_.ok()) {                                                     \
      return storyline_status_;                                                        \
    }                                                                                  \
  } while (0)

// Evaluates `expr` (a Result<T>) once; returns its status from the enclosing function when it is
// not OK, else moves its value into `lhs` (an lvalue or a declaration such as `auto x`).
#define ASSIGN_OR_RETURN(lhs, expr) \
  STORYLINE_ASSIGN_OR_RETURN_IMPL(STORYLINE_CONCAT(storyline_result_, __LINE__), lhs, expr)
#define STORYLINE_ASSIGN_OR_RETURN_IMPL(result, lhs, expr) \
  auto result = (expr);                                    \
  if (!result.ok()) return result.status();                \
  lhs = std::move(result).value()

#endif  // STORYLINE_COMMON_STATUS_MACROS_H_
