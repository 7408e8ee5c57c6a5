"""Decision support on reports: comparing candidates, diffing re-assessments, what-if patches,
the suggestions built from them, and waivers of accepted risks."""
