"""The dataset's fixed vocabulary: file names, kinds and limits. Kept free of imports so that the
fast paths can use it without loading the record declarations."""

SCHEMA_VERSION = 1
MAX_QUOTE_WORDS = 25
# The dataset's files, one per record type, in the order they are checked: what most records point
# at (sources, actors) comes first, so that most references can be resolved as they are met.
COLLECTION_NAMES = ("sources", "actors", "events", "summits", "claims", "objectives")
DATA_FILES = tuple(f"{name}.json" for name in COLLECTION_NAMES)

EVENT_KINDS = (
    "summit", "talks", "visit", "statement", "letter", "missile-test", "nuclear-test",
    "engine-test", "exercise", "personnel", "agreement", "sanctions", "other",
)  # fmt: skip
CLAIM_KINDS = ("cause", "objective", "assessment", "result")
LEVELS = ("none", "low", "medium", "high")
