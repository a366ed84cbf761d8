/*
 * api_status.h - the HTTP status codes registered with IANA (RFC 9110 and
 * the RFCs that updated the registry since: 2518, 3229, 4918, 5842, 6585,
 * 7725, 8297, 8470, 2295), for the rule that an API returns only standard
 * codes. A static table; no state.
 */
#ifndef AG_API_STATUS_H
#define AG_API_STATUS_H

#include "base/ag.h"

enum ag_http_status_kind {
	AG_HTTP_UNREGISTERED, /* not in the registry (420, 499, 600) */
	AG_HTTP_REGISTERED,
	AG_HTTP_UNUSED,       /* reserved, "(Unused)": 306 and 418 */
	AG_HTTP_OBSOLETE,     /* registered but obsoleted: 510 Not Extended */
};

/* The registry's entry for `code`; *reason is its reason phrase (static) or
 * NULL. */
enum ag_http_status_kind ag_http_status(int code, const char **reason);

#endif
