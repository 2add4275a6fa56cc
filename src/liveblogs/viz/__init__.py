"""viz: tidy frames → Altair charts and overview tables; the offline renderer."""
