// Days since 1970-01-01 to and from a proleptic Gregorian date (H. Hinnant's algorithms;
// internal).

#ifndef STORYLINE_COMMON_CIVIL_DATE_H_
#define STORYLINE_COMMON_CIVIL_DATE_H_

#include <cstdint>

namespace storyline {

int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d);
void CivilFromDays(int64_t z, int64_t* y, unsigned* m, unsigned* d);

}  // namespace storyline

#endif  // STORYLINE_COMMON_CIVIL_DATE_H_
