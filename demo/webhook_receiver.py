#!/usr/bin/python3
"""A local webhook receiver for the demo: verifies policywatch's signature,
drops duplicate delivery ids, and prints each event it accepts.

usage: webhook_receiver.py PORT SECRET_FILE OUT_DIR
"""
import hashlib
import hmac
import http.server
import json
import os
import sys

PORT = int(sys.argv[1])
SECRET = open(sys.argv[2], "rb").read().strip()
OUT_DIR = sys.argv[3]
seen = set()


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        delivery = self.headers.get("X-Policywatch-Delivery", "")
        sig = self.headers.get("X-Policywatch-Signature", "")
        parts = dict(p.split("=", 1) for p in sig.split(",") if "=" in p)
        expected = hmac.new(SECRET, (parts.get("t", "") + ".").encode() + body,
                            hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, parts.get("v1", "")):
            self.send_response(401)
            self.end_headers()
            return
        self.send_response(204)
        self.end_headers()
        if delivery in seen:
            return
        seen.add(delivery)
        event = json.loads(body)
        with open(os.path.join(OUT_DIR, delivery + ".json"), "wb") as f:
            f.write(body)
        print(f"webhook: {event['type']} {event.get('severity', '')} "
              f"{event['company']['id']}/{event['document']['type']} "
              f"(signature ok, delivery {delivery[:12]})", flush=True)

    def log_message(self, *args):
        pass


http.server.HTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
