"""The insights pages (server-rendered); each view parses input, calls a service or selector, renders."""
