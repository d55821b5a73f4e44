"""Replication packages: the manifest's [[imports]] and [[checks]],
importing another team's items and labels, and checking a paper's numbers."""
