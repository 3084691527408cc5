// Compiles, but warns under -Wall: fails with -Werror (strict warnings), passes without.
int main() {
  int unused = 3;
  return 0;
}
