// Compiles one header on its own: build with -DSCANFLOW_HEADER=<scanflow/xxx.hpp> (or "ap_int.h").
#include SCANFLOW_HEADER

int main() { return 0; }
