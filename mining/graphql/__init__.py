"""GitHub's GraphQL API: issues and pull requests with comments, labels and fix events per query."""
