// Declarations only: LLVMFuzzerRunDriver comes from libFuzzer when a target is linked with -sanitize=fuzzer.
#include "CFuzzDriver.h"
