"""Problems in data files, validation and the domain's errors: French first, then English."""

WORDS: dict[str, tuple[str, str]] = {
    "problem.row": (", ligne {row}", ", row {row}"),
    "problem.column": (", colonne « {column} »", ", column “{column}”"),
    "problem.where_what": ("{where} : {what}", "{where}: {what}"),
    "problems.edit_id_taken": (
        "identifiant « {id} » déjà utilisé par un autre acteur",
        "id “{id}” already used by another actor",
    ),
    "problems.edit_tie_twice": (
        "relation en double : {source} {type} {target} avec la même date de début "
        "(elle existe déjà ; modifiez-la ou choisissez une autre date de début)",
        "duplicate relationship: {source} {type} {target} with the same start date "
        "(it exists already; edit it or choose another start date)",
    ),
    "problems.edit_conflict_actor": (
        "L'acteur « {id} » a été modifié depuis que vous l'avez ouvert ; rien n'a été enregistré. Rechargez "
        "la fiche pour voir la version actuelle, puis refaites votre modification.",
        "The actor “{id}” has changed since you opened it; nothing was saved. Reload the profile to see the "
        "current version, then make your change again.",
    ),
    "problems.edit_conflict_tie": (
        "La relation « {id} » a été modifiée depuis que vous l'avez ouverte ; rien n'a été enregistré. "
        "Rechargez la fiche pour voir la version actuelle, puis refaites votre modification.",
        "The relationship “{id}” has changed since you opened it; nothing was saved. Reload the profile to "
        "see the current version, then make your change again.",
    ),
    "problems.count": ("{n} {n:problème|problèmes} dans les données", "{n} {n:problem|problems} in the data"),
    # values (models, cells, schema properties)
    "problems.missing_value": ("valeur obligatoire manquante", "required value missing"),
    "problems.empty_value": ("ne doit pas être vide", "must not be empty"),
    "problems.between_0_and_1": ("doit être comprise entre 0 et 1", "must be between 0 and 1"),
    "problems.not_integer": ("« {value} » n'est pas un nombre entier", "“{value}” is not a whole number"),
    "problems.not_number": ("« {value} » n'est pas un nombre", "“{value}” is not a number"),
    "problems.not_yes_no": ("« {value} » n'est pas oui/non", "“{value}” is not yes/no"),
    "problems.not_iso_date": ("« {value} » n'est pas une date AAAA-MM-JJ valide",
                              "“{value}” is not a valid YYYY-MM-DD date"),
    "problems.wrong_type": ("« {value} » devrait être de type {type}", "“{value}” should be of type {type}"),
    "problems.value_not_allowed": ("valeur « {value} » non admise ; valeurs admises : {allowed}",
                                   "value “{value}” not allowed; allowed values: {allowed}"),
    "problems.url_not_web": ("l'URL doit commencer par http:// ou https://",
                             "the URL must start with http:// or https://"),
    "problems.id_not_slug": ("l'identifiant doit être un slug : minuscules, chiffres, séparés par - _ ou .",
                             "the id must be a slug: lower-case letters and digits, separated by - _ or ."),
    "problems.siret_digits": ("un SIRET compte 14 chiffres", "a SIRET has 14 digits"),
    "problems.idcc_digits": ("un IDCC compte au plus 4 chiffres", "an IDCC has at most 4 digits"),
    "problems.until_before_since": ("la date de fin (until) précède la date de début (since)",
                                    "the end date (until) is before the start date (since)"),
    "problems.self_tie": ("une relation relie deux acteurs différents", "a relationship joins two different actors"),
    # schema rules
    "problems.kind_unknown": ("genre inconnu « {kind} » ; genres connus : {known}",
                              "unknown kind “{kind}”; known kinds: {known}"),
    "problems.kind_unknown_hint": ("genre inconnu « {kind} » (vouliez-vous dire {hint} ?)",
                                   "unknown kind “{kind}” (did you mean {hint}?)"),
    "problems.type_unknown": ("type de relation inconnu « {type} » ; types connus : {known}",
                              "unknown relationship type “{type}”; known types: {known}"),
    "problems.type_unknown_hint": ("type de relation inconnu « {type} » (vouliez-vous dire {hint} ?)",
                                   "unknown relationship type “{type}” (did you mean {hint}?)"),
    "problems.actor_missing": ("l'acteur « {id} » n'existe pas", "actor “{id}” does not exist"),
    "problems.pair_forbidden": ("{type} ne peut pas relier {source} → {target} ; paires autorisées : {pairs}",
                                "{type} cannot join {source} → {target}; allowed pairs: {pairs}"),
    "problems.property_required": ("propriété obligatoire pour {type} manquante",
                                   "property required for {type} missing"),
    "problems.property_unknown": ("propriété inconnue pour {type} (propriétés admises : {known})",
                                  "unknown property for {type} (allowed properties: {known})"),
    "problems.property_unknown_none": ("propriété inconnue pour {type} (propriétés admises : aucune)",
                                       "unknown property for {type} (allowed properties: none)"),
    "problems.tie_finding": ("{source} {type} {target} : {what}", "{source} {type} {target}: {what}"),
    "problems.actor_finding": ("{id} : {what}", "{id}: {what}"),
    # schema files
    "problems.schema_bad_name": (
        "« {name} » n'est pas un nom valide : lettres majuscules, chiffres et _ uniquement, en commençant par une lettre",
        "“{name}” is not a valid name: upper-case letters, digits and _ only, starting with a letter"),
    "problems.schema_endpoint_unknown": ("le type {type} cite un genre inconnu « {kind} » dans endpoints",
                                         "type {type} names an unknown kind “{kind}” in endpoints"),
    "problems.schema_story_unknown": ("la première vue (story) cite un genre ou un type inconnu « {name} »",
                                      "the first view (story) names an unknown kind or type “{name}”"),
    "problems.schema_not_object": (
        "{origin} : le schéma doit être un objet YAML avec « kinds » et « relationship_types »",
        "{origin}: the schema must be a YAML object with “kinds” and “relationship_types”"),
    "problems.schema_invalid": ("{origin} : {where} : {what}", "{origin}: {where}: {what}"),
    "problems.schema_unreadable": ("{path} : lecture impossible ({reason})", "{path}: cannot be read ({reason})"),
    "problems.schema_bad_yaml": ("{path} : YAML invalide ({reason})", "{path}: invalid YAML ({reason})"),
    # the file parser (its French is asserted by tests: keep it word for word)
    "problems.column_missing": ("colonne obligatoire manquante (en-tête attendu : {expected}…)",
                                "required column missing (expected header: {expected}…)"),
    "problems.column_unknown": ("colonne inconnue ; colonnes admises : {allowed}",
                                "unknown column; allowed columns: {allowed}"),
    "problems.field_unknown": ("champ inconnu ; champs admis : {allowed}", "unknown field; allowed fields: {allowed}"),
    "problems.source_id_missing": ("identifiant de source manquant", "source id missing"),
    "problems.source_twice": ("source « {id} » en double (déjà définie dans {file}, ligne {row})",
                              "source “{id}” given twice (already defined in {file}, row {row})"),
    "problems.anchor_kind_differs": ("« {id} » est de genre {kind} dans {file}, ligne {row}, pas {given}",
                                     "“{id}” is of kind {kind} in {file}, row {row}, not {given}"),
    "problems.id_twice": ("identifiant « {id} » en double (déjà défini dans {file}, ligne {row})",
                          "id “{id}” given twice (already defined in {file}, row {row})"),
    "problems.id_twice_differs": (
        "identifiant « {id} » en double (déjà défini dans {file}, ligne {row}) ; les deux définitions diffèrent",
        "id “{id}” given twice (already defined in {file}, row {row}); the two definitions differ"),
    "problems.source_unknown": ("source inconnue « {id} » ; sources connues : {known}",
                                "unknown source “{id}”; known sources: {known}"),
    "problems.source_unknown_none": ("source inconnue « {id} » ; sources connues : aucune (pas de fichier de sources)",
                                     "unknown source “{id}”; known sources: none (no sources file)"),
    "problems.source_required": (
        "relation sans source : citez-en au moins une (colonne sources, avec l'identifiant d'une source "
        "déclarée ou de la carte de référence, ou colonnes source_title, source_url…)",
        "relationship without a source: cite at least one (the sources column, with the id of a source "
        "declared here or in the reference map, or the source_title, source_url… columns)"),
    "problems.source_title_missing": ("titre de la source manquant (les autres colonnes source_* sont remplies)",
                                      "source title missing (the other source_* columns are filled in)"),
    "problems.tie_twice": (
        "relation en double : {source} {type} {target} avec la même date de début (déjà dans {file}, ligne {row})",
        "relationship given twice: {source} {type} {target} with the same start date (already in {file}, row {row})"),
    "problems.cell_not_date": ("« {value} » n’est pas une date valide (format AAAA-MM-JJ, jour existant)",
                               "“{value}” is not a valid date (format YYYY-MM-DD, a real day)"),
    # how a file was written, said when it is read
    "conventions.line": ("{file} : {what}", "{file}: {what}"),
    "conventions.encoding.utf-8": ("UTF-8", "UTF-8"),
    "conventions.encoding.utf-8-bom": ("UTF-8 avec BOM", "UTF-8 with BOM"),
    "conventions.encoding.cp1252": ("Windows-1252", "Windows-1252"),
    "conventions.delimiter": ("séparateur « {delimiter} »", "separator “{delimiter}”"),
    "conventions.french_dates": ("dates JJ/MM/AAAA", "dates DD/MM/YYYY"),
    "conventions.iso_dates": ("dates AAAA-MM-JJ", "dates YYYY-MM-DD"),
    "conventions.decimal_comma": ("virgule décimale", "decimal comma"),
    "conventions.spaced_thousands": ("milliers séparés par des espaces", "thousands separated by spaces"),
    "problems.cell_not_french_date": (
        "« {value} » n’est pas une date valide (format JJ/MM/AAAA, jour existant)",
        "“{value}” is not a valid date (format DD/MM/YYYY, a real day)"),
    "problems.day_read_french": (
        "« {value} » lu à la française, le jour avant le mois : {read} (et non {other})",
        "“{value}” read the French way, day before month: {read} (not {other})"),
    "problems.cell_not_yes_no": ("« {value} » n’est pas oui/non (true/false, 1/0)",
                                 "“{value}” is not yes/no (true/false, 1/0)"),
    "problems.cell_not_number": ("« {value} » n’est pas un nombre", "“{value}” is not a number"),
    "problems.model_error": ("{detail}", "{detail}"),
    # file readers
    "problems.csv_not_utf8": ("le fichier n’est encodé ni en UTF-8 ni en Windows-1252 "
                              "(dans Excel : Enregistrer sous « CSV UTF-8 »)",
                              "the file is encoded neither in UTF-8 nor in Windows-1252 "
                              "(in Excel: Save as “CSV UTF-8”)"),
    "problems.file_not_utf8": ("le fichier n’est pas encodé en UTF-8", "the file is not encoded in UTF-8"),
    "problems.file_empty": ("fichier vide", "empty file"),
    "problems.file_empty_no_records": ("fichier vide : aucun acteur ni relation",
                                       "empty file: no actor and no relationship"),
    "problems.file_empty_no_nodes": ("fichier vide : aucun nœud", "empty file: no node"),
    "problems.workbook_unreadable": ("classeur illisible ({reason})", "unreadable workbook ({reason})"),
    "problems.workbook_empty": ("classeur vide (feuilles attendues : actors, relationships)",
                                "empty workbook (expected sheets: actors, relationships)"),
    "problems.header_unknown": (
        "en-tête non reconnu : un fichier d’acteurs commence par id,name,kind ; "
        "un fichier de relations par source,target,type ; un fichier de sources par source_id,title",
        "header not recognised: an actors file starts with id,name,kind; "
        "a relationships file with source,target,type; a sources file with source_id,title"),
    "problems.too_many_cells": (
        "{cells} {cells:cellule|cellules} pour {columns} {columns:colonne|colonnes} (séparateur ou guillemet "
        "en trop ?)",
        "{cells} {cells:cell|cells} for {columns} {columns:column|columns} (a separator or quote too many?)",
    ),
    "problems.json_invalid": ("JSON invalide : {reason}", "invalid JSON: {reason}"),
    "problems.yaml_invalid": ("YAML invalide : {reason}", "invalid YAML: {reason}"),
    "problems.document_not_object": ("le document doit être un objet (actors/relationships ou nodes/links)",
                                     "the document must be an object (actors/relationships or nodes/links)"),
    "problems.section_unknown": ("section inconnue ; sections admises : actors, relationships, sources",
                                 "unknown section; allowed sections: actors, relationships, sources"),
    "problems.list_expected": ("une liste d’éléments est attendue", "a list of items is expected"),
    "problems.item_not_object": ("chaque élément doit être un objet clé: valeur", "each item must be a key: value object"),
    "problems.graphml_unreadable": ("GraphML illisible ({reason})", "unreadable GraphML ({reason})"),
    "problems.gexf_unreadable": ("GEXF illisible ({reason})", "unreadable GEXF ({reason})"),
    "problems.json_list_expected": ("liste JSON attendue", "JSON list expected"),
    "problems.path_not_found": ("fichier ou dossier introuvable", "file or folder not found"),
    "problems.no_data_files": ("aucun fichier de données ({formats})", "no data file ({formats})"),
    "problems.format_unsupported": ("format non pris en charge ; formats lus : {formats}",
                                    "format not supported; formats read: {formats}"),
    "problems.file_unreadable": ("lecture impossible ({reason})", "cannot be read ({reason})"),
    "problems.gexf_no_graph": ("élément <graph> absent", "no <graph> element"),
    "problems.synthetic_too_few": (
        "au moins {n} {n:acteur|acteurs} pour donner la forme de l'écosystème",
        "at least {n} {n:actor is|actors are} needed to give the ecosystem its shape",
    ),
    "problems.synthetic_too_many": (
        "impossible de créer {ties} {ties:relation distincte|relations distinctes} avec {actors} "
        "{actors:acteur|acteurs}",
        "cannot make {ties} distinct {ties:relationship|relationships} with {actors} {actors:actor|actors}",
    ),
    # registries
    "problems.registry_unknown": ("registre inconnu « {name} » ; registres lus : {known}",
                                  "unknown registry “{name}”; registries read: {known}"),
    "problems.file_not_found": ("fichier introuvable", "file not found"),
    "problems.download_offline": (
        "Téléchargement impossible : {where} ne répond pas ({reason}). Cette machine est-elle en ligne ? "
        "Téléchargez le fichier à la main depuis {page}, puis : opcomap import {registry} FICHIER --output DOSSIER",
        "Download impossible: {where} is not answering ({reason}). Is this machine online? "
        "Download the file by hand from {page}, then: opcomap import {registry} FILE --output FOLDER"),
    "problems.catalogue_status": ("Le catalogue data.gouv.fr a répondu {status} pour {url}.",
                                  "The data.gouv.fr catalogue answered {status} for {url}."),
    "problems.catalogue_unreadable": ("Réponse illisible du catalogue data.gouv.fr ({url}).",
                                      "Unreadable answer from the data.gouv.fr catalogue ({url})."),
    "problems.registry_not_on_datagouv": (
        "Le registre « {name} » n'est pas publié sur data.gouv.fr : téléchargez-le depuis {page}.",
        "The “{name}” registry is not published on data.gouv.fr: download it from {page}."),
    "problems.registry_no_resource": (
        "Aucun fichier du jeu de données {url} ne correspond au registre « {name} » (motif {pattern}).",
        "No file of the dataset {url} matches the “{name}” registry (pattern {pattern})."),
    "problems.download_status": ("Le serveur a répondu {status} pour {url}.", "The server answered {status} for {url}."),
    "problems.import_foreign_folder": (
        "{path} existe et n'est pas un dossier écrit par `opcomap import` : choisissez un dossier nouveau ou vide (--output).",
        "{path} exists and is not a folder written by `opcomap import`: choose a new or empty folder (--output)."),
    # registry importers (opcomap import)
    "problems.more_not_listed": (
        "… et {n} {n:autre problème non listé|autres problèmes non listés}",
        "… and {n} more {n:problem|problems} not listed",
    ),
    "problems.opco_unknown": ("OPCO inconnu « {label} » ; OPCO connus : {known}",
                              "unknown OPCO “{label}”; known OPCOs: {known}"),
    "problems.registry_file_empty": ("le fichier est vide", "the file is empty"),
    "problems.oflist_not_bool": ("« {value} » n'est pas une valeur admise (true ou false)",
                                 "“{value}” is not an allowed value (true or false)"),
    "problems.oflist_not_date": ("« {value} » n'est pas une date JJ/MM/AAAA valide",
                                 "“{value}” is not a valid DD/MM/YYYY date"),
    "problems.oflist_not_trainees": ("« {value} » n'est pas un nombre entier de stagiaires",
                                     "“{value}” is not a whole number of trainees"),
    "problems.oflist_not_semicolons": (
        "ce fichier n'est pas séparé par des points-virgules (« ; ») comme la liste publique "
        "des organismes de formation ; colonnes manquantes : {columns}",
        "this file is not separated by semicolons (“;”) like the public list of training organisations; "
        "missing columns: {columns}"),
    "problems.oflist_layout": (
        "ce fichier n'a pas la disposition de la liste publique des organismes de formation ; "
        "colonnes manquantes : {columns}",
        "this file does not have the layout of the public list of training organisations; missing columns: {columns}"),
    "problems.oflist_zip": (
        "ce fichier est une archive zip : décompressez-la et importez le fichier CSV qu'elle contient",
        "this file is a zip archive: unzip it and import the CSV file it holds"),
    "problems.oflist_csv_broken": (
        "fichier CSV illisible vers la ligne {line} du fichier (un guillemet ouvert n'est-il pas refermé ?)",
        "unreadable CSV file near line {line} (is an opening quote never closed?)"),
    "problems.oflist_encoding": ("fichier illisible : ni UTF-8 ni Windows-1252 (est-ce bien un fichier CSV ?)",
                                 "unreadable file: neither UTF-8 nor Windows-1252 (is it really a CSV file?)"),
    "problems.oflist_nda": (
        "numéro de déclaration d'activité « {value} » invalide : 11 chiffres attendus "
        "(un tableur a pu ôter le zéro initial)",
        "invalid activity declaration number “{value}”: 11 digits expected (a spreadsheet may have dropped the "
        "leading zero)"),
    "problems.npec_unreadable": (
        "classeur Excel (.xlsx) illisible : attendu le référentiel NPEC de France compétences "
        "(un .xls ou .xlsb est à réenregistrer en .xlsx)",
        "unreadable Excel workbook (.xlsx): France compétences' NPEC reference expected "
        "(save an .xls or .xlsb again as .xlsx)"),
    "problems.npec_sheets_missing": (
        "{count:onglet introuvable|onglets introuvables} : {missing} ; onglets du classeur : {sheets}",
        "{count:sheet|sheets} not found: {missing}; sheets of the workbook: {sheets}",
    ),
    "problems.npec_columns_missing": (
        "onglet « {sheet} » : {count:colonne introuvable|colonnes introuvables} dans "
        "{rows:la première ligne|les {rows} premières lignes} : {missing}",
        "sheet “{sheet}”: {count:column|columns} not found in the first {rows:row|{rows} rows}: {missing}",
    ),
    "problems.npec_idcc_without_cpne": ("onglet « {sheet} » : IDCC sans code CPNE", "sheet “{sheet}”: IDCC without a CPNE code"),
    "problems.npec_idcc_unreadable": ("onglet « {sheet} » : IDCC illisible « {value} »",
                                      "sheet “{sheet}”: unreadable IDCC “{value}”"),
    "problems.npec_cpne_missing": ("onglet « {sheet} » : code CPNE manquant", "sheet “{sheet}”: CPNE code missing"),
    "problems.npec_rncp_unreadable": ("onglet « {sheet} » : code RNCP illisible « {value} »",
                                      "sheet “{sheet}”: unreadable RNCP code “{value}”"),
    "problems.npec_amount_unreadable": ("onglet « {sheet} » : montant illisible « {value} »",
                                        "sheet “{sheet}”: unreadable amount “{value}”"),
    "problems.npec_date_unreadable": ("onglet « {sheet} » : date illisible « {value} » (attendu JJ/MM/AAAA)",
                                      "sheet “{sheet}”: unreadable date “{value}” (DD/MM/YYYY expected)"),
    "problems.rncp_not_zip": (
        "ce fichier n'est pas une archive zip : attendu l'export « export-fiches-csv-AAAA-MM-JJ.zip » du RNCP "
        "sur data.gouv.fr",
        "this file is not a zip archive: the RNCP export “export-fiches-csv-YYYY-MM-DD.zip” from data.gouv.fr "
        "is expected"),
    "problems.rncp_table_missing": (
        "tableau « export_fiches_CSV_Standard_AAAA_MM_JJ.csv » introuvable dans l'archive ; fichiers trouvés : {found}",
        "table “export_fiches_CSV_Standard_YYYY_MM_DD.csv” not found in the archive; files found: {found}"),
    "problems.rncp_columns_missing": (
        "{table} : {count:colonne manquante|colonnes manquantes} : {missing}",
        "{table}: missing {count:column|columns}: {missing}",
    ),
    "problems.rncp_columns_missing_semicolon": (
        "{table} : {count:colonne manquante|colonnes manquantes} : {missing} (le séparateur attendu est « ; "
        "»)",
        "{table}: missing {count:column|columns}: {missing} (the expected separator is “;”)",
    ),
    "problems.rncp_encoding": ("{table} : caractères illisibles (ni UTF-8 ni Windows-1252)",
                               "{table}: unreadable characters (neither UTF-8 nor Windows-1252)"),
    "problems.rncp_line_broken": ("{table} : ligne illisible ({reason}) ; guillemet non refermé ?",
                                  "{table}: unreadable line ({reason}); a quote never closed?"),
    "problems.rncp_in_table": ("{table} : {what}", "{table}: {what}"),
    "problems.rncp_number_unreadable": ("numéro de fiche illisible « {value} » (attendu RNCP12345 ou RS1234)",
                                        "unreadable record number “{value}” (RNCP12345 or RS1234 expected)"),
    "problems.rncp_title_missing": ("intitulé manquant", "title missing"),
    "problems.rncp_status_unknown": ("statut inconnu « {value} » (attendu ACTIVE ou INACTIVE)",
                                     "unknown status “{value}” (ACTIVE or INACTIVE expected)"),
    "problems.rncp_date_unreadable": ("date illisible « {value} » (attendu JJ/MM/AAAA)",
                                      "unreadable date “{value}” (DD/MM/YYYY expected)"),
    "problems.rncp_siret_unreadable": ("SIRET illisible « {value} » (14 chiffres attendus)",
                                       "unreadable SIRET “{value}” (14 digits expected)"),
    "problems.rncp_idcc_unreadable": ("IDCC illisible « {value} » (4 chiffres au plus)",
                                      "unreadable IDCC “{value}” (4 digits at most)"),
    "problems.siro_no_place_filter": (
        "le filtre par région ou département ne s'applique pas à la table SIRET-OPCO : "
        "elle ne donne pas l'adresse des établissements. Donnez plutôt la liste des SIRET voulus "
        "(tirée par exemple de la base Sirene de l'Insee pour ce territoire).",
        "the region or département filter does not apply to the SIRET-OPCO table: it does not give the "
        "establishments' addresses. Give the list of SIRETs wanted instead (taken for instance from "
        "Insee's Sirene database for that area)."),
    "problems.siro_zip": ("ce fichier est une archive zip : extrayez-en d'abord la table (siro-AAAAMM.csv)",
                          "this file is a zip archive: extract the table from it first (siro-YYYYMM.csv)"),
    "problems.siro_header_unreadable": (
        "en-tête illisible : ce n'est pas un fichier texte ; en-tête attendu : {header}",
        "unreadable header: this is not a text file; expected header: {header}"),
    "problems.siro_empty": ("fichier vide : la table SIRET-OPCO commence par l'en-tête {header}",
                            "empty file: the SIRET-OPCO table starts with the header {header}"),
    "problems.siro_columns_missing": (
        "{count:colonne obligatoire absente|colonnes obligatoires absentes} : {missing} ; en-tête attendu : "
        "{header} ; colonnes lues : {read}",
        "required {count:column|columns} missing: {missing}; expected header: {header}; columns read: {read}",
    ),
    "problems.siro_columns_separator": (
        "{count:colonne obligatoire absente|colonnes obligatoires absentes} : {missing} ; en-tête attendu : "
        "{header} (le fichier semble séparé par « {separator} » ; la table SIRET-OPCO sépare ses colonnes "
        "par « | »)",
        "required {count:column|columns} missing: {missing}; expected header: {header} (the file seems "
        "separated by “{separator}”; the SIRET-OPCO table separates its columns by “|”)",
    ),
    "problems.siro_columns_tab": (
        "{count:colonne obligatoire absente|colonnes obligatoires absentes} : {missing} ; en-tête attendu : "
        "{header} (le fichier semble séparé par tabulation ; la table SIRET-OPCO sépare ses colonnes par « | "
        "»)",
        "required {count:column|columns} missing: {missing}; expected header: {header} (the file seems "
        "separated by tabs; the SIRET-OPCO table separates its columns by “|”)",
    ),
    "problems.siro_encoding": ("octets illisibles : le fichier n'est ni en UTF-8 ni en Windows-1252",
                               "unreadable bytes: the file is neither UTF-8 nor Windows-1252"),
    "problems.siro_line_broken": ("ligne illisible ({reason})", "unreadable line ({reason})"),
    "problems.siro_short_line": (
        "ligne incomplète : {found} {found:colonne|colonnes} au lieu de {expected} (séparateur « | »)",
        "incomplete line: {found} {found:column|columns} instead of {expected} (separator “|”)",
    ),
    "problems.siro_siret": ("SIRET « {value} » illisible : 14 chiffres attendus (un tableur l'a-t-il converti en nombre ?)",
                            "unreadable SIRET “{value}”: 14 digits expected (did a spreadsheet turn it into a number?)"),
    "problems.siro_idcc": ("IDCC « {value} » illisible : un code de 1 à 4 chiffres attendu",
                           "unreadable IDCC “{value}”: a code of 1 to 4 digits expected"),
    # what a registry import leaves aside or remarks (summary of opcomap import, the Données page)
    "registry.none": ("aucun", "none"),
    "registry.idcc.being_determined": ("IDCC {idcc} (convention en cours de détermination)",
                                       "IDCC {idcc} (agreement being determined)"),
    "registry.idcc.no_agreement": ("IDCC {idcc} (sans convention collective)", "IDCC {idcc} (no collective agreement)"),
    "registry.idcc.dsn_escape": ("IDCC {idcc} (valeur d'échappement de la DSN)", "IDCC {idcc} (escape value of the DSN)"),
    "registry.skip.not_a_branch": ("{idcc} : pas une branche", "{idcc}: not a branch"),
    "registry.skip.siro_no_owner": (
        "OPCO propriétaire non renseigné (établissement non rattaché par France compétences)",
        "owning OPCO not given (establishment not attached by France compétences)"),
    "registry.skip.siro_no_idcc": ("IDCC non renseigné (établissement en anomalie dans la DSN) : pas de branche",
                                   "IDCC not given (establishment flagged in the DSN): no branch"),
    "registry.skip.siret_not_listed": ("SIRET hors de la liste de SIRET demandée", "SIRET not in the requested SIRET list"),
    "registry.skip.oflist_duplicate": ("NDA en double (la première ligne est retenue)",
                                       "duplicate NDA (the first row is kept)"),
    "registry.skip.out_of_scope": ("hors du périmètre demandé (région, département ou SIRET)",
                                   "outside the requested scope (Région, département or SIRET)"),
    "registry.skip.oflist_no_region": ("code Région absent : organisme importé sans lien à une Région",
                                       "no Région code: organisation imported without a tie to a Région"),
    "registry.skip.oflist_unknown_region": (
        "code Région inconnu de la carte : organisme importé sans lien à une Région",
        "Région code unknown to the map: organisation imported without a tie to a Région"),
    "registry.skip.npec_cpne_unknown": ("CPNE absente de l'onglet CPNE-IDCC", "CPNE missing from the CPNE-IDCC sheet"),
    "registry.skip.npec_cpne_without_idcc": ("CPNE sans IDCC dans l'onglet CPNE-IDCC",
                                             "CPNE without an IDCC in the CPNE-IDCC sheet"),
    "registry.skip.npec_no_rncp": ("ligne sans code RNCP", "row without an RNCP code"),
    "registry.skip.npec_no_amount": ("NPEC non renseigné (NC, NR ou vide)", "NPEC not given (NC, NR or empty)"),
    "registry.skip.rncp_absent_fiche": ("fiche absente du tableau Standard", "record absent from the Standard table"),
    "registry.skip.rncp_certifier_unnamed": ("certificateur sans nom ni SIRET", "certifier with neither name nor SIRET"),
    "registry.skip.rncp_ccn_unnumbered": ("convention collective sans numéro", "collective agreement without a number"),
    "registry.note.siro_split": (
        "{n} IDCC {n:partagé|partagés} entre plusieurs OPCO ({codes}) : chaque branche est rattachée à son "
        "OPCO majoritaire, avec sa part (share) ; la répartition complète est dans la note du lien.",
        "{n} IDCC shared between several OPCO ({codes}): each branch is attached to its majority OPCO, with "
        "its share; the full split is in the tie's note.",
    ),
    "registry.note.siro_managed": (
        "{n} {n:établissement géré|établissements gérés} par un autre OPCO que {n:son|leur} OPCO "
        "propriétaire (colonne OPCO_GESTION ; {detail}) : indiqué dans la note du rattachement de la "
        "branche, sans lien à part.",
        "{n} {n:establishment|establishments} managed by another OPCO than {n:its|their} owning OPCO "
        "(OPCO_GESTION column; {detail}): said in the note of the branch's attachment, with no tie of its "
        "own.",
    ),
    "registry.note.opco_count": ("{name} : {n}", "{name}: {n}"),
    "registry.note.siro_padded": (
        "{n} SIRET à 13 chiffres {n:complété|complétés} d'un zéro de tête (zéro perdu quand un tableur a lu "
        "le SIRET comme un nombre).",
        "{n} 13-digit SIRET padded with a leading zero (lost when a spreadsheet read the SIRET as a number).",
    ),
    "registry.note.siret_absent": (
        "{n} SIRET {n:demandé absent|demandés absents} de la table SIRET-OPCO.",
        "{n} requested SIRET missing from the SIRET-OPCO table.",
    ),
    # An organisation's description, stored in French (the list's language) whatever the reader's.
    "registry.oflist.unnamed": ("Organisme de formation (NDA {nda})", "Training organisation (NDA {nda})"),
    "registry.oflist.declared": ("Organisme de formation déclaré (NDA {nda}).",
                                 "Declared training organisation (NDA {nda})."),
    "registry.oflist.declared_in": ("Organisme de formation déclaré (NDA {nda}), {town}.",
                                    "Declared training organisation (NDA {nda}), {town}."),
    "registry.oflist.previous": ("{n:NDA précédent|NDA précédents} : {previous}.",
                                 "Previous {n:NDA|NDAs}: {previous}."),
    "registry.oflist.foreign": ("Représente l'organisme étranger {foreign}.",
                                "Represents the foreign organisation {foreign}."),
    "registry.oflist.foreign_in": ("Représente l'organisme étranger {foreign} ({country}).",
                                   "Represents the foreign organisation {foreign} ({country})."),
    "registry.oflist.exercise": ("Exercice du {start} au {end}.", "Financial year from {start} to {end}."),
    "registry.oflist.exercise_trainees": (
        "Exercice du {start} au {end} : {n} {n:stagiaire déclaré|stagiaires déclarés}.",
        "Financial year from {start} to {end}: {n} {n:trainee|trainees} declared.",
    ),
    "registry.oflist.last_exercise": ("Dernier exercice.", "Last financial year."),
    "registry.oflist.last_exercise_trainees": (
        "Dernier exercice : {n} {n:stagiaire déclaré|stagiaires déclarés}.",
        "Last financial year: {n} {n:trainee|trainees} declared.",
    ),
    "registry.oflist.last_declaration": ("Dernière déclaration le {day}.", "Last declaration on {day}."),
    "registry.oflist.certified": ("Certifié Qualiopi : {categories}.", "Qualiopi-certified: {categories}."),
    "registry.oflist.uncertified": ("Sans certification Qualiopi.", "No Qualiopi certification."),
    "registry.oflist.training": ("actions de formation", "training courses"),
    "registry.oflist.skills_review": ("bilans de compétences", "skills reviews"),
    "registry.oflist.vae": ("VAE", "VAE (accreditation of prior learning)"),
    "registry.oflist.apprenticeship": ("actions de formation par apprentissage", "apprenticeship training"),
    "registry.note.oflist_cfa": (
        "{cfa} {cfa:organisme certifié|organismes certifiés} Qualiopi pour l'apprentissage "
        "{cfa:importé|importés} comme CFA, {orgs} comme {orgs:organisme|organismes} de formation.",
        "{cfa} {cfa:organisation|organisations} Qualiopi-certified for apprenticeship imported as CFA, "
        "{orgs} as training {orgs:organisation|organisations}.",
    ),
    "registry.note.oflist_padded": (
        "{n} SIRET à 13 chiffres {n:complété|complétés} d'un zéro de tête (zéro perdu quand un tableur a lu "
        "le SIRET comme un nombre ; le SIREN de la ligne le confirme).",
        "{n} 13-digit SIRET padded with a leading zero (lost when a spreadsheet read the SIRET as a number; "
        "the row's SIREN confirms it).",
    ),
    "registry.note.oflist_bad_siret": (
        "{n} {n:organisme|organismes} avec un SIRET qui ne compte pas 14 chiffres, {n:importé|importés} sans "
        "SIRET (première ligne concernée : {row}).",
        "{n} {n:organisation|organisations} with a SIRET that does not have 14 digits, imported without a "
        "SIRET (first row concerned: {row}).",
    ),
    "registry.note.npec_cpne_unknown": (
        "{n} {n:ligne du référentiel cite|lignes du référentiel citent} une CPNE absente de l'onglet "
        "CPNE-IDCC (codes {codes}) : aucune branche, aucun lien pour {n:cette ligne|ces lignes}.",
        "{n} {n:row|rows} of the referential {n:cites|cite} a CPNE missing from the CPNE-IDCC sheet (codes "
        "{codes}): no branch, no tie for {n:this row|these rows}.",
    ),
    "registry.note.npec_cpne_without_idcc": (
        "{n} {n:ligne du référentiel cite|lignes du référentiel citent} une CPNE sans IDCC dans l'onglet "
        "CPNE-IDCC (codes {codes}) : aucun lien pour {n:cette ligne|ces lignes}.",
        "{n} {n:row|rows} of the referential {n:cites|cite} a CPNE without an IDCC in the CPNE-IDCC sheet "
        "(codes {codes}): no tie for {n:this row|these rows}.",
    ),
    "registry.note.rncp_inactive": (
        "{n} {n:fiche inactive importée|fiches inactives importées} avec l'étiquette « inactive » (date de "
        "fin d'enregistrement en « until »).",
        "{n} inactive {n:record|records} imported with the “inactive” tag (end of registration date in "
        "“until”).",
    ),
    "registry.note.rncp_no_table": ("Pas de tableau {table} dans l'archive : aucun lien de ce tableau.",
                                    "No {table} table in the archive: no tie from that table."),
    "registry.note.rncp_renumbered": (
        "{n} {n:convention du tableau CCN porte|conventions du tableau CCN portent} un numéro autre que "
        "l'IDCC de la branche de même nom dans la carte (ex. {number} « {label} » : IDCC {idcc}) ; le numéro "
        "publié est peut-être celui de la brochure JO. {n:Elle est rattachée|Elles sont rattachées} à la "
        "branche de la carte.",
        "{n} {n:agreement|agreements} of the CCN table {n:carries|carry} a number other than the IDCC of the "
        "map's branch of the same name (e.g. {number} “{label}”: IDCC {idcc}); the published number may be "
        "that of the JO brochure. {n:It is|They are} attached to the map's branch.",
    ),
    # views, diagrams and the map's files
    "problems.format_unknown": ("format inconnu « {name} » (choix : {choices})", "unknown format “{name}” (choices: {choices})"),
    "problems.chart_unknown": ("graphique inconnu « {name} » (choix : {choices})",
                               "unknown chart “{name}” (choices: {choices})"),
    "problems.layout_unknown": ("mise en page inconnue « {name} » (choix : {choices})",
                                "unknown layout “{name}” (choices: {choices})"),
    "problems.france_measure_unknown": ("mesure inconnue « {name} » pour la carte de France (choix : {choices})",
                                        "unknown measure “{name}” for the France map (choices: {choices})"),
    "problems.france_needs_opco": ("la mesure « {measure} » se lit pour un OPCO : indiquez-le (--opco)",
                                   "the “{measure}” measure is read for one OPCO: name it (--opco)"),
    "problems.france_not_opco": ("« {id} » n'est pas un OPCO : les manques de couverture se lisent pour un OPCO",
                                 "“{id}” is not an OPCO: coverage gaps are read for an OPCO"),
    "problems.write_failed": ("{path} : écriture impossible ({reason})", "{path}: cannot be written ({reason})"),
    # analysis
    "problems.actor_unknown": ("acteur inconnu : « {id} »", "unknown actor: “{id}”"),
    "problems.anchor_as_of": ("« {id} » n'existait pas {when} : retirez la date pour le voir",
                              "“{id}” did not exist {when}: remove the date to see it"),
    "problems.anchor_dataset": ("« {id} » n'est pas dans le jeu {name} : retirez ce jeu pour le voir",
                                "“{id}” is not in dataset {name}: remove that dataset to see it"),
    "problems.metric_unknown": ("métrique inconnue : {names} (connues : {known})", "unknown metric: {names} (known: {known})"),
    "problems.what_if_one_thing": ("indiquez soit un acteur, soit un type de relation à retirer",
                                   "give either an actor or a relationship type to remove"),
    # edits (the app's forms, opcomap edit)
    "problems.edit_read_only": (
        "L'application est en lecture seule : les modifications sont refusées. Elle l'est quand NEO4J_URI "
        "désigne un serveur distant ; OPCOMAP_READ_ONLY=false (ou true) impose le choix.",
        "The app is read-only: edits are refused. It is when NEO4J_URI names a remote server; "
        "OPCOMAP_READ_ONLY=false (or true) forces the choice."),
    "problems.edit_no_name": ("Indiquez votre nom avant de modifier la carte : il est enregistré dans l'historique.",
                              "Give your name before editing the map: it is recorded in the history."),
    "problems.edit_no_actor": ("Aucun acteur d'identifiant « {id} ».", "No actor with id “{id}”."),
    "problems.edit_no_tie": ("Aucune relation de clé « {key} ».", "No relationship with key “{key}”."),
    "problems.edit_nothing_changed": ("Aucune modification : la fiche est identique à la version enregistrée.",
                                      "Nothing changed: the record is the same as the saved version."),
    "problems.edit_kind_breaks_tie": (
        "impossible de changer le genre : la relation {key} deviendrait invalide ({what})",
        "the kind cannot change: the relationship {key} would become invalid ({what})"),
    "problems.edit_merge_same": ("choisissez deux acteurs différents", "choose two different actors"),
    "problems.edit_merge_tie": ("la relation {key} ne peut pas être reportée : {what}",
                                "the relationship {key} cannot be carried over: {what}"),
    "problems.edit_end_date_required": ("date de fin obligatoire pour terminer une relation",
                                        "an end date is required to end a relationship"),
    "problems.edit_delete_unconfirmed": (
        "Suppression non confirmée : cochez la case de confirmation pour supprimer la relation.",
        "Deletion not confirmed: tick the confirmation box to delete the relationship."),
    "problems.edit_change_not_found": ("Modification « {id} » introuvable dans l'historique.",
                                       "Change “{id}” not found in the history."),
    "problems.edit_already_undone": ("Cette modification a déjà été annulée.", "This change has already been undone."),
    # publishing by review (opcomap review, the Relecture page)
    "problems.review_cannot_propose": (
        "{who} ne peut pas modifier la carte : son rôle permet seulement de la consulter.",
        "{who} may not edit the map: their role only allows reading it."),
    "problems.review_cannot_review": (
        "{who} ne peut pas relire les propositions : il faut le rôle de relecteur ou d'administrateur.",
        "{who} may not review proposals: it takes the reviewer or admin role."),
    "problems.review_own": (
        "Vous ne pouvez pas relire votre propre proposition « {id} » : une autre personne doit l'accepter ou "
        "la refuser (vous pouvez la retirer). OPCOMAP_REVIEW_OWN=true l'autorise pour une équipe d'un seul relecteur.",
        "You may not review your own proposal “{id}”: someone else must accept or reject it (you may withdraw it). "
        "OPCOMAP_REVIEW_OWN=true allows it for a team with one reviewer."),
    "problems.review_not_found": ("Aucune proposition d'identifiant « {id} ».", "No proposal with id “{id}”."),
    "problems.review_ambiguous": (
        "{n} {n:proposition a|propositions ont} un identifiant commençant par « {id} » : donnez-en "
        "davantage.",
        "{n} {n:proposal has|proposals have} an id beginning with “{id}”: give more of it.",
    ),
    "problems.review_decided": ("La proposition « {id} » n'est plus en attente : elle a été {status}.",
                                "Proposal “{id}” is no longer pending: it was {status}."),
    "problems.review_reason_required": (
        "Indiquez pourquoi vous refusez cette proposition : la raison est transmise à son auteur et gardée "
        "dans l'historique.",
        "Say why you reject this proposal: the reason goes to its author and stays in the history."),
    "problems.review_not_yours": (
        "La proposition « {id} » est de {who} : seul son auteur peut la retirer.",
        "Proposal “{id}” is by {who}: only its author may withdraw it."),
    "problems.review_conflict": (
        "La proposition « {id} » ne peut plus être appliquée : « {record} » a changé sur la carte depuis qu'elle "
        "a été faite ; rien n'a été enregistré. Refusez-la en le disant, pour que son auteur la refasse sur la "
        "version actuelle.",
        "Proposal “{id}” can no longer be applied: “{record}” has changed on the map since it was made; nothing "
        "was saved. Reject it saying so, so that its author makes it again on the current version."),
    "problems.edit_actor_gone": ("L'acteur « {id} » n'existe plus (supprimé ou fusionné depuis son ouverture).",
                                 "Actor “{id}” no longer exists (deleted or merged since it was opened)."),
    "problems.edit_tie_gone": ("La relation « {key} » n'existe plus (supprimée depuis son ouverture).",
                               "Relationship “{key}” no longer exists (deleted since it was opened)."),
    "problems.edit_no_source": ("au moins une source est obligatoire : indiquez au moins son titre",
                                "at least one source is required: give at least its title"),
    # uploads beside the map (the Données page)
    "problems.source_twice_on_map": ("source « {id} » en double (déjà définie sur la carte affichée)",
                                     "source “{id}” given twice (already defined on the map shown)"),
    "problems.anchor_kind_differs_on_map": ("« {id} » est de genre {kind} sur la carte affichée, pas {given}",
                                            "“{id}” is of kind {kind} on the map shown, not {given}"),
    "problems.id_twice_on_map": ("identifiant « {id} » en double (déjà défini sur la carte affichée)",
                                 "id “{id}” given twice (already defined on the map shown)"),
    "problems.id_twice_differs_on_map": (
        "identifiant « {id} » en double (déjà défini sur la carte affichée) ; les deux définitions diffèrent",
        "id “{id}” given twice (already defined on the map shown); the two definitions differ"),
    "problems.tie_twice_on_map": (
        "relation en double : {source} {type} {target} avec la même date de début (déjà sur la carte affichée)",
        "relationship given twice: {source} {type} {target} with the same start date (already on the map shown)"),
    "problems.upload_actor_differs": (
        "l'acteur « {id} » est déjà sur la carte affichée avec une autre définition ({fields}) : "
        "retirez d'abord le jeu qui l'a apporté, ou corrigez-le sur la carte",
        "actor “{id}” is already on the map shown with another definition ({fields}): "
        "remove the dataset that brought it first, or correct it on the map"),
    "problems.upload_tie_differs": (
        "la carte affichée a déjà la relation {source} {type} {target} avec d'autres valeurs "
        "(un import précédent du même registre ? retirez-le d'abord)",
        "the map shown already has the relationship {source} {type} {target} with other values "
        "(an earlier import of the same registry? remove it first)"),
    "problems.more": ("… et {n} {n:autre problème|autres problèmes}", "… and {n} more {n:problem|problems}"),
    "problems.importer_missing": ("l'importeur du registre « {registry} » n'est pas disponible",
                                  "the importer of the “{registry}” registry is not available"),
    "problems.dataset_name_invalid": (
        "nom de jeu de données invalide « {name} » : minuscules, chiffres, - et _, 60 caractères au plus, "
        "en commençant par une lettre ou un chiffre",
        "invalid dataset name “{name}”: lower-case letters, digits, - and _, 60 characters at most, "
        "starting with a letter or a digit"),
    "problems.dataset_name_reserved": (
        "« {name} » est réservé aux modifications faites dans l'application : choisissez un autre nom",
        "“{name}” is kept for the edits made in the app: choose another name"),
    "problems.dataset_taken": (
        "un jeu de données « {name} » est déjà sur la carte : choisissez un autre nom, ou retirez d'abord l'ancien",
        "a dataset “{name}” is already on the map: choose another name, or remove the old one first"),
    "problems.dataset_missing": ("aucun jeu de données « {name} » dans {folder}", "no dataset “{name}” in {folder}"),
    "problems.folder_not_created": ("Impossible de créer le dossier {folder} ({reason}).",
                                    "Cannot create the folder {folder} ({reason})."),
    "problems.edit_actor_exists_now": (
        "L'acteur « {ident} » a été créé entre-temps par quelqu'un d'autre ; rien n'a été enregistré.",
        "Actor “{ident}” was created meanwhile by someone else; nothing was saved.",
    ),
    "problems.edit_tie_exists_now": (
        "La relation « {ident} » a été créée entre-temps par quelqu'un d'autre ; rien n'a été enregistré.",
        "Relationship “{ident}” was created meanwhile by someone else; nothing was saved.",
    ),
    "problems.edit_still_tied": (
        "L'acteur « {ident} » a des relations ajoutées depuis cette modification ; "
        "supprimez-les ou terminez-les d'abord. Rien n'a été enregistré.",
        "Actor “{ident}” has relationships added since this change; delete or end them first. Nothing was saved."),
    "problems.edit_missing_end": (
        "La relation « {key} » relie un acteur qui n'existe plus (« {ident} ») ; rien n'a été enregistré.",
        "Relationship “{key}” joins an actor that no longer exists (“{ident}”); nothing was saved."),
}
