"""nkus: a sourced chronology of North Korea–United States diplomacy, as a library and a CLI.

>>> from nkus import load
>>> ds = load()
>>> [e.id for e in ds.timeline(start="2019-05", end="2019-05", kinds={"missile-test"})]
['launch-2019-05-04', 'launch-2019-05-09']
"""

from nkus.load import DatasetError, Problem, check, load
from nkus.model import Dataset

__all__ = ["Dataset", "DatasetError", "Problem", "check", "load"]
__version__ = "0.1.0"
