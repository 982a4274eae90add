/* Wine 8.0 stand-in (build/windows.sh, workaround 3): Qt6Core imports 20 ucnv_* functions from
 * Windows' system icuuc.dll (legacy text codecs only), which Wine lacks. Every converter is
 * "not available" (so windows-1252 decoding via Qt is unavailable under Wine only). Lives in the
 * Wine prefix's system32 only: PyInstaller never bundles it. */
#include <stdint.h>
#include <stddef.h>
typedef int UErrorCode; typedef uint16_t UChar; typedef int32_t UChar32; typedef int8_t UBool;
typedef struct UConverter UConverter; typedef void *Cb;
#define EXP __declspec(dllexport)
static void fail(UErrorCode *e) { if (e && *e <= 0) *e = 16; /* U_UNSUPPORTED_ERROR */ }
EXP UConverter *ucnv_open(const char *n, UErrorCode *e) { (void)n; fail(e); return NULL; }
EXP void ucnv_close(UConverter *c) { (void)c; }
EXP void UCNV_FROM_U_CALLBACK_SUBSTITUTE(const void *c, void *a, const UChar *u, int32_t l, UChar32 cp, int r, UErrorCode *e) { (void)c; (void)a; (void)u; (void)l; (void)cp; (void)r; fail(e); }
EXP void UCNV_TO_U_CALLBACK_SUBSTITUTE(const void *c, void *a, const char *b, int32_t l, int r, UErrorCode *e) { (void)c; (void)a; (void)b; (void)l; (void)r; fail(e); }
EXP void ucnv_reset(UConverter *c) { (void)c; }
EXP int8_t ucnv_getMaxCharSize(const UConverter *c) { (void)c; return 1; }
EXP const char *ucnv_getName(const UConverter *c, UErrorCode *e) { (void)c; fail(e); return NULL; }
EXP void ucnv_getToUCallBack(const UConverter *c, Cb *a, const void **x) { (void)c; if (a) *a = NULL; if (x) *x = NULL; }
EXP void ucnv_getFromUCallBack(const UConverter *c, Cb *a, const void **x) { (void)c; if (a) *a = NULL; if (x) *x = NULL; }
EXP void ucnv_setToUCallBack(UConverter *c, Cb n, const void *nc, Cb *o, const void **oc, UErrorCode *e) { (void)c; (void)n; (void)nc; (void)o; (void)oc; fail(e); }
EXP void ucnv_setFromUCallBack(UConverter *c, Cb n, const void *nc, Cb *o, const void **oc, UErrorCode *e) { (void)c; (void)n; (void)nc; (void)o; (void)oc; fail(e); }
EXP void ucnv_cbToUWriteUChars(void *a, const UChar *s, int32_t l, int32_t o, UErrorCode *e) { (void)a; (void)s; (void)l; (void)o; fail(e); }
EXP void ucnv_cbFromUWriteUChars(void *a, const UChar **s, const UChar *sl, int32_t o, UErrorCode *e) { (void)a; (void)s; (void)sl; (void)o; fail(e); }
EXP void ucnv_toUnicode(UConverter *c, UChar **t, const UChar *tl, const char **s, const char *sl, int32_t *o, UBool f, UErrorCode *e) { (void)c; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)f; fail(e); }
EXP void ucnv_fromUnicode(UConverter *c, char **t, const char *tl, const UChar **s, const UChar *sl, int32_t *o, UBool f, UErrorCode *e) { (void)c; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)f; fail(e); }
EXP int32_t ucnv_toUCountPending(const UConverter *c, UErrorCode *e) { (void)c; fail(e); return 0; }
EXP int32_t ucnv_fromUCountPending(const UConverter *c, UErrorCode *e) { (void)c; fail(e); return 0; }
EXP const char *ucnv_getStandardName(const char *n, const char *s, UErrorCode *e) { (void)n; (void)s; fail(e); return NULL; }
EXP const char *ucnv_getAvailableName(int32_t n) { (void)n; return NULL; }
EXP int32_t ucnv_countAvailable(void) { return 0; }
