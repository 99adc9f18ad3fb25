"""Stored matches, their pipeline, and the adapter from models to the matching engine."""
