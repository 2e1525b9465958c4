"""Regenerate ``data/records_2025.xlsx``, the sample county's records as the records workbook,
from ``data/records_2025.json``: ``python -m pmedu.datasets._make_workbook``."""

from __future__ import annotations

from pathlib import Path

from pmedu.io.records import load_records, save_records

DATA = Path(__file__).parent / "data"


def main() -> None:
    """Write ``records_2025.xlsx`` beside ``records_2025.json``."""
    records = load_records(DATA / "records_2025.json")
    save_records(records, DATA / "records_2025.xlsx")


if __name__ == "__main__":
    main()
