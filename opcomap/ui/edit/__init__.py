"""The Modifier page's parts: the forms (:mod:`.forms`), the history of changes (:mod:`.history`,
also shown on the Acteur page) and what both share (:mod:`.session`: where edits go, how a
form submits and shows its messages)."""
