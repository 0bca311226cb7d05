"""Built-in checks. Each module is a plugin: it implements ``odwb_checks`` or ``odwb_field_kinds``."""
