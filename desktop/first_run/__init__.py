"""The first-run wizard (desktop.first_run.wizard)."""
