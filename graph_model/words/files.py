"""Words written into files a user fills in: the import template's sheets, notes and example."""

WORDS: dict[str, tuple[str, str]] = {
    "template.file": ("modele-opcomap.xlsx", "opcomap-template.xlsx"),
    "template.sheet.actors": ("acteurs", "actors"),
    "template.sheet.relationships": ("relations", "relationships"),
    "template.sheet.sources": ("sources", "sources"),
    "template.sheet.lists": ("listes", "lists"),
    "template.sheet.readme": ("lisez-moi", "read-me"),
    "template.required": ("Obligatoire : une ligne où cette colonne est vide est refusée.",
                          "Required: a row where this column is empty is refused."),
    "template.optional": ("Facultatif.", "Optional."),
    "template.list_title": ("Valeur hors liste", "Value not in the list"),
    "template.list_error": ("Choisissez une valeur de la liste (feuille « listes »).",
                            "Choose a value from the list (sheet “lists”)."),
    "template.lists.kind": ("genre", "kind"),
    "template.lists.kind_label": ("genre (libellé)", "kind (label)"),
    "template.lists.type": ("type", "type"),
    "template.lists.type_label": ("type (libellé)", "type (label)"),
    "template.lists.property": ("{name} (valeurs de {type})", "{name} (values of {type})"),
    "template.example.id": ("exemple-{n}", "example-{n}"),
    "template.example.name": ("Exemple : {label} (à remplacer)", "Example: {label} (to replace)"),
    "template.example.note": ("Ligne d'exemple : remplacez-la par vos relations.",
                              "Example row: replace it with your relationships."),
    "template.example.source_id": ("exemple-source", "example-source"),
    "template.example.source_title": ("Source de l'exemple (à remplacer)", "The example's source (to replace)"),
    "template.example.publisher": ("Éditeur de la source", "Publisher of the source"),
    "template.readme": (
        ("Modèle d'import opcomap\n"
        "\n"
        "Une ligne par acteur dans la feuille « acteurs », une ligne par relation dans la feuille « relations ».\n"
        "Les colonnes à en-tête rouge sont obligatoires ; les autres peuvent rester vides.\n"
        "Les colonnes « kind » (genre d'acteur) et « type » (type de relation) proposent une liste déroulante ; "
        "la feuille « listes » donne le libellé de chaque valeur.\n"
        "« source » et « target » d'une relation sont des « id » de la feuille « acteurs ».\n"
        "Dates au format AAAA-MM-JJ (par exemple 2024-01-01) ; plusieurs valeurs dans une cellule "
        "(aliases, sectors, tags, sources) sont séparées par « | ».\n"
        "Une relation cite ses sources par leur « source_id » (feuille « sources ») ou par les colonnes "
        "source_title, source_url… de sa propre ligne.\n"
        "Les lignes d'exemple montrent le format : remplacez-les par vos données.\n"
        "Gardez les en-têtes tels quels ; ne renommez pas les feuilles « lisez-moi » et « listes », "
        "qu'opcomap ne lit pas.\n"
        "Vérifiez le classeur avant de le charger : opcomap validate {file} (ou la page Données de l'application)."),
        ("opcomap import template\n"
        "\n"
        "One row per actor in the “actors” sheet, one row per relationship in the “relationships” sheet.\n"
        "Columns with a red header are required; the others may stay empty.\n"
        "The “kind” (actor kind) and “type” (relationship type) columns offer a drop-down list; "
        "the “lists” sheet gives each value's label.\n"
        "A relationship's “source” and “target” are “id”s of the “actors” sheet.\n"
        "Dates as YYYY-MM-DD (for example 2024-01-01); several values in one cell "
        "(aliases, sectors, tags, sources) are separated by “|”.\n"
        "A relationship cites its sources by their “source_id” (“sources” sheet) or with the "
        "source_title, source_url… columns of its own row.\n"
        "The example rows show the format: replace them with your data.\n"
        "Keep the headers as they are; do not rename the “read-me” and “lists” sheets, which opcomap "
        "does not read.\n"
        "Check the workbook before loading it: opcomap validate {file} (or the app's Data page)."),
    ),
}
