"""LawDesk: the bureau workstation for the three systems of administrative law enforcement."""

from core.version import __version__  # noqa: F401
