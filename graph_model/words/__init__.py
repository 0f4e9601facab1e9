"""The one catalogue of words opcomap shows, in French (default) and English.

Every sentence a user reads (app, CLI, errors, exports) is looked up here by
key. Kind and relationship-type labels come from the schema instead, so a
user's own schema is labelled by its own file.
"""

from graph_model.words.catalogue import LANGS, STRINGS, normalise_lang, t

__all__ = ["LANGS", "STRINGS", "normalise_lang", "t"]
