"""chitieu: Vietnamese news and press releases → a queryable database of indicators."""

__version__ = "0.1.0"
