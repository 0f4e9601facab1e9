"""Pages of the Streamlit app, one module each."""
