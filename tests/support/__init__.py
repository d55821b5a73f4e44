"""What several test modules share: paths, example studies, archive and
GitHub stand-ins, codebooks, QDPX files. No test module imports another test module."""
