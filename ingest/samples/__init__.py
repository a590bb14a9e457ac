"""The built-in sample corpus: seeded, deterministic report files with their truth (see `corpus`)."""

from ingest.samples.corpus import generate_corpus

__all__ = ["generate_corpus"]
