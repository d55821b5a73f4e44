"""Label items with a codebook: codebooks and their revisions, labelling
sheets, disagreements and consensus, and agreement between raters."""
