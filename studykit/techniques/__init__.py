"""Technique comparisons: per-run result files imported into `technique_runs`, the comparison
`analyze techniques` and the report show, from the manifest's [techniques]."""
