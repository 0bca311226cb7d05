"""Quality: the check engine over Frictionless, the report model, renderers and fixes."""
