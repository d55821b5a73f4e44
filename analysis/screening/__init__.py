"""Assisted screening and code suggestions: text features, linear models, active-learning
ranking, ASReview-style simulation with its metrics, stopping estimates, calibrated code
suggestions and their grouped evaluation.

Part of the analysis stage: takes and returns plain data (texts, label arrays, DataFrames,
dataclasses) and imports neither `studykit` nor another stage. Import the modules directly
(`from analysis.screening.metrics import wss`): scikit-learn loads only when they are used.
"""
