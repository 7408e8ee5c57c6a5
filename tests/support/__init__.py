"""Helpers the tests share: rule-case and analyst-case runners, strategies, fixtures."""
