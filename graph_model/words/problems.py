"""Problems in data files, validation and the domain's errors: French first, then English."""

WORDS: dict[str, tuple[str, str]] = {
    "problem.row": (", ligne {row}", ", row {row}"),
    "problem.column": (", colonne « {column} »", ", column “{column}”"),
    "problem.where_what": ("{where} : {what}", "{where}: {what}"),
    "problems.count": ("{n} problème(s) dans les données", "{n} problem(s) in the data"),
}
