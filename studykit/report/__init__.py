"""`studykit report`: the data an output is built from (model), one builder
module per topic (outputs), the registry of builders, the plan (what is current) and the
build. Imports run one way: build -> registry -> outputs -> model."""
