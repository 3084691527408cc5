// Deliberately invalid: compileCpp must report the compiler's diagnostics.
#include <ap_int.h>

int main() {
  ap_int<8> x = undeclared_identifier;
  return x.to_int();
}
