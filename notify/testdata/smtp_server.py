#!/usr/bin/python3
"""A real SMTP server for policywatch's notify tests (aiosmtpd, Debian python3-aiosmtpd).

Listens on 127.0.0.1 on an ephemeral port and prints "PORT <n>" on stdout once ready.
Every message received is written to DIR as NNNN.eml (the DATA as received) and
NNNN.json (envelope: mail_from, rcpt_tos, tls, auth_user).

  smtp_server.py DIR [--starttls CERT KEY] [--implicit-tls CERT KEY]
                     [--auth USER PASSWORD] [--auth-plain-ok]

--starttls offers STARTTLS (and requires it before MAIL); --implicit-tls wraps the
socket in TLS from the start (smtps); --auth requires AUTH with these credentials
(only over TLS unless --auth-plain-ok). Stops on SIGTERM.
"""
import argparse
import asyncio
import json
import os
import signal
import socket
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Writer:
    def __init__(self, directory):
        self.directory = directory
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.directory, "%04d" % self.count)
        with open(base + ".eml.tmp", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        meta = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "tls": (session.ssl is not None
                    or server.transport.get_extra_info("ssl_object") is not None),
            "auth_user": (session.auth_data.login.decode()
                          if isinstance(session.auth_data, LoginPassword) else None),
        }
        with open(base + ".json", "w") as f:
            json.dump(meta, f)
        os.rename(base + ".eml.tmp", base + ".eml")
        return "250 OK queued as %04d" % self.count


def main():
    p = argparse.ArgumentParser()
    p.add_argument("dir")
    p.add_argument("--starttls", nargs=2, metavar=("CERT", "KEY"))
    p.add_argument("--implicit-tls", nargs=2, metavar=("CERT", "KEY"))
    p.add_argument("--auth", nargs=2, metavar=("USER", "PASSWORD"))
    p.add_argument("--auth-plain-ok", action="store_true")
    a = p.parse_args()

    handler = Writer(a.dir)
    starttls_ctx = None
    implicit_ctx = None
    if a.starttls:
        starttls_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        starttls_ctx.load_cert_chain(*a.starttls)
    if a.implicit_tls:
        implicit_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        implicit_ctx.load_cert_chain(*a.implicit_tls)

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (a.auth is not None and isinstance(auth_data, LoginPassword)
              and auth_data.login.decode() == a.auth[0]
              and auth_data.password.decode() == a.auth[1])
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

    def factory():
        kwargs = dict(hostname="policywatch-test", ident="policywatch test SMTP")
        if starttls_ctx is not None:
            kwargs.update(tls_context=starttls_ctx, require_starttls=True)
        if a.auth:
            kwargs.update(authenticator=authenticator, auth_required=True,
                          auth_require_tls=not a.auth_plain_ok)
        return SMTP(handler, **kwargs)

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = loop.run_until_complete(loop.create_server(factory, sock=sock, ssl=implicit_ctx))
    loop.add_signal_handler(signal.SIGTERM, loop.stop)
    print("PORT %d" % sock.getsockname()[1], flush=True)
    try:
        loop.run_forever()
    finally:
        server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
