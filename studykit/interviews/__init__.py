"""Interviews: participants, transcripts as coded segments, REFI-QDA
import and export, and the interview results `analyze` and `report` show."""
