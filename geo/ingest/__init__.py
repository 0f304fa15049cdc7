"""Import users' own layers and tables: read, detect encoding and CRS, validate row by row, store.

The way in for official data (land-bureau boundaries, evaluation-system enterprise tables), in steps
that each live in their own module:

* :mod:`~geo.ingest.readers` reads the bytes of each format (with size and zip-safety checks) and
  :mod:`~geo.ingest.encoding` finds a shapefile's text encoding;
* :mod:`~geo.ingest.locating` proposes what a file does not say (CRS, axis order, frame, coordinate
  columns), reprojects into WGS-84, repairs geometries and flags features far from Suzhou;
* :mod:`~geo.ingest.columns` maps a table's columns onto the atlas schema with unit conversion, and
  :mod:`~geo.ingest.values` reads cells as people type them;
* :mod:`~geo.ingest.upload` holds :func:`inspect_upload` (look and propose, with :func:`proposed_kind`
  the file's likely use) and :func:`read_upload` (read with the user's choices), with
  :mod:`~geo.ingest.report` the row-level report;
* :mod:`~geo.ingest.userstore` stores imports with their provenance beside the demo store.

Every problem a user can fix is a :class:`~geo.errors.DataValidationError` with a Chinese message.
"""

from geo.errors import DataValidationError
from geo.ingest.base import (
    EXTENSIONS,
    FAR_OUTSIDE_KM,
    FORMATS,
    FRAME_ZH,
    KINDS,
    MAX_TABLE_ROWS,
    MAX_UNZIPPED_BYTES,
    MAX_UPLOAD_BYTES,
    MAX_UPLOAD_MB,
    SUZHOU_BOUNDS,
    CrsSuggestion,
    Kind,
)
from geo.ingest.columns import ENTERPRISE_REQUIRED, FIELD_ZH, ZONE_COLUMNS, merge_mapping, suggest_mapping
from geo.ingest.encoding import detect_dbf_encoding
from geo.ingest.locating import suggest_coordinate_columns, suggest_crs, suggest_frame
from geo.ingest.readers import detect_format
from geo.ingest.report import LEVEL_ZH, REPORT_COLUMNS, report_for_download
from geo.ingest.upload import (
    ImportResult,
    Inspection,
    ReadOptions,
    inspect_upload,
    proposed_kind,
    read_upload,
)
from geo.ingest.userstore import (
    DEFAULT_USER_GPKG,
    MAX_NAME_BYTES,
    METADATA_COLUMNS,
    METADATA_LAYER,
    USER_GPKG_ENV,
    USER_PREFIX,
    delete_user_layer,
    earlier_import,
    layer_name,
    list_user_layers,
    load_user_layer,
    save_import,
    store_stamp,
    suggest_layer_name,
    update_user_layer,
    user_layer_counts,
    user_layer_years,
    user_store,
)
from geo.storage.schema import ENTERPRISES

__all__ = [
    "DEFAULT_USER_GPKG",
    "ENTERPRISES",
    "ENTERPRISE_REQUIRED",
    "EXTENSIONS",
    "FAR_OUTSIDE_KM",
    "FIELD_ZH",
    "FORMATS",
    "FRAME_ZH",
    "KINDS",
    "LEVEL_ZH",
    "MAX_TABLE_ROWS",
    "MAX_UNZIPPED_BYTES",
    "MAX_UPLOAD_BYTES",
    "MAX_UPLOAD_MB",
    "METADATA_COLUMNS",
    "METADATA_LAYER",
    "REPORT_COLUMNS",
    "SUZHOU_BOUNDS",
    "USER_GPKG_ENV",
    "MAX_NAME_BYTES",
    "USER_PREFIX",
    "ZONE_COLUMNS",
    "CrsSuggestion",
    "DataValidationError",
    "ImportResult",
    "Inspection",
    "Kind",
    "delete_user_layer",
    "earlier_import",
    "detect_dbf_encoding",
    "detect_format",
    "inspect_upload",
    "proposed_kind",
    "layer_name",
    "list_user_layers",
    "user_layer_counts",
    "load_user_layer",
    "merge_mapping",
    "read_upload",
    "ReadOptions",
    "report_for_download",
    "save_import",
    "user_layer_years",
    "suggest_coordinate_columns",
    "suggest_crs",
    "suggest_frame",
    "suggest_layer_name",
    "suggest_mapping",
    "store_stamp",
    "update_user_layer",
    "user_store",
]
