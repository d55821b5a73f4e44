"""The coding workspace: a local web app where raters code a round's items blind, and the
coordinator follows progress and agreement, closes the round and records consensus.

`serve` prepares the app (round, queue, sign-in tokens); `app` wires the routes of
`rater_routes` and `coordinator_routes` with `auth` (sign-in tokens, CSRF), `store` (the round's
codings, notes, state and progress in the study database), `adjudication` (agreement,
disagreements, consensus), `render` (sanitised Markdown) and `context` (what is shown beside an
item).
"""
