/*
 * test_http.c - the HTTP client (src/net/http.h) against a real HTTP/1.1
 * server on 127.0.0.1: a forked child of the test that answers one scripted
 * response per connection. Purpose-built so that the awkward cases (a slow
 * answer, a body past the cap, a redirect, many headers) are exact; the SLO
 * and probe tests talk to Debian's Prometheus and nginx.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include "net/http.h"
#include "test.h"

struct server {
	pid_t pid;
	int port;
};

/* Starts a server that answers every connection with `reply` (after
 * `delay_ms`), and records the request it read into `seen` (a file path,
 * may be NULL). */
static struct server serve(const char *reply, int delay_ms, const char *seen)
{
	struct server s = {-1, 0};
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t al = sizeof(a);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) || listen(fd, 8) ||
	    getsockname(fd, (struct sockaddr *)&a, &al))
		return s;
	s.port = ntohs(a.sin_port);
	s.pid = fork();
	if (s.pid == 0) {
		for (;;) {
			int c = accept(fd, NULL, NULL);
			if (c < 0)
				_exit(0);
			char req[8192];
			ssize_t n = recv(c, req, sizeof(req) - 1, 0);
			if (n > 0 && seen) {
				FILE *f = fopen(seen, "w");
				if (f) {
					fwrite(req, 1, (size_t)n, f);
					fclose(f);
				}
			}
			if (delay_ms)
				usleep((useconds_t)delay_ms * 1000);
			size_t len = strlen(reply), off = 0;
			while (off < len) {
				ssize_t w = send(c, reply + off, len - off, MSG_NOSIGNAL);
				if (w <= 0)
					break;
				off += (size_t)w;
			}
			close(c);
		}
	}
	close(fd);
	return s;
}

static void stop(struct server *s)
{
	if (s->pid > 0) {
		kill(s->pid, SIGKILL);
		waitpid(s->pid, NULL, 0);
	}
}

static char *url_of(const struct server *s, const char *path)
{
	static char u[128];
	snprintf(u, sizeof(u), "http://127.0.0.1:%d%s", s->port, path);
	return u;
}

TEST(get_status_headers_body)
{
	struct server s = serve("HTTP/1.1 200 OK\r\nContent-Type: Text/Plain; version=0.0.4\r\n"
				"X-Two:  spaced value \r\nContent-Length: 5\r\n\r\nhello",
				0, NULL);
	REQUIRE(s.pid > 0);
	struct ag_http_req rq = {.url = url_of(&s, "/metrics")};
	struct ag_http_resp rs;
	ag_http_resp_init(&rs);
	struct ag_diags d;
	ag_diags_init(&d);
	CHECK_EQ_INT(ag_http_do(&rq, &rs, &d), 0);
	CHECK_EQ_INT(rs.status, 200);
	CHECK_EQ_INT(rs.body.len, 5);
	CHECK_MEM(rs.body.data, "hello", 5);
	CHECK_STR(ag_http_header(&rs, "x-two"), "spaced value");
	char mt[64];
	ag_http_media_type(&rs, mt, sizeof(mt));
	CHECK_STR(mt, "text/plain");
	CHECK_STR(rs.http_version, "1.1");
	CHECK_EQ_INT(d.n, 0);
	ag_http_resp_release(&rs);
	ag_diags_release(&d);
	stop(&s);
}

TEST(error_status_is_a_response)
{
	struct server s = serve("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n", 0,
				NULL);
	REQUIRE(s.pid > 0);
	struct ag_http_req rq = {.url = url_of(&s, "/")};
	struct ag_http_resp rs;
	ag_http_resp_init(&rs);
	struct ag_diags d;
	ag_diags_init(&d);
	CHECK_EQ_INT(ag_http_do(&rq, &rs, &d), 0);
	CHECK_EQ_INT(rs.status, 503);
	ag_http_resp_release(&rs);
	ag_diags_release(&d);
	stop(&s);
}

TEST(sends_method_headers_and_body)
{
	char seen[] = "/tmp/agtest-http-XXXXXX";
	int sfd = mkstemp(seen);
	REQUIRE(sfd >= 0);
	close(sfd);
	struct server s = serve("HTTP/1.1 204 No Content\r\n\r\n", 0, seen);
	REQUIRE(s.pid > 0);
	const char *hdrs[] = {"traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
			      "Content-Type: application/json", NULL};
	struct ag_http_req rq = {.method = "POST", .url = url_of(&s, "/orders"), .headers = hdrs,
				 .body = "{\"x\":1}", .body_len = 7};
	struct ag_http_resp rs;
	ag_http_resp_init(&rs);
	struct ag_diags d;
	ag_diags_init(&d);
	CHECK_EQ_INT(ag_http_do(&rq, &rs, &d), 0);
	CHECK_EQ_INT(rs.status, 204);
	FILE *f = fopen(seen, "r");
	REQUIRE(f);
	char req[4096] = "";
	size_t n = fread(req, 1, sizeof(req) - 1, f);
	req[n] = '\0';
	fclose(f);
	unlink(seen);
	CHECK(!strncmp(req, "POST /orders HTTP/1.1\r\n", 23));
	CHECK_CONTAINS(req, "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\r\n");
	CHECK_CONTAINS(req, "\r\n\r\n{\"x\":1}");
	ag_http_resp_release(&rs);
	ag_diags_release(&d);
	stop(&s);
}

TEST(body_over_the_cap_is_an_error_not_a_short_answer)
{
	static char reply[4096];
	int k = snprintf(reply, sizeof(reply), "HTTP/1.1 200 OK\r\nContent-Length: 2000\r\n\r\n");
	memset(reply + k, 'x', 2000);
	reply[k + 2000] = '\0';
	struct server s = serve(reply, 0, NULL);
	REQUIRE(s.pid > 0);
	struct ag_http_req rq = {.url = url_of(&s, "/big"), .max_body = 1000};
	struct ag_http_resp rs;
	ag_http_resp_init(&rs);
	struct ag_diags d;
	ag_diags_init(&d);
	CHECK_EQ_INT(ag_http_do(&rq, &rs, &d), AG_ELIMIT);
	CHECK_EQ_INT(rs.body.len, 0);
	REQUIRE(d.n == 1);
	CHECK_CONTAINS(d.v[0].message, "larger than 1000 bytes");
	ag_http_resp_release(&rs);
	ag_diags_release(&d);
	stop(&s);
}

TEST(slow_server_hits_the_deadline)
{
	struct server s = serve("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", 3000, NULL);
	REQUIRE(s.pid > 0);
	struct ag_http_req rq = {.url = url_of(&s, "/slow"), .timeout_ms = 200};
	struct ag_http_resp rs;
	ag_http_resp_init(&rs);
	struct ag_diags d;
	ag_diags_init(&d);
	CHECK_EQ_INT(ag_http_do(&rq, &rs, &d), AG_EIO);
	REQUIRE(d.n == 1);
	CHECK_CONTAINS(d.v[0].message, "no complete answer within 200 ms");
	ag_http_resp_release(&rs);
	ag_diags_release(&d);
	stop(&s);
}

TEST(connection_refused_names_the_url)
{
	struct server s = serve("", 0, NULL);
	REQUIRE(s.pid > 0);
	int port = s.port;
	stop(&s); /* nobody listens there now */
	char url[64];
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/x", port);
	struct ag_http_req rq = {.url = url};
	struct ag_http_resp rs;
	ag_http_resp_init(&rs);
	struct ag_diags d;
	ag_diags_init(&d);
	CHECK_EQ_INT(ag_http_do(&rq, &rs, &d), AG_EIO);
	REQUIRE(d.n == 1);
	CHECK_CONTAINS(d.v[0].message, url);
	ag_http_resp_release(&rs);
	ag_diags_release(&d);
}

TEST(non_loopback_address_is_refused_before_connecting)
{
	/* 192.0.2.1 (TEST-NET-1) never answers; refusing it is instant */
	struct ag_http_req rq = {.url = "http://192.0.2.1:9/metrics", .timeout_ms = 5000};
	struct ag_http_resp rs;
	ag_http_resp_init(&rs);
	struct ag_diags d;
	ag_diags_init(&d);
	CHECK_EQ_INT(ag_http_do(&rq, &rs, &d), AG_EINVAL);
	REQUIRE(d.n == 1);
	CHECK_CONTAINS(d.v[0].message, "192.0.2.1, which is not a loopback address");
	ag_http_resp_release(&rs);
	ag_diags_release(&d);
}

TEST(only_http_urls_and_no_credentials_in_messages)
{
	struct ag_http_resp rs;
	ag_http_resp_init(&rs);
	struct ag_diags d;
	ag_diags_init(&d);
	struct ag_http_req f = {.url = "file:///etc/passwd"};
	CHECK_EQ_INT(ag_http_do(&f, &rs, &d), AG_EINVAL);
	struct ag_http_req g = {.url = "gopher://127.0.0.1/"};
	CHECK_EQ_INT(ag_http_do(&g, &rs, &d), AG_EINVAL);
	struct ag_http_req u = {.url = "http://user:secret@192.0.2.1/\x1b[2J"};
	CHECK_EQ_INT(ag_http_do(&u, &rs, &d), AG_EINVAL);
	REQUIRE(d.n == 3);
	CHECK(!strstr(d.v[2].message, "secret"));
	CHECK(!strchr(d.v[2].message, '\x1b'));
	ag_http_resp_release(&rs);
	ag_diags_release(&d);
}

TEST(redirects_only_when_asked)
{
	struct server to = serve("HTTP/1.1 200 OK\r\nX-Final: yes\r\nContent-Length: 1\r\n\r\nz", 0, NULL);
	REQUIRE(to.pid > 0);
	char reply[256];
	snprintf(reply, sizeof(reply),
		 "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:%d/final\r\nX-First: 1\r\n"
		 "Content-Length: 0\r\n\r\n", to.port);
	struct server from = serve(reply, 0, NULL);
	REQUIRE(from.pid > 0);
	struct ag_http_resp rs;
	ag_http_resp_init(&rs);
	struct ag_diags d;
	ag_diags_init(&d);
	struct ag_http_req no = {.url = url_of(&from, "/")};
	CHECK_EQ_INT(ag_http_do(&no, &rs, &d), 0);
	CHECK_EQ_INT(rs.status, 302);
	struct ag_http_req yes = {.url = url_of(&from, "/"), .follow_redirects = true};
	CHECK_EQ_INT(ag_http_do(&yes, &rs, &d), 0);
	CHECK_EQ_INT(rs.status, 200);
	CHECK_STR(ag_http_header(&rs, "X-Final"), "yes");
	CHECK(ag_http_header(&rs, "X-First") == NULL); /* headers of the final answer only */
	ag_http_resp_release(&rs);
	ag_diags_release(&d);
	stop(&from);
	stop(&to);
}

TEST(query_escape)
{
	struct ag_buf b = AG_BUF_INIT;
	const char *q = "sum(rate(x{code=~\"5..\"}[5m])) / 1";
	CHECK_EQ_INT(ag_http_query_escape(&b, q, strlen(q)), 0);
	CHECK_STR(b.data, "sum%28rate%28x%7Bcode%3D~%225..%22%7D%5B5m%5D%29%29%20%2F%201");
	ag_buf_release(&b);
}

TEST_MAIN(TEST_ENTRY(get_status_headers_body), TEST_ENTRY(error_status_is_a_response),
	  TEST_ENTRY(sends_method_headers_and_body),
	  TEST_ENTRY(body_over_the_cap_is_an_error_not_a_short_answer),
	  TEST_ENTRY(slow_server_hits_the_deadline), TEST_ENTRY(connection_refused_names_the_url),
	  TEST_ENTRY(non_loopback_address_is_refused_before_connecting),
	  TEST_ENTRY(only_http_urls_and_no_credentials_in_messages),
	  TEST_ENTRY(redirects_only_when_asked), TEST_ENTRY(query_escape))
