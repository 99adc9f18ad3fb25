"""The JSON API under /api/v1/: personal access tokens, resources, the OpenAPI document."""
