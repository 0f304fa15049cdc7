"""Where things are: coordinate frames (WGS-84, GCJ-02, BD-09, EPSG:4549), areas and lengths, class breaks."""
