"""WIP."""
import streamlit as st
def render(run):
    st.title("carte")
