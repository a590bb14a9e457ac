"""Document → Extraction (the gold-label shape plus provenance)."""
