"""Metadata: the ODS templates model, drafting, scoring and exports."""

# Registered by odwb_assist.plugins, in this order; plugin name = path without "odwb_assist.".
BUILTIN_PLUGINS: tuple[str, ...] = ()
