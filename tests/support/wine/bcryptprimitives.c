/* A stand-in for Windows' bcryptprimitives.dll, for running splw.exe under Wine in the tests only.
 *
 * Why: Rust's standard library gets its random numbers (the seeds of HashMap's hasher) from
 * ProcessPrng in bcryptprimitives.dll, which Windows 10 and later have. Debian 12's Wine 8 has
 * no such DLL, so no Rust program starts under it. This one gives ProcessPrng over
 * RtlGenRandom (advapi32's SystemFunction036), which Wine has.
 *
 * Never ship it: on Windows the real DLL is always there. tests/windows.rs builds it with
 * mingw-w64 into a temporary folder beside a copy of splw.exe, where Wine finds it first. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

/* As documented: it fills the buffer and always returns TRUE. */
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
