"""Models and schema of the opcomap graph: what an actor and a tie are."""

from graph_model.lazy import lazy_attributes

# The pydantic models load on first use: ``graph_model.errors`` and ``graph_model.words``
# are imported by every command, the models only by those that read a map.
_HOMES = {
    **dict.fromkeys(("Actor", "Dataset", "Relationship", "Source"), "models"),
    **dict.fromkeys(("Schema", "default_schema", "load_schema"), "schema"),
}
__all__ = sorted(_HOMES)
__getattr__ = lazy_attributes(__name__, _HOMES)
