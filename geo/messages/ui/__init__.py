"""The texts of the app's interface: the pages' (one module per area, frame.py the app frame and
the smaller pages) and the map layers' (layers.py)."""
