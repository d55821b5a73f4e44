"""The coding workspace: a local web app where raters code a round's items blind, and the
coordinator follows progress and agreement, closes the round and records consensus.

`create_app` (app.py) wires the routes: `auth` (sign-in tokens, CSRF), `store` (the round's
codings, notes and state in the study database), `render` (sanitised Markdown), `context`
(what is shown beside an item), `rater_routes` and `coordinator_routes`.
"""
