// Package duckdbtest checks that DuckDB reads every table baogao writes.
//
// It is a module of its own so that DuckDB, a cgo dependency, never enters
// the main module's build: the baogao binary stays pure Go. CI runs it
// with `cd output/duckdbtest && go test ./...`.
package duckdbtest
