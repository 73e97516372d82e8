"""Messages of saved results, numbers, gates, scoring, diff and plans."""

ID: dict[str, str] = {}

EN: dict[str, str] = {}
