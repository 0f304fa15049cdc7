"""Where data lives: the built-in demo store, the user store's GeoPackage and PostGIS backends,
shared tables, the change log, accounts, provenance."""
