"""What every page shares: the frame (settings, opening, controls slot), the stored layers, the map
widget, the caches, who is signed in, and the UI language."""
