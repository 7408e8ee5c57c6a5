"""Plumbing every stage shares: safe input reading, located errors, spelling hints, day
arithmetic and identity-keyed caches. Imports nothing of riskkit but errors and limits."""
