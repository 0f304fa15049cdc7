"""The Suzhou-wide demo on the map pages: the data choice, the city views, the data held once."""
