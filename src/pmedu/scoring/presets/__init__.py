"""Rubrics shipped with pmedu (TOML files read by :func:`pmedu.scoring.preset_rubric`)."""
