"""ingest: files, saved pages and user tables → articles (text, outlet, date, zone)."""
