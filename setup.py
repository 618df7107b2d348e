"""setuptools finds the app's packages itself, so a new sub-package can never be left out.

A hand-written list in pyproject.toml once shipped a wheel without ``core/referrals``: the
Referrals screen did nothing and saving a "referred by" failed.  pyproject.toml's
``[tool.setuptools.packages.find]`` cannot add the one package that lives elsewhere
(``resources/``, shipped as ``colearn_desktop.resources`` through ``package-dir``), so the list is
made here; everything else (package-dir, package data) stays in pyproject.toml.
"""

from setuptools import find_packages, setup

setup(
    packages=[
        *find_packages(include=["colearn_desktop", "colearn_desktop.*"]),
        "colearn_desktop.resources",
    ]
)
