#pragma once
// Shared by the fuzz targets: an invariant that must hold for every input.
// A broken one aborts, which libFuzzer records as a crash (with the input
// saved) and the corpus replay test reports as a failure.
#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition)                                                                                          \
    do {                                                                                                               \
        if (!(condition)) {                                                                                            \
            std::fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #condition);                     \
            std::abort();                                                                                              \
        }                                                                                                              \
    } while (false)
