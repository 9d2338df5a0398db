"""Shipped instrument files (YAML), installed as package data."""
