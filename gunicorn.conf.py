"""gunicorn settings for `make serve` (gunicorn -c gunicorn.conf.py "crm.app:create_app()").

CRM_BIND (default 127.0.0.1:8000) and CRM_WORKERS (default 2) set the address and the number of
worker processes. Each worker is told how many there are (CRM_WORKERS, read by the app as
WORKERS), so that a production app refuses per-process rate limits and caches when it is one
of several. docs/operations.md explains every choice.
"""

import os

bind = os.environ.get("CRM_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("CRM_WORKERS", "2"))
worker_class = "sync"  # one request per process at a time; the database does the waiting
timeout = 30  # a worker silent this long (a stuck request) is killed and replaced
graceful_timeout = 30  # on restart or stop, requests under way get this long to finish
keepalive = 5  # seconds an idle keep-alive connection from the proxy stays open

control_socket_disable = True  # no runtime socket: servers side by side would share its path
forwarded_allow_ips = ""  # gunicorn trusts no X-Forwarded-* itself: PROXY_FIX_* decides alone

accesslog = "-"  # standard output: the service manager keeps it
errorlog = "-"
logger_class = "crm.access_log.AccessLogger"  # no address, query string or token is logged
access_log_format = '%(t)s %(p)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'


def post_fork(server, worker):
    """Tell the app, before it is created in this worker, how many workers share its work."""
    os.environ["CRM_WORKERS"] = str(server.cfg.workers)
