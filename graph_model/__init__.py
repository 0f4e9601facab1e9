"""Models and schema of the opcomap graph: what an actor and a tie are."""

from graph_model.models import Actor, Dataset, Relationship, Source
from graph_model.schema import Schema, default_schema, load_schema

__all__ = ["Actor", "Dataset", "Relationship", "Schema", "Source", "default_schema", "load_schema"]
