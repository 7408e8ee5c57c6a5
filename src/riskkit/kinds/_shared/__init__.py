"""Helpers the built-in kinds share below the ownership graph: where the data and devices are
(sites), the procurement's names screened against list files (screened), small numbers (common)."""
