/*
 * A batch program: reads its arguments, does some work, prints a result and exits with a
 * status the smoke test checks (--expect-exit). Dynamically linked against libc and libm, so
 * nanoship must find both and the loader.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  int terms = argc > 1 ? atoi(argv[1]) : 1000000;
  int status = argc > 2 ? atoi(argv[2]) : 0;
  double sum = 0;
  for (int k = 0; k < terms; k++) sum += (k % 2 ? -4.0 : 4.0) / (2 * k + 1);
  printf("pi is about %.6f after %d terms (error %.2e, cube root of terms %.3f)\n", sum, terms,
         fabs(sum - M_PI), cbrt((double)terms));
  return status;
}
