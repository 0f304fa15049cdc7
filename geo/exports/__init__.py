"""What leaves the atlas: GeoJSON/CSV/XLSX tables, the briefing PNG, a view's downloads."""
