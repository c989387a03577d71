"""yifeng (行风): typed paperwork for China's health-sector conduct campaigns.

The public API lives in the subpackages: :mod:`yifeng.model` (the domain),
:mod:`yifeng.io` (files and JSON), :mod:`yifeng.render` (.docx documents) and
:mod:`yifeng.examples` (the five bundled campaigns).
"""

from yifeng._version import __version__

__all__ = ["__version__"]
