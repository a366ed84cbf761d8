/*
 * api_status.c - the IANA HTTP Status Code Registry as a static table; see
 * api_status.h. Kept sorted by code (a test checks it), searched by
 * bisection.
 */
#include <stdlib.h>
#include "api_status.h"

struct status {
	int code;
	enum ag_http_status_kind kind;
	const char *reason;
};

#define R AG_HTTP_REGISTERED
static const struct status table[] = {
	{100, R, "Continue"},
	{101, R, "Switching Protocols"},
	{102, R, "Processing"},           /* RFC 2518 */
	{103, R, "Early Hints"},          /* RFC 8297 */
	{200, R, "OK"},
	{201, R, "Created"},
	{202, R, "Accepted"},
	{203, R, "Non-Authoritative Information"},
	{204, R, "No Content"},
	{205, R, "Reset Content"},
	{206, R, "Partial Content"},
	{207, R, "Multi-Status"},         /* RFC 4918 */
	{208, R, "Already Reported"},     /* RFC 5842 */
	{226, R, "IM Used"},              /* RFC 3229 */
	{300, R, "Multiple Choices"},
	{301, R, "Moved Permanently"},
	{302, R, "Found"},
	{303, R, "See Other"},
	{304, R, "Not Modified"},
	{305, R, "Use Proxy"},
	{306, AG_HTTP_UNUSED, "(Unused)"},
	{307, R, "Temporary Redirect"},
	{308, R, "Permanent Redirect"},
	{400, R, "Bad Request"},
	{401, R, "Unauthorized"},
	{402, R, "Payment Required"},
	{403, R, "Forbidden"},
	{404, R, "Not Found"},
	{405, R, "Method Not Allowed"},
	{406, R, "Not Acceptable"},
	{407, R, "Proxy Authentication Required"},
	{408, R, "Request Timeout"},
	{409, R, "Conflict"},
	{410, R, "Gone"},
	{411, R, "Length Required"},
	{412, R, "Precondition Failed"},
	{413, R, "Content Too Large"},
	{414, R, "URI Too Long"},
	{415, R, "Unsupported Media Type"},
	{416, R, "Range Not Satisfiable"},
	{417, R, "Expectation Failed"},
	{418, AG_HTTP_UNUSED, "(Unused)"},
	{421, R, "Misdirected Request"},
	{422, R, "Unprocessable Content"},
	{423, R, "Locked"},               /* RFC 4918 */
	{424, R, "Failed Dependency"},    /* RFC 4918 */
	{425, R, "Too Early"},            /* RFC 8470 */
	{426, R, "Upgrade Required"},
	{428, R, "Precondition Required"}, /* RFC 6585 */
	{429, R, "Too Many Requests"},    /* RFC 6585 */
	{431, R, "Request Header Fields Too Large"}, /* RFC 6585 */
	{451, R, "Unavailable For Legal Reasons"},   /* RFC 7725 */
	{500, R, "Internal Server Error"},
	{501, R, "Not Implemented"},
	{502, R, "Bad Gateway"},
	{503, R, "Service Unavailable"},
	{504, R, "Gateway Timeout"},
	{505, R, "HTTP Version Not Supported"},
	{506, R, "Variant Also Negotiates"}, /* RFC 2295 */
	{507, R, "Insufficient Storage"}, /* RFC 4918 */
	{508, R, "Loop Detected"},        /* RFC 5842 */
	{510, AG_HTTP_OBSOLETE, "Not Extended"}, /* RFC 2774, obsoleted */
	{511, R, "Network Authentication Required"}, /* RFC 6585 */
};
#undef R

static int cmp(const void *key, const void *elem)
{
	int k = *(const int *)key, c = ((const struct status *)elem)->code;
	return (k > c) - (k < c);
}

enum ag_http_status_kind ag_http_status(int code, const char **reason)
{
	const struct status *s =
		bsearch(&code, table, sizeof(table) / sizeof(table[0]), sizeof(table[0]), cmp);
	if (reason)
		*reason = s ? s->reason : NULL;
	return s ? s->kind : AG_HTTP_UNREGISTERED;
}
