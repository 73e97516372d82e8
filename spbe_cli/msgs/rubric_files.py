"""Messages of rubric files and the YAML reader."""

ID: dict[str, str] = {}

EN: dict[str, str] = {}
