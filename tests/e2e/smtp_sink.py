"""A real SMTP server for the end-to-end tests: aiosmtpd on 127.0.0.1:PORT.

Every message it accepts is appended to OUT as one JSON line: the envelope's
sender and recipients, and the message's headers and text as Python's email
package decodes them (encoded-word subjects, transfer encodings). Prints "ready" once
it listens; stops when its standard input closes (the test ends) or on
SIGTERM. With a third argument DIR it requires STARTTLS, with a
certificate for 127.0.0.1 from a test authority (trustme) whose
certificate it writes to DIR/ca.pem; each record says whether its session
was encrypted.

    python smtp_sink.py PORT OUT [DIR]
"""

import email
import email.policy
import json
import signal
import sys
import threading

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, out):
        self.out = out
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        record = {
            "envelope_from": envelope.mail_from,
            "envelope_to": list(envelope.rcpt_tos),
            "from": str(message["From"]),
            "to": str(message["To"]),
            "reply_to": str(message["Reply-To"] or ""),
            "subject": str(message["Subject"]),
            "content_type": message.get_content_type(),
            "body": message.get_content(),
            "tls": session.ssl is not None,
        }
        with self.lock, open(self.out, "a", encoding="utf-8") as f:
            f.write(json.dumps(record) + "\n")
        return "250 OK"


def main():
    port, out = int(sys.argv[1]), sys.argv[2]
    tls = {}
    if len(sys.argv) > 3:
        import ssl

        import trustme

        authority = trustme.CA()
        authority.cert_pem.write_to_path(sys.argv[3] + "/ca.pem")
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        authority.issue_cert("127.0.0.1").configure_cert(context)
        tls = {"tls_context": context, "require_starttls": True}
    controller = Controller(Sink(out), hostname="127.0.0.1", port=port, **tls)
    controller.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    print("ready", flush=True)
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
