#ifndef CARE_BANNED_H
#define CARE_BANNED_H

/*
 * Functions that write past a buffer the moment a length is wrong. Use
 * strbuf or snprintf instead; the macros turn a slip into a compile error.
 */
#define BANNED(func) sorry_##func##_is_banned

#undef strcpy
#define strcpy(x, y) BANNED(strcpy)
#undef strcat
#define strcat(x, y) BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) BANNED(strncpy)
#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef strtok
#define strtok(x, y) BANNED(strtok)

#endif
