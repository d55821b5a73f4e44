"""Surveys: a CSV export mapped by the manifest into the database, the stored
responses, and the Likert results `analyze` and `report` show."""
