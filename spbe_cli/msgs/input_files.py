"""Messages of answer files: workbooks, CSV, JSON/YAML answers, discovery of files, evidence."""

ID: dict[str, str] = {}

EN: dict[str, str] = {}
