// Command rows prints the number of rows of each table of a baogao
// dataset, read with DuckDB, and fails when a table it is told to expect
// rows in has none. CI uses it to check the main job's output.
//
//	go run ./cmd/rows -want quantities DIR
package main

import (
	"database/sql"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	_ "github.com/duckdb/duckdb-go/v2"
)

func main() {
	want := flag.String("want", "quantities", "comma-separated tables that must hold rows")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: rows [-want t1,t2] DATASET-DIR")
		os.Exit(2)
	}
	dir := flag.Arg(0)
	db, err := sql.Open("duckdb", "")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	failed := false
	counts := map[string]int{}
	for _, t := range []string{"documents", "sentences", "quantities", "times", "entities", "errors"} {
		var n int
		q := fmt.Sprintf("SELECT count(*) FROM read_parquet('%s')", filepath.Join(dir, t, "*.parquet"))
		if err := db.QueryRow(q).Scan(&n); err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", t, err)
			failed = true
			continue
		}
		counts[t] = n
		fmt.Printf("%-11s %d\n", t, n)
	}
	for _, t := range strings.Split(*want, ",") {
		if t != "" && counts[t] == 0 {
			fmt.Fprintf(os.Stderr, "%s: no rows\n", t)
			failed = true
		}
	}
	if failed {
		os.Exit(1)
	}
}
