"""The dataset's fixed vocabulary: file names, kinds and limits. Kept free of imports so that the
fast paths can use it without loading the record declarations."""

SCHEMA_VERSION = 2
MAX_QUOTE_WORDS = 25
# The dataset's files, one per record type, in the order they are checked: what most records point
# at (sources, actors) comes first, so that most references can be resolved as they are met.
COLLECTION_NAMES = (
    "publishers", "tags", "sources", "sites", "actors", "events", "summits", "agreements", "claims", "objectives", "coverage",
)  # fmt: skip
DATA_FILES = tuple(f"{name}.json" for name in COLLECTION_NAMES)

EVENT_KINDS = (
    "summit", "talks", "visit", "statement", "letter", "missile-test", "nuclear-test",
    "engine-test", "exercise", "personnel", "agreement", "sanctions", "other",
)  # fmt: skip
CLAIM_KINDS = ("cause", "objective", "assessment", "result")
LEVELS = ("none", "low", "medium", "high")
VOICES = ("author", "quoted")  # whose words a claim or verdict holds: the source's own, or reported by it
MISSILE_CLASSES = ("SRBM", "MRBM", "IRBM", "ICBM", "SLBM", "hypersonic", "cruise", "MRL", "space-launch", "unknown")
OUTCOMES = ("success", "failure", "unknown")
PUBLISHER_KINDS = (
    "government", "intergovernmental", "state-media", "wire", "newspaper", "broadcaster", "magazine", "think-tank",
    "academic", "blog", "aggregator",
)  # fmt: skip
# A source is strong when its publisher is of these kinds, or is marked as an outlet of record.
STRONG_PUBLISHER_KINDS = ("government", "intergovernmental", "state-media", "wire", "think-tank", "academic")
# A repost of a primary document (a government's or state media's own text) still carries it.
PRIMARY_PUBLISHER_KINDS = ("government", "intergovernmental", "state-media")
SUMMIT_TYPES = ("us-dprk", "inter-korean", "dprk-russia", "dprk-china", "us-rok", "multilateral")
DIMENSIONS = (
    "denuclearization", "verification", "freeze", "dismantlement", "sanctions-relief", "aid", "security-guarantee",
    "peace-regime", "normalization", "deadline",
)  # fmt: skip
COVERAGE_LEVELS = ("complete", "selected")
# Usual names of the countries in the data, folded (`nkus.fold`), to their ISO 3166 alpha-3 codes;
# `--country` also takes the names of a dataset's state actors.
COUNTRY_NAMES = {
    "dprk": "PRK", "north korea": "PRK", "democratic peoples republic of korea": "PRK", "nk": "PRK",
    "rok": "KOR", "south korea": "KOR", "republic of korea": "KOR", "sk": "KOR",
    "us": "USA", "usa": "USA", "u s": "USA", "u s a": "USA", "united states": "USA", "america": "USA",
    "united states of america": "USA", "japan": "JPN", "china": "CHN", "prc": "CHN",
    "peoples republic of china": "CHN", "russia": "RUS", "russian federation": "RUS", "uk": "GBR",
    "united kingdom": "GBR", "britain": "GBR", "great britain": "GBR", "vietnam": "VNM", "viet nam": "VNM",
    "singapore": "SGP", "sweden": "SWE", "mongolia": "MNG",
}  # fmt: skip
