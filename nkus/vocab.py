"""The dataset's fixed vocabulary: file names, kinds and limits. Kept free of imports so that the
fast paths can use it without loading the record declarations."""

SCHEMA_VERSION = 1
MAX_QUOTE_WORDS = 25
COLLECTION_NAMES = ("events", "sources", "actors", "summits", "claims", "objectives")
DATA_FILES = tuple(f"{name}.json" for name in COLLECTION_NAMES)

EVENT_KINDS = (
    "summit", "talks", "visit", "statement", "letter", "missile-test", "nuclear-test",
    "engine-test", "exercise", "personnel", "agreement", "sanctions", "other",
)  # fmt: skip
CLAIM_KINDS = ("cause", "objective", "assessment", "result")
LEVELS = ("none", "low", "medium", "high")
