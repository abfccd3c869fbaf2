#!/usr/bin/env python3
"""A stand-in for a Headroom instance behind nginx in .ci/deploy-check's smoke test.

GET /cacheable answers like the service's catalog reads (Cache-Control with s-maxage, an ETag, a
2 KB JSON body sent uncompressed) and echoes the request headers nginx sent as X-Seen-* response
headers. Entries that expire after a second: /revalidate (answers a matching If-None-Match with
304), /swr (stale-while-revalidate=60), /flaky (500 after its first answer).
Every other path answers 200 with Cache-Control: no-store. Counts requests per path at
GET /count?path=... (not cached; a 304 counts as "PATH 304").

    nginx-upstream.py PORT
"""
import json
import sys
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote

counts = Counter()
BODY = json.dumps({"items": ["x" * 40] * 40}).encode()
ETAG = '"v1"'
SHORT_LIVED = {
    "/revalidate": "public, s-maxage=1",
    "/swr": "public, s-maxage=1, stale-while-revalidate=60",
    "/flaky": "public, s-maxage=1",
}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = self.path.split("?")[0]
        if path == "/count":
            wanted = unquote(self.path.split("path=", 1)[1]) if "path=" in self.path else ""
            return self.answer(200, str(counts[wanted]).encode(), {"Cache-Control": "no-store"})
        counts[path] += 1
        seen = {"X-Seen-" + name: self.headers.get(name, "-") for name in
                ("Accept-Encoding", "X-Forwarded-For", "X-Forwarded-Proto", "Forwarded", "Connection")}
        if path in SHORT_LIVED or path == "/cacheable":
            cache_control = SHORT_LIVED.get(path, "public, max-age=0, s-maxage=60, stale-while-revalidate=30")
            headers = {"Cache-Control": cache_control, "ETag": ETAG, "Content-Type": "application/json", **seen}
            if path == "/flaky" and counts[path] > 1:
                return self.answer(500, b"{}", {"Cache-Control": "no-store"})
            if self.headers.get("If-None-Match") == ETAG:
                counts[path + " 304"] += 1
                return self.answer(304, b"", headers)
            return self.answer(200, BODY, headers)
        return self.answer(200, BODY, {"Cache-Control": "no-store", "Content-Type": "application/json", **seen})

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        self.rfile.read(length)
        counts[self.path] += 1
        self.answer(200, b"{}", {"Cache-Control": "no-store", "Content-Type": "application/json"})

    def answer(self, status, body, headers):
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD" and status != 304:
            self.wfile.write(body)


ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
