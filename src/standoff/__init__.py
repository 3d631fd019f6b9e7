"""standoff: read the news about a coercive-diplomacy standoff, track it, forecast how it ends."""

__version__ = "0.1.0"
