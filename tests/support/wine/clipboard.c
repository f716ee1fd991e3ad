/* Reads the Windows clipboard back, for tests/windows.rs: what `splw.exe cite --copy` left there,
 * as Word would read it. `clipboard html` prints the "HTML Format" data (its header, with the
 * offsets Word uses to find the fragment, and the HTML) and `clipboard text` the CF_UNICODETEXT
 * data as UTF-8, each byte for byte; exit 1 where that format is not on the clipboard.
 * Test support only: built with mingw-w64 and run under Wine, never shipped. */
#include <windows.h>
#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc != 2)
        return 2;
    _setmode(_fileno(stdout), _O_BINARY);
    if (!OpenClipboard(NULL))
        return 2;
    int found = 0;
    if (strcmp(argv[1], "html") == 0) {
        HANDLE data = GetClipboardData(RegisterClipboardFormatA("HTML Format"));
        const char *html = data ? GlobalLock(data) : NULL;
        if (html) {
            fwrite(html, 1, strlen(html), stdout);
            GlobalUnlock(data);
            found = 1;
        }
    } else if (strcmp(argv[1], "text") == 0) {
        HANDLE data = GetClipboardData(CF_UNICODETEXT);
        const wchar_t *text = data ? GlobalLock(data) : NULL;
        if (text) {
            int size = WideCharToMultiByte(CP_UTF8, 0, text, -1, NULL, 0, NULL, NULL);
            char *utf8 = HeapAlloc(GetProcessHeap(), 0, size);
            WideCharToMultiByte(CP_UTF8, 0, text, -1, utf8, size, NULL, NULL);
            fwrite(utf8, 1, size - 1, stdout);
            GlobalUnlock(data);
            found = 1;
        }
    }
    CloseClipboard();
    return found ? 0 : 1;
}
