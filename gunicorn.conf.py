"""gunicorn's settings for Peacetracker, read from the working directory: run `gunicorn` in
the project folder (it finds `peacetracker.wsgi` here too). What differs between machines
comes from the environment; an option given on gunicorn's command line wins over this file.

Threaded workers (gthread): a worker's main loop accepts connections and tells the master it
is alive while its threads answer requests, so a slow client holds one thread, not a worker,
and a long streaming export is never mistaken for a hung worker. In production a buffering
proxy stands in front all the same (deploy/nginx.conf): it waits for slow clients, so that no
thread ever does.
"""

import os


def _count(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


wsgi_app = "peacetracker.wsgi"
# Loopback by default: the proxy in front is what the world reaches.
bind = os.environ.get("PEACETRACKER_BIND", "127.0.0.1:8000").split(",")

worker_class = "gthread"
# A process per core (each has its own page cache without Redis), and threads that wait on the
# database and on clients while another thread of the same worker runs.
workers = _count("PEACETRACKER_WORKERS", max(2, os.cpu_count() or 1))
threads = _count("PEACETRACKER_THREADS", 8)

# With threads, the master's timeout is a heartbeat from the worker's main loop, not the length
# of a request: a hung worker is restarted after 30 s, a download that takes minutes is not.
timeout = 30
# On a restart or a new deployment (SIGHUP, SIGTERM), requests under way get this long to end,
# long enough for a full export to finish streaming.
graceful_timeout = _count("PEACETRACKER_GRACEFUL_SECONDS", 120)
# Idle kept-alive connections are dropped soon: each waits in the worker's poller, not a thread.
keepalive = 5

# Only the proxy's own header tells the scheme (it overwrites whatever a client sent), and only
# when the request comes from the proxy's address (forwarded_allow_ips, 127.0.0.1 by default).
# gunicorn's default also reads X-Forwarded-Ssl and X-Forwarded-Protocol and refuses a request
# whose headers disagree, which would let a client have every request refused.
secure_scheme_headers = {"X-FORWARDED-PROTO": "https"}

# Errors to stderr; one line per request only if asked (the proxy keeps an access log).
errorlog = "-"
accesslog = "-" if os.environ.get("PEACETRACKER_ACCESS_LOG", "") in {"1", "true", "on"} else None

# gunicorn 25+ opens a control socket at one fixed path per user ($HOME/.gunicorn), where two
# servers on one machine (bench, tests, several sites) would meet; nothing here uses it.
control_socket_disable = True
