"""Accounts and roles: the sign-in page, the sidebar's account line, ``opcomap users`` and their errors."""

WORDS: dict[str, tuple[str, str]] = {
    # -- roles ---------------------------------------------------------------------------------
    "auth.role.viewer": ("lecteur", "viewer"),
    "auth.role.editor": ("éditeur", "editor"),
    "auth.role.reviewer": ("relecteur", "reviewer"),
    "auth.role.admin": ("administrateur", "admin"),
    # -- the app -------------------------------------------------------------------------------
    "auth.single_user": (
        "Mode mono-utilisateur : aucun compte, quiconque ouvre l'application peut la modifier. "
        "Pour exiger une connexion : `opcomap users add NOM --role admin`.",
        "Single-user mode: no accounts, whoever opens the app may change it. "
        "To require signing in: `opcomap users add NAME --role admin`.",
    ),
    "auth.title": ("Connexion", "Sign in"),
    "auth.intro": (
        "Cette carte est réservée aux comptes de l'organisation : connectez-vous pour continuer.",
        "This map is for the organisation's accounts: sign in to continue.",
    ),
    "auth.name": ("Nom du compte", "Account name"),
    "auth.password": ("Mot de passe", "Password"),
    "auth.submit": ("Se connecter", "Sign in"),
    "auth.refused": ("Nom ou mot de passe incorrect.", "Wrong name or password."),
    "auth.locked": (
        "Trop d'essais manqués pour ce compte : réessayez dans {minutes} min.",
        "Too many failed attempts for this account: try again in {minutes} min.",
    ),
    "auth.oidc_button": ("Se connecter avec le compte de l'organisation", "Sign in with the organisation's account"),
    "auth.oidc_missing": (
        "Un fournisseur d'identité est configuré (`[auth]`), mais la bibliothèque Authlib manque : "
        "`pip install \"opcomap[oidc]\"` sur le serveur.",
        "An identity provider is configured (`[auth]`), but the Authlib library is missing: "
        "`pip install \"opcomap[oidc]\"` on the server.",
    ),
    "auth.oidc_refused": (
        "Le fournisseur d'identité vous a reconnu ({name}), mais cette carte ne vous a pas ouvert de compte : "
        "demandez-en un à son administrateur.",
        "The identity provider recognised you ({name}), but this map has no account for you: "
        "ask its administrator for one.",
    ),
    "auth.expired": ("Votre session a expiré : reconnectez-vous.", "Your session has expired: sign in again."),
    "auth.signed_in_as": ("Connecté : **{name}** ({role})", "Signed in: **{name}** ({role})"),
    "auth.sign_out": ("Se déconnecter", "Sign out"),
    "auth.not_allowed": (
        "Votre rôle ({role}) permet de consulter la carte, pas de la modifier.",
        "Your role ({role}) may read the map, not change it.",
    ),
    "auth.not_yours": (
        "Cette modification n'est pas faite sous votre compte : rien n'est enregistré. Rechargez la page.",
        "This change is not made under your account: nothing is saved. Reload the page.",
    ),
    "auth.edit_as": (
        "Modifications enregistrées sous votre compte : **{who}**",
        "Changes recorded under your account: **{who}**",
    ),
    # -- opcomap users ---------------------------------------------------------------------------
    "cli.help.users": (
        "Comptes de l'application (add, remove, passwd, role, list). Sans compte, l'application est en "
        "mode mono-utilisateur ; dès le premier compte, chaque visiteur doit se connecter.",
        "The app's accounts (add, remove, passwd, role, list). Without accounts the app runs in "
        "single-user mode; from the first account on, every visitor must sign in.",
    ),
    "cli.help.users_add": (
        "Ajoute un compte avec son rôle ; le mot de passe est demandé deux fois sans être affiché.",
        "Add an account with its role; the password is asked twice and never shown.",
    ),
    "cli.help.users_remove": ("Supprime un compte.", "Remove an account."),
    "cli.help.users_passwd": ("Change le mot de passe d'un compte.", "Change an account's password."),
    "cli.help.users_role": ("Change le rôle d'un compte.", "Change an account's role."),
    "cli.help.users_list": (
        "Liste les comptes : nom, rôle, mode de connexion (jamais un mot de passe ni une empreinte).",
        "List the accounts: name, role, how they sign in (never a password or a hash).",
    ),
    "cli.arg.user_name": (
        "Nom du compte ; avec --oidc, l'adresse e-mail (ou l'identifiant « sub ») que donne le fournisseur "
        "d'identité.",
        "Account name; with --oidc, the e-mail address (or the `sub` identifier) the identity provider gives.",
    ),
    "cli.arg.user_role": ("Nouveau rôle : viewer, editor, reviewer ou admin.",
                          "New role: viewer, editor, reviewer or admin."),
    "cli.opt.role": (
        "Rôle : viewer (consulte), editor (modifie, dépose des fichiers), reviewer (valide les propositions), "
        "admin (tout).",
        "Role: viewer (reads), editor (edits, uploads files), reviewer (accepts proposals), admin (everything).",
    ),
    "cli.opt.password_stdin": (
        "Lit le mot de passe sur l'entrée standard (une ligne), pour un script, au lieu de le demander.",
        "Read the password from standard input (one line), for a script, instead of asking for it.",
    ),
    "cli.opt.oidc": (
        "Compte sans mot de passe, connecté par le fournisseur d'identité de l'organisation (OpenID Connect).",
        "Account without a password, signed in by the organisation's identity provider (OpenID Connect).",
    ),
    "cli.users.password_prompt": ("Mot de passe", "Password"),
    "cli.users.password_again": ("Mot de passe (encore)", "Password (again)"),
    "cli.users.added": ("Compte {name} ajouté dans {file} ; rôle : {role}.", "Account {name} added to {file}; role: {role}."),
    "cli.users.removed": ("Compte {name} supprimé de {file}.", "Account {name} removed from {file}."),
    "cli.users.password_changed": ("Mot de passe {name:de} changé.", "Password of {name} changed."),
    "cli.users.role_changed": ("{name} a désormais le rôle {role}.", "{name} now has the role {role}."),
    "cli.users.none": (
        "Aucun compte dans {file} : l'application est en mode mono-utilisateur.",
        "No account in {file}: the app runs in single-user mode.",
    ),
    "cli.users.title": ("Comptes de {file}", "Accounts in {file}"),
    "cli.col.role": ("rôle", "role"),
    "cli.col.sign_in": ("connexion", "sign-in"),
    "cli.users.by_password": ("mot de passe", "password"),
    "cli.users.by_oidc": ("fournisseur d'identité (OIDC)", "identity provider (OIDC)"),
    # -- errors ------------------------------------------------------------------------------------
    "auth.unknown_role": (
        "rôle inconnu « {role} » : les rôles sont {roles}.",
        "unknown role “{role}”: the roles are {roles}.",
    ),
    "auth.bad_name": (
        "nom de compte invalide « {name} » : il faut de 1 à {most} {most:caractère|caractères}, sans "
        "caractère de contrôle.",
        "invalid account name “{name}”: 1 to {most} {most:character|characters}, no control character.",
    ),
    "auth.short_password": (
        "mot de passe trop court : il faut au moins {least} {least:caractère|caractères}.",
        "password too short: at least {least} {least:character|characters}.",
    ),
    "auth.password_mismatch": (
        "les deux mots de passe tapés diffèrent ; rien n'a changé.",
        "the two passwords typed differ; nothing changed.",
    ),
    "auth.no_stdin_password": (
        "aucun mot de passe sur l'entrée standard (--password-stdin attend une ligne).",
        "no password on standard input (--password-stdin expects one line).",
    ),
    "auth.oidc_password": (
        "--oidc et --password-stdin s'excluent : un compte OIDC n'a pas de mot de passe.",
        "--oidc and --password-stdin exclude each other: an OIDC account has no password.",
    ),
    "auth.oidc_no_password": (
        "{name} se connecte par le fournisseur d'identité (OIDC) : son compte n'a pas de mot de passe.",
        "{name} signs in through the identity provider (OIDC): the account has no password.",
    ),
    "auth.user_exists": ("le compte {name} existe déjà.", "account {name} already exists."),
    "auth.unknown_user": ("aucun compte {name} dans {file}.", "no account {name} in {file}."),
    "auth.file_unreadable": ("fichier de comptes {file} illisible : {detail}.",
                             "accounts file {file} cannot be read: {detail}."),
    "auth.file_corrupt": (
        "fichier de comptes {file} abîmé : {detail}. Corrigez-le ou restaurez-le ; aucune connexion n'est "
        "possible en attendant.",
        "accounts file {file} is damaged: {detail}. Fix or restore it; nobody can sign in meanwhile.",
    ),
    "auth.not_argon2": ("l'empreinte du compte {name} n'est pas une empreinte Argon2",
                        "the hash of account {name} is not an Argon2 hash"),
}
