from .fixtures import demand_survey, links  # noqa: F401  (fixtures of every survey test)
