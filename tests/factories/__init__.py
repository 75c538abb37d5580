"""Small factories for integration tests: each builds exactly the rows a test names, nothing more.

Feature factories live beside this one (`tests/factories/<feature>.py`) and build on `people`.
"""
