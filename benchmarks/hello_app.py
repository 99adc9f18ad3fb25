"""The hello-world Flask app that benchmarks/load.py serves with the same gunicorn settings as the
CRM, as the ceiling against which each page's throughput is given as a share."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    """The smallest answer Flask can give."""
    return "Hello, world!"
