"""Built-in checks. Each module is a plugin: it implements ``odwb_checks`` or ``odwb_field_kinds``."""

# Registered by odwb_assist.core.plugins, in this order; plugin name = path without "odwb_assist.".
BUILTIN_PLUGINS: tuple[str, ...] = (
    "odwb_assist.checks.title_rows",
    "odwb_assist.checks.merged_header",
    "odwb_assist.checks.non_utf_encoding",
    "odwb_assist.checks.mixed_encoding",
    "odwb_assist.checks.end_mark",
    "odwb_assist.checks.total_row",
    "odwb_assist.checks.decimal_comma",
    "odwb_assist.checks.thousands_separator",
    "odwb_assist.checks.date_format",
    "odwb_assist.checks.midnight_dates",
    "odwb_assist.checks.unit_in_cell",
    "odwb_assist.checks.number_display",
    "odwb_assist.checks.empty_column",
    "odwb_assist.checks.inconsistent_category",
    "odwb_assist.checks.personal_email",
    "odwb_assist.checks.duplicate_row",
    "odwb_assist.checks.trim_spaces",
    "odwb_assist.checks.formula_injection",
    "odwb_assist.checks.excel_errors",
    "odwb_assist.checks.structure_fixes",
    "odwb_assist.checks.placeholder_value",
    "odwb_assist.checks.unclosed_quote",
    # Layouts that are not a plain table (issue 13).
    "odwb_assist.checks.single_column_table",
    "odwb_assist.checks.no_header",
    "odwb_assist.checks.repeated_header",
    "odwb_assist.checks.section_row",
    "odwb_assist.checks.notes_below_table",
    "odwb_assist.checks.merged_label_cells",
    "odwb_assist.checks.form_layout",
    "odwb_assist.checks.other_sheets",
    # What a workbook hides from its reader (hidden columns and rows, formulas without result).
    "odwb_assist.checks.hidden_cells",
    "odwb_assist.checks.formula_without_value",
)
