"""Messages of writing outputs, the PDF printer, the run guard and isolation."""

ID: dict[str, str] = {}

EN: dict[str, str] = {}
