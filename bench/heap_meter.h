// Live heap of a benchmark binary (heap_meter.cc replaces its operator new and delete).

#ifndef STORYLINE_BENCH_HEAP_METER_H_
#define STORYLINE_BENCH_HEAP_METER_H_

#include <cstdint>

namespace storyline::bench {

// Live heap above the level at construction, and its peak since then. The benchmarks are
// single-threaded; a racing update could only lose a peak, not corrupt the count.
class HeapMeter {
 public:
  HeapMeter();
  int64_t Live() const;
  int64_t Peak() const;

 private:
  int64_t start_;
};

}  // namespace storyline::bench

#endif  // STORYLINE_BENCH_HEAP_METER_H_
