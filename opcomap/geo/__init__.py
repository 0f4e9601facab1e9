"""The bundled outlines of the French Régions (see :mod:`opcomap.geo.outlines`)."""
