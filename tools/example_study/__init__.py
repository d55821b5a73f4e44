"""Generate the synthetic example study in data/example/ (all data fictional).

Run `python -m tools.example_study` (or `make example`) from the repository root. The run is
deterministic: one seeded numpy Generator drives every random choice, gzip files carry mtime 0
and no file name, the DOCX file is re-packed with fixed timestamps, so every run rewrites all
outputs byte-identically.

Outputs (see data/example/README.md):

    archive/                 mining archive of 5 fictional repositories (docs/formats.md)
    codebook.yaml            defect codebook, version 2
    codebook-v1.yaml         pilot codebook, version 1
    codings/round-1/*.csv    pilot labelling sheets (60 items, codebook v1)
    codings/round-2/*.csv    main labelling sheets (300 items, codebook v2)
    codings/adjudication-round-2.csv
    interviews/              participants, roster, 6 transcripts, interview codebook, example.qdpx
    survey/responses.csv     Google-Forms-shaped survey export
    truth/                   generator ground truth (fix links, true codes) for tests
    benchmark/runs/          a repair benchmark: one CSV of trials per run (Ray-Tune-like)

Modules follow the steps of `generate.main`: `design`, `people`, `planning` and the text steps
(`issues`, `pulls`, `discussion`) build the threads; `github_json` and `archive` write them;
`raters` and `sheets` simulate the coding; `interviews`, `qdpx`, `survey` and `benchmark` write
the other material; `truth` and `checks` close the run. The text banks live in `banks/`.
"""
