"""Pure domain logic: no Flask, no SQLAlchemy. Tested without a database."""
