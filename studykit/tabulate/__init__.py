"""Names and tables of a study's labels, the same for `analyze`, the
report and the checks: a name resolved to a dimension or an item field, distributions and
cross-tabs rolled up and ordered by the codebook."""
