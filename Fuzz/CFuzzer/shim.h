// libFuzzer's driver, for a Swift executable that has its own `main` (SwiftPM links every
// executable's entry point as `main`, so libFuzzer's own `main` cannot be used). libFuzzer
// itself is linked by `-sanitize=fuzzer`; see https://llvm.org/docs/LibFuzzer.html
// ("Using libFuzzer as a library").
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));
