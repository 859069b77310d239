"""The data folder's log: unexpected errors with their tracebacks, for whoever looks into
them later (the About box and the error dialog name the file).

A rotating file keeps it bounded on a workstation that runs for years: five files of one
MiB each. Only the window writes it today; the command line prints its errors instead."""
from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_DIR, LOG_NAME = "logs", "lawdesk.log"
MAX_BYTES, KEPT = 1024 * 1024, 5
LOGGER = "lawdesk"
_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"


def log_path(data_dir: Path) -> Path:
    return data_dir / LOG_DIR / LOG_NAME


def open_log(data_dir: Path) -> logging.Logger:
    """The ``lawdesk`` logger writing to the folder's log; a second call for the same
    folder adds no second handler."""
    path = log_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    logger = logging.getLogger(LOGGER)
    logger.setLevel(logging.INFO)
    for handler in logger.handlers:
        if getattr(handler, "baseFilename", None) == str(path.resolve()):
            return logger
    for handler in list(logger.handlers):
        # One folder per process at a time: a window reopened on another folder (tests)
        # must not keep writing into the previous one's log.
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            logger.removeHandler(handler)
            handler.close()
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=MAX_BYTES,
                                                   backupCount=KEPT, encoding="utf-8",
                                                   delay=True)
    handler.setFormatter(logging.Formatter(_FORMAT))
    logger.addHandler(handler)
    return logger
