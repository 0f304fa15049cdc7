"""Pure geometry and data core of the atlas: no streamlit, no folium."""
