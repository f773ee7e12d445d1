"""Personas as models for OpenAI clients: Open WebUI, LibreChat or SillyTavern list the personas a user
may use (`GET /api/v1/models`) and talk to them (`POST /api/v1/chat/completions`) in OpenAI's format."""
