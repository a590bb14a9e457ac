"""Dashboards on the serving copy: the built-in Streamlit app (`make dashboard`) and its query layer."""
