/* tests/ext/bad_abi.c: a module built for another ABI version: `import
 * bad_abi` must raise ImportError naming both versions. */
#include <torii/ext.h>
static const TrModuleSpec spec = {TR_EXT_ABI_VERSION + 98, "bad_abi", NULL, NULL, NULL};
TR_MODULE_INIT(bad_abi) { return &spec; }
