"""Campaign microsites: campaign data in git -> validated -> one static site per campaign and language."""

__version__ = "0.1.0"
