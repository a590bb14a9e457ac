"""File → Document. `read_document(path)` picks the reader by extension (and sniffs the bytes)."""
