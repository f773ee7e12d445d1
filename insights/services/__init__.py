"""Writes of the insights app: research profiles (profiles.py), needs analyses (needs.py), audit entries
(audit.py) and messaging (messaging.py)."""
