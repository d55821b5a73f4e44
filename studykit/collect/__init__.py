"""Collect a study's items: live mining of GitHub, replay of an archive, the
miner's sink over the database, clones, fix linking, and drawing the sample."""
