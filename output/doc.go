// Package output writes baogao's tables as a Parquet dataset.
//
// A dataset is a folder with one sub-folder per table — documents,
// sentences, quantities, times, entities, errors — each holding
// part-*.parquet files (zstd, dictionary-encoded repeating strings,
// delta-encoded offsets and counts, optional columns for nullable values),
// plus manifest.json at the root.
// DuckDB reads a table with read_parquet('out/quantities/*.parquet'),
// pandas with pd.read_parquet('out/quantities').
//
// Parts are written under a hidden temporary name (".part-….parquet.tmp")
// and renamed into place only when complete, so a reader never sees a
// half-written file; the manifest is replaced the same way.
//
// Offsets in the tables are Unicode code-point offsets: start/end into
// documents.text, raw_start/raw_end into the source as read, so Python's
// text[start:end] returns the span.
package output
