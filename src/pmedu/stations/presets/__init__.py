"""Station standards shipped with pmedu (两机一室, 六有, 五有) as TOML files."""
