"""app: what users run: filter panel, widgets, HTML report, command line."""
