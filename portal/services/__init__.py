"""Domain rules as plain functions over a SQLAlchemy session and plain values. No Flask here."""
