"""The layers' packages as the API's functions: ``standoff.read("a.txt")`` reads an article.

``standoff.read``, ``standoff.track`` and ``standoff.forecast`` name both a package
(the layer's code, imported as always: ``from standoff.read import Reader``) and a
function of the Python API (:mod:`standoff.api`). Python sets a package as an
attribute of its parent once it is imported, so a plain function of that name in
``standoff/__init__.py`` would be replaced by the package. Instead each of the three
packages ends with :func:`make_callable`, which gives its module object a ``__call__``
that runs the API function of the same name. The package stays a package for every
import, ``mock.patch`` and ``pickle``; calling it is the API.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any


class CallablePackage(types.ModuleType):
    """A package that, called, runs ``standoff.api.<its last name>``."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        api = importlib.import_module("standoff.api")
        return getattr(api, self.__name__.rpartition(".")[2])(*args, **kwargs)


def make_callable(package: str) -> None:
    """Make the imported package ``package`` (``standoff.read``, ...) callable."""
    sys.modules[package].__class__ = CallablePackage


__all__ = ["CallablePackage", "make_callable"]
