"""Shipped supply policies (TOML): ``default`` and ``seed001`` (DOMAIN.md §4)."""
