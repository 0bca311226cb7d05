"""The ``odwb-assist`` command line: Typer commands, one module per command group, no logic of their own."""
