"""`python -m tools.example_study`: regenerate data/example/."""

from tools.example_study.generate import main

main()
