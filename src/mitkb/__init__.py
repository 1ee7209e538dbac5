"""mitkb: the engine of the MIT Gers knowledge base.

The engine (load, validate, render) imports nothing from MkDocs; the adapters in
``mitkb.adapters`` connect it to a site generator.
"""

__version__ = "0.1.0"
