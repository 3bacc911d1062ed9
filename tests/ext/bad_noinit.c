/* tests/ext/bad_noinit.c: a shared object with no export function:
 * `import bad_noinit` must raise ImportError. */
int bad_noinit_unrelated(void) { return 1; }
