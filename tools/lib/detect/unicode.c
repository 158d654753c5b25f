/*
 * Characters as a reader sees them, through ICU: its character categories
 * and its NFKC normalisation (the one file that includes ICU's uchar.h and
 * unorm2.h). A character is looked at alone, which is all that digits,
 * spaces and dashes need: NFKC joins a letter with its marks, never a
 * digit with anything.
 */
#include "detect/detect_int.h"

#include <pthread.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>

#include "util/error.h"
#include "util/i18n.h"
#include "util/banned.h"

static const UNormalizer2 *nfkc;
static UErrorCode nfkc_err = U_ZERO_ERROR;
static pthread_once_t loaded = PTHREAD_ONCE_INIT;

static void load(void)
{
	nfkc = unorm2_getNFKCInstance(&nfkc_err);
	if (U_FAILURE(nfkc_err))
		nfkc = NULL;
}

int uni_init(void)
{
	pthread_once(&loaded, load);
	if (!nfkc)
		return error_set(_("care: cannot load Unicode's normalisation data from ICU (%s); reinstall the ICU library\n"),
				 u_errorName(nfkc_err));
	return 0;
}

/* The longest NFKC form of one character is 18 UTF-16 units (U+FDFA). */
#define NFKC_MAX 18

/* c's NFKC form, or c itself when ICU cannot say. */
static size_t nfkc_of(uint32_t c, uint32_t *out)
{
	UErrorCode err = U_ZERO_ERROR;
	UChar src[2], dst[NFKC_MAX];
	int32_t n = 0, len, i;
	size_t k = 0;

	if (c < 0x10000) {
		src[n++] = (UChar)c;
	} else {
		src[n++] = (UChar)(0xd7c0 + (c >> 10));
		src[n++] = (UChar)(0xdc00 | (c & 0x3ff));
	}
	len = unorm2_normalize(nfkc, src, n, dst, NFKC_MAX, &err);
	if (U_FAILURE(err) || len > NFKC_MAX) {
		out[0] = c;
		return 1;
	}
	for (i = 0; i < len && k < 8; i++) {
		uint32_t u = dst[i];
		if (u >= 0xd800 && u < 0xdc00 && i + 1 < len && dst[i + 1] >= 0xdc00 && dst[i + 1] < 0xe000)
			u = ((u - 0xd800) << 10) + (dst[++i] - 0xdc00) + 0x10000;
		out[k++] = u;
	}
	return k;
}

size_t uni_visible(uint32_t c, uint32_t *out)
{
	int8_t type;

	if (c < 0x80) {
		if (c == '\n') {
			out[0] = '\n';
			return 1;
		}
		if (c == '\t' || c == '\v' || c == '\f') {
			out[0] = ' ';
			return 1;
		}
		if (c < 0x20 || c == 0x7f)
			return 0;
		out[0] = c;
		return 1;
	}
	/* Chinese characters, most of any text here, are their own NFKC form. */
	if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) {
		out[0] = c;
		return 1;
	}
	type = u_charType((UChar32)c);
	if (type == U_CONTROL_CHAR || type == U_FORMAT_CHAR || type == U_NON_SPACING_MARK ||
	    type == U_ENCLOSING_MARK || u_hasBinaryProperty((UChar32)c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT))
		return 0;
	if (type == U_SPACE_SEPARATOR) {
		out[0] = ' ';
		return 1;
	}
	if (type == U_LINE_SEPARATOR || type == U_PARAGRAPH_SEPARATOR) {
		out[0] = '\n';
		return 1;
	}
	if (type == U_DECIMAL_DIGIT_NUMBER && u_charDigitValue((UChar32)c) >= 0) {
		out[0] = '0' + (uint32_t)u_charDigitValue((UChar32)c);
		return 1;
	}
	/* "①" and "¹" are symbols to a reader, not digits that join a number. */
	if (type == U_OTHER_NUMBER || type == U_LETTER_NUMBER || !nfkc) {
		out[0] = c;
		return 1;
	}
	return nfkc_of(c, out);
}
