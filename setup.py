"""Packaging of the Lesson Study XBlocks."""

import os
import re

from setuptools import find_packages, setup

HERE = os.path.dirname(os.path.abspath(__file__))

#: The blocks this package offers to the runtime: entry point name -> class.
XBLOCKS = {
    "lessonstudy_cycle": "lessonstudy_xblock.cycle:CycleBlock",
    "lessonstudy_workshop": "lessonstudy_xblock.workshop:WorkshopBlock",
}


def version():
    """``__version__`` of the package, read without importing it (it needs XBlock)."""
    with open(os.path.join(HERE, "lessonstudy_xblock", "__init__.py"), encoding="utf-8") as init:
        return re.search(r'^__version__ = "([^"]+)"', init.read(), re.M).group(1)


def long_description():
    """The README, when there is one."""
    path = os.path.join(HERE, "README.md")
    if not os.path.exists(path):
        return ""
    with open(path, encoding="utf-8") as readme:
        return readme.read()


setup(
    name="lessonstudy-xblock",
    version=version(),
    description="Open edX XBlocks for teacher Lesson Study: workshop modules and cycle workspaces",
    long_description=long_description(),
    long_description_content_type="text/markdown",
    packages=find_packages(include=["lessonstudy_xblock", "lessonstudy_xblock.*"]),
    include_package_data=True,
    package_data={
        "lessonstudy_xblock": [
            "templates/*",
            "static/**/*",
            "translations/**/*.po",
            "translations/**/*.mo",
            "translations/**/*.json",
            "presets/**/*",
        ],
    },
    python_requires=">=3.11",
    # Lower bounds only: the LMS brings its own XBlock and Django.
    # Exact versions for the workbench and the tests live in requirements/.
    install_requires=[
        "XBlock>=2.0",  # xblock.utils (ResourceLoader, StudioEditableXBlockMixin) is part of XBlock since then
        "Django>=4.2",
        "web-fragments>=2.0",
        "lxml>=4.9",
        "nh3>=0.2.14",
    ],
    entry_points={
        "xblock.v1": [f"{name} = {target}" for name, target in XBLOCKS.items()],
    },
    license="AGPL-3.0-only",
    classifiers=[
        "License :: OSI Approved :: GNU Affero General Public License v3",
        "Framework :: Django",
        "Framework :: Django :: 4.2",
        "Framework :: Django :: 5.2",
        "Intended Audience :: Education",
        "Programming Language :: Python :: 3",
        "Programming Language :: Python :: 3.11",
        "Programming Language :: Python :: 3.12",
    ],
    zip_safe=False,
)
