"""Reconciling a registry import with the map: kinds of difference and their notes: French first, then English.

``reconcile.kind.*`` name the kinds of difference (their codes are stable: CSV and
JSON carry them), ``reconcile.says.*`` what the map or the registry says,
``reconcile.note.*`` what was not compared, ``reconcile.fix.*`` the summaries and
reasons written into the edit history (in French: the history is one record).
"""

WORDS: dict[str, tuple[str, str]] = {
    # -- kinds of difference, in display order (opcomap.reconcile.KINDS) --
    "reconcile.kind.branch_other_opco": ("Branche rattachée à un autre OPCO", "Branch attached to another OPCO"),
    "reconcile.kind.branch_unattached": ("Branche sans OPCO sur la carte", "Branch without an OPCO on the map"),
    "reconcile.kind.branch_missing": ("Branche absente de la carte", "Branch missing from the map"),
    "reconcile.kind.attachment_unsupported": ("Rattachement que le registre ne confirme plus",
                                              "Attachment the registry no longer supports"),
    "reconcile.kind.attachment_missing": ("Rattachement absent de la carte", "Attachment missing from the map"),
    "reconcile.kind.qualiopi_lost": ("Catégorie Qualiopi perdue", "Qualiopi category lost"),
    "reconcile.kind.qualiopi_gained": ("Catégorie Qualiopi absente de la carte",
                                       "Qualiopi category missing from the map"),
    "reconcile.kind.cfa_without_apprenticeship": ("CFA sans la catégorie apprentissage",
                                                  "CFA without the apprenticeship category"),
    "reconcile.kind.organisation_not_listed": ("Organisme absent de la liste", "Organisation not in the list"),
    "reconcile.kind.region_differs": ("Région différente", "Different Région"),
    "reconcile.kind.certification_ended": ("Certification terminée", "Certification ended"),
    "reconcile.kind.covers_branch_missing": ("Branche de la certification absente de la carte",
                                             "Certification's branch missing from the map"),
    "reconcile.kind.covers_branch_unsupported": ("Branche de la certification que le registre ne confirme plus",
                                                 "Certification's branch the registry no longer supports"),
    "reconcile.kind.funding_level_differs": ("Niveau de prise en charge différent", "Different funding level"),
    "reconcile.kind.funding_level_missing": ("Niveau de prise en charge absent de la carte",
                                             "Funding level missing from the map"),
    "reconcile.kind.funding_level_unsupported": ("Niveau de prise en charge que le registre ne confirme plus",
                                                 "Funding level the registry no longer supports"),
    # -- the Qualiopi categories of the public list of training organisations --
    "reconcile.qualiopi.actions-de-formation": ("actions de formation", "training actions"),
    "reconcile.qualiopi.bilans-de-competences": ("bilans de compétences", "skills assessments"),
    "reconcile.qualiopi.vae": ("VAE", "accreditation of prior learning (VAE)"),
    "reconcile.qualiopi.apprentissage": ("apprentissage", "apprenticeship"),
    # -- the import folder --
    "reconcile.import.described": ("{title} du {day}", "{title} of {day}"),
    "reconcile.import.source_title": ("{title} (fichier du {day})", "{title} (file of {day})"),
    "reconcile.import.not_an_import": (
        "{path} n'est pas un dossier écrit par `opcomap import` (il n'a pas de fichier import.toml lisible) : "
        "donnez le dossier passé à --output.",
        "{path} is not a folder written by `opcomap import` (it has no readable import.toml file): "
        "give the folder passed to --output."),
    "reconcile.import.unknown_registry": ("registre « {registry} » inconnu ; registres lus : {known}",
                                          "unknown registry “{registry}”; registries read: {known}"),
    "reconcile.import.no_file_date": ("date du fichier absente ou illisible", "file date missing or unreadable"),
    # -- what the map and the registry say: siro --
    "reconcile.says.names": ("{names}", "{names}"),  # names from the data, the same in both languages
    "reconcile.says.with_counts": ("{name} ({counts})", "{name} ({counts})"),
    "reconcile.says.establishments": (
        "{n} {n:établissement|établissements}",
        "{n} {n:establishment|establishments}",
    ),
    "reconcile.says.share": ("{percent} %", "{percent}%"),
    "reconcile.says.no_opco": ("aucun OPCO", "no OPCO"),
    "reconcile.says.not_on_map": ("absente de la carte", "not on the map"),
    "reconcile.says.idcc_attached_to": ("IDCC {idcc}, rattachée à {opcos}", "IDCC {idcc}, attached to {opcos}"),
    "reconcile.says.no_attachment": ("aucun rattachement", "no attachment"),
    "reconcile.says.attached_to": ("rattachée à {opcos}", "attached to {opcos}"),
    "reconcile.says.attached_only_to": ("rattachée seulement à {opcos}", "attached only to {opcos}"),
    "reconcile.says.also_attached_to": ("rattachée aussi à {opco}", "also attached to {opco}"),
    "reconcile.says.idcc_not_listed": ("IDCC absent du registre", "IDCC not in the registry"),
    # -- of-list --
    "reconcile.says.no_category": ("aucune catégorie", "no category"),
    "reconcile.says.qualiopi_unspecified": ("Qualiopi (catégorie non précisée)", "Qualiopi (category not given)"),
    "reconcile.says.kind_categories": ("{kind}, catégories : {categories}", "{kind}, categories: {categories}"),
    "reconcile.says.training_org": ("organisme de formation", "training organisation"),
    "reconcile.says.siret": ("SIRET {siret}", "SIRET {siret}"),
    "reconcile.says.siret_in_region": ("SIRET {siret}, {region} ({code})", "SIRET {siret}, {region} ({code})"),
    "reconcile.says.siret_not_listed": ("SIRET absent de la liste", "SIRET not in the list"),
    "reconcile.says.siret_not_listed_in": ("SIRET absent de la liste (import limité aux Régions {regions})",
                                           "SIRET not in the list (import narrowed to Régions {regions})"),
    "reconcile.says.region": ("{region} ({code})", "{region} ({code})"),
    # -- rncp --
    "reconcile.says.covers": ("couvre {branch}", "covers {branch}"),
    "reconcile.says.does_not_cover": ("ne couvre pas {branch}", "does not cover {branch}"),
    "reconcile.says.active_until": ("active jusqu'au {day}", "active until {day}"),
    "reconcile.says.active_no_end": ("active (sans date de fin)", "active (no end date)"),
    "reconcile.says.ended_on": ("terminée le {day}", "ended on {day}"),
    "reconcile.says.inactive": ("inactive", "inactive"),
    # -- npec --
    "reconcile.says.npec": ("{certification} : NPEC {amount} €", "{certification}: NPEC €{amount}"),
    "reconcile.says.npec_not_given": ("{certification} : NPEC non précisé", "{certification}: NPEC not given"),
    "reconcile.says.no_npec": ("aucun NPEC pour {certification}", "no NPEC for {certification}"),
    # -- what was not compared --
    "reconcile.note.branches_without_idcc": (
        "{n} {n:branche|branches} de la carte sans IDCC : {n:son rattachement n'est pas comparé|leur "
        "rattachement n'est pas comparé} (le registre nomme les branches par IDCC).",
        "{n} {n:branch|branches} of the map without an IDCC: {n:its|their} attachment is not compared (the "
        "registry names branches by IDCC).",
    ),
    "reconcile.note.siro_narrowed": (
        "Import limité à une partie du territoire : les branches de la carte absentes du registre ne sont "
        "pas signalées (leurs établissements peuvent être ailleurs).",
        "Import narrowed to part of the territory: the map's branches absent from the registry are not "
        "reported (their establishments may be elsewhere)."),
    "reconcile.note.split_idcc": (
        "{n} {n:rattachement|rattachements} de la carte à un autre OPCO qu'un IDCC partagé : non "
        "{n:signalé|signalés} (l'import ne rattache un IDCC partagé qu'à son OPCO majoritaire ; sa note "
        "détaille le partage).",
        "{n} {n:attachment|attachments} of the map to another OPCO of a split IDCC: not reported (the import "
        "ties a split IDCC to its majority OPCO only; its note gives the split).",
    ),
    "reconcile.note.companies": ("Les rattachements d'entreprises de l'import ne sont pas comparés.",
                                 "The import's company attachments are not compared."),
    "reconcile.note.organisations_without_siret": (
        "{n} {n:organisme|organismes} ou CFA de la carte sans SIRET ni identifiant de la liste : non "
        "{n:comparé|comparés}.",
        "{n} training {n:organisation|organisations} or CFA of the map with neither a SIRET nor a list id: "
        "not compared.",
    ),
    "reconcile.note.organisations_outside": (
        "{n} {n:organisme|organismes} de la carte hors du territoire de l'import : non {n:comparé|comparés}.",
        "{n} {n:organisation|organisations} of the map outside the import's territory: not compared.",
    ),
    "reconcile.note.ties_off_map": (
        "{n} {n:lien|liens} {type} de « {registry} » vers des acteurs absents de la carte : non "
        "{n:listé|listés}.",
        "{n} {type} {n:tie|ties} of “{registry}” to actors not on the map: not listed.",
    ),
    # -- the edit history: summaries, reasons, and why a difference was left as it was --
    "reconcile.fix.actor": ("« {name} » ({id})", "“{name}” ({id})"),
    "reconcile.fix.add_tie": ("Ajout de la relation {tie}", "Relationship {tie} added"),
    "reconcile.fix.new_value": ("Nouvelle valeur de la relation {tie}", "New value of relationship {tie}"),
    "reconcile.fix.end_tie": ("Fin de la relation {tie}", "End of relationship {tie}"),
    "reconcile.fix.certification_ends": ("Fin au {day} de « {name} » ({id})", "“{name}” ({id}) ends on {day}"),
    "reconcile.fix.create_branch": ("Création de la branche {branch} (IDCC {idcc})",
                                    "Branch {branch} created (IDCC {idcc})"),
    "reconcile.fix.detach": ("Fin du rattachement {branch:de} à {opco}", "{branch} no longer attached to {opco}"),
    "reconcile.fix.attach": ("Rattachement {branch:de} à {opcos}", "{branch} attached to {opcos}"),
    "reconcile.fix.reattach": ("Rattachement {branch:de} : {before} → {after}",
                               "{branch} attached to {after} instead of {before}"),
    "reconcile.fix.no_apprenticeship": ("« {name} » ({id}) n'est plus certifié pour l'apprentissage",
                                        "“{name}” ({id}) is no longer certified for apprenticeship"),
    "reconcile.fix.categories": ("Catégories Qualiopi de « {name} » ({id}) selon la liste",
                                 "Qualiopi categories of “{name}” ({id}) as the list gives them"),
    "reconcile.fix.region": ("Région de « {name} » ({id}) : {before} → {after}",
                             "Région of “{name}” ({id}): {before} → {after}"),
    "reconcile.fix.why": (
        "Rapprochement avec « {registry} » du {day} (jeu de données « {dataset} ») : "
        "{kind} — carte : {map} ; registre : {says}",
        "Reconciliation with “{registry}” of {day} (dataset “{dataset}”): "
        "{kind} — map: {map}; registry: {says}"),
    "reconcile.fix.not_on_map": ("l'acteur « {id} » n'est plus sur la carte", "actor “{id}” is no longer on the map"),
    "reconcile.fix.bad_tie": ("{source} {type} {target} : {problem}", "{source} {type} {target}: {problem}"),
    "reconcile.fix.where": ("rapprochement", "reconciliation"),
    "reconcile.fix.no_dataset": ("Indiquez le nom du jeu de données du rapprochement (--dataset NOM).",
                                 "Give the name of the reconciliation's dataset (--dataset NAME)."),
    "reconcile.fix.by_hand": ("à vérifier à la main : le registre ne dit pas pourquoi",
                              "to check by hand: the registry does not say why"),
    "reconcile.fix.up_to_date": ("déjà à jour", "already up to date"),
}
