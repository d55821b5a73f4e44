"""Text banks of the example study: issue scenarios and phrases, codebooks, interviews, survey."""
