/* Wine 8.0 stand-in (build/windows.sh, workaround 4): Windows 10/11 have bcryptprimitives.dll!ProcessPrng,
 * which Rust code (pydantic-core, nh3) imports; this one calls RtlGenRandom. Lives in the Wine
 * prefix's system32 only: PyInstaller treats it as a system DLL and never bundles it. */
#include <windows.h>
BOOLEAN WINAPI SystemFunction036(PVOID, ULONG); /* RtlGenRandom */
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len) {
        ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!SystemFunction036(data, n)) return FALSE;
        data += n; len -= n;
    }
    return TRUE;
}
