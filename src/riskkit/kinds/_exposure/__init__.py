"""Exposure to a state's law: which parties it reaches, by which routes, where the data is."""
