"""Settings, services, WSGI entry and demo data for running the blocks in the xblock-sdk workbench.

This package sits in the repository's ``workbench/`` folder, which must be on
``PYTHONPATH`` (the Makefile and ``pytest.ini`` put it there). It is not named
``workbench`` because that is the import name of the sdk itself.
"""
