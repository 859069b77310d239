"""The footage library's name search (evidence.library), on SQLite: a full-text index of
file names with the trigram tokenizer, so that "names containing DSJ_0999" is answered
from the index instead of reading a million names (benchmarks/stats_scale.py: 500 ms
became a few ms). Migration 0020 makes it and the triggers that keep it with the table;
a model knows nothing of it, so the models-match-migrations check leaves it out
(``is_search_index``).

It keeps its own copy of each name with the footage id, not the table's rowid: a table
whose key is not an INTEGER PRIMARY KEY may be renumbered by VACUUM. A migration that
rebuilds the footage table (Alembic's batch "move and copy") drops the triggers with it
and must make them again (``TRIGGERS``); tests/db checks they are there at the head.

On PostgreSQL the library searches names with LIKE (a workstation on PostgreSQL holds a
bureau's footage, not a county's ten years)."""
from __future__ import annotations

NAME_INDEX = "footage_name_fts"
MIN_TRIGRAM = 3                  # a trigram index cannot answer a shorter text

CREATE = (f"CREATE VIRTUAL TABLE {NAME_INDEX} USING fts5("
          "original_name, footage_id UNINDEXED, tokenize = 'trigram')")
TRIGGERS = (
    f"CREATE TRIGGER {NAME_INDEX}_insert AFTER INSERT ON footage BEGIN "
    f"INSERT INTO {NAME_INDEX} (original_name, footage_id) VALUES (new.original_name, new.id); "
    "END",
    f"CREATE TRIGGER {NAME_INDEX}_delete AFTER DELETE ON footage BEGIN "
    f"DELETE FROM {NAME_INDEX} WHERE footage_id = old.id; END",
    f"CREATE TRIGGER {NAME_INDEX}_update AFTER UPDATE OF original_name, id ON footage BEGIN "
    f"DELETE FROM {NAME_INDEX} WHERE footage_id = old.id; "
    f"INSERT INTO {NAME_INDEX} (original_name, footage_id) VALUES (new.original_name, new.id); "
    "END",
)
FILL = (f"INSERT INTO {NAME_INDEX} (original_name, footage_id) "
        "SELECT original_name, id FROM footage")


def is_search_index(name: str) -> bool:
    """The index's table and the shadow tables FTS5 keeps beside it."""
    return name == NAME_INDEX or name.startswith(f"{NAME_INDEX}_")


def match_phrase(text: str) -> str:
    """``text`` as one FTS5 phrase: anything it holds is taken literally."""
    return '"' + text.replace('"', '""') + '"'


def no_search_index(name: str | None, type_: str, _parents: object) -> bool:
    """For Alembic's comparison of models and schema (``include_name``): all but the index."""
    return not (type_ == "table" and name is not None and is_search_index(name))
