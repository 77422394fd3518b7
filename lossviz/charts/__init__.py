"""Plotly figure builders: they draw arrays they are given and never import Streamlit."""
