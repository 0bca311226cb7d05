"""Built-in checks. Each module is a plugin: it implements ``odwb_checks`` or ``odwb_field_kinds``."""

# Registered by odwb_assist.plugins, in this order; plugin name = path without "odwb_assist.".
BUILTIN_PLUGINS: tuple[str, ...] = ()
