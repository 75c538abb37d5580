"""User-facing text in one place: labels, log wording, glossary, messages per error code."""
