"""The evidence feature's API: the ``Evidence`` type and ``attachEvidence``."""
