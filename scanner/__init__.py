"""privacyscan: a website privacy audit scanner.

The pipeline, in order: ``collect`` (browser, three consent phases) -> ``classify`` (owners,
categories, countries) -> ``checks`` (one function per rule) -> ``report`` (JSON, HTML).
"""

__version__ = "0.1.0"
