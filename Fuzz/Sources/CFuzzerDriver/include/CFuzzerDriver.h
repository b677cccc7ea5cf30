#ifndef PARLEY_CFUZZERDRIVER_H
#define PARLEY_CFUZZERDRIVER_H
#include <stddef.h>
#include <stdint.h>

/* libFuzzer's entry point for programs that have their own main
 * (https://llvm.org/docs/LibFuzzer.html#using-libfuzzer-as-a-library).
 * SwiftPM links an executable target with main=<Target>_main, so the fuzz
 * targets define that function and hand control to libFuzzer here. */
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
