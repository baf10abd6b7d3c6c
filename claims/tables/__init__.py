"""The release as tables: Parquet and JSON Lines, described for Croissant, Frictionless and Hugging Face.

Needs the ``tables`` extra (pyarrow; pandas for ``to_pandas``): ``pip install 'claimtrack[tables]'``.
"""

from claims.tables.arrow import KEYS, TABLES, record_from_row, table_schema, to_arrow, to_pandas
from claims.tables.files import TABLE_FORMATS, folder_name, release_files, table_files, write_folder

__all__ = [
    "KEYS",
    "TABLES",
    "TABLE_FORMATS",
    "folder_name",
    "record_from_row",
    "release_files",
    "table_files",
    "table_schema",
    "to_arrow",
    "to_pandas",
    "write_folder",
]
