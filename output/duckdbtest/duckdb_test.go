package duckdbtest

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"

	"github.com/baogao/baogao/extract"
	"github.com/baogao/baogao/output"
	"github.com/baogao/baogao/rules"
	"github.com/baogao/baogao/segment"
)

// sampleDataset runs the pipeline on the embedded sample into a fresh
// folder.
func sampleDataset(t *testing.T) string {
	t.Helper()
	set, err := rules.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	pipe, err := extract.New(set)
	if err != nil {
		t.Fatal(err)
	}
	seg, err := segment.Default()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	sum, err := output.Run(context.Background(), output.Job{Out: dir, Segmenter: seg, Pipeline: pipe, RulesHash: set.Hash(), Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Documents != 1 {
		t.Fatalf("documents: got %d; want 1", sum.Documents)
	}
	return dir
}

func TestDuckDBReadsEveryTable(t *testing.T) {
	dir := sampleDataset(t)
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, table := range output.Tables {
		glob := filepath.Join(dir, table.Name, "*.parquet")
		if _, err := db.Exec(fmt.Sprintf("CREATE VIEW %s AS SELECT * FROM read_parquet('%s')", table.Name, glob)); err != nil {
			t.Fatalf("%s: %v", table.Name, err)
		}
		// Every documented column is there, in order.
		rows, err := db.Query(fmt.Sprintf("SELECT column_name FROM (DESCRIBE %s)", table.Name))
		if err != nil {
			t.Fatalf("%s: %v", table.Name, err)
		}
		var cols []string
		for rows.Next() {
			var c string
			rows.Scan(&c)
			cols = append(cols, c)
		}
		rows.Close()
		if len(cols) != len(table.Columns) {
			t.Errorf("%s columns: got %v; want %d columns", table.Name, cols, len(table.Columns))
			continue
		}
		for i, c := range table.Columns {
			if cols[i] != c.Name {
				t.Errorf("%s column %d: got %s; want %s", table.Name, i, cols[i], c.Name)
			}
		}
	}

	count := func(q string) int {
		t.Helper()
		var n int
		if err := db.QueryRow(q).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return n
	}
	if n := count("SELECT count(*) FROM documents"); n != 1 {
		t.Errorf("documents: got %d rows; want 1", n)
	}
	if n := count("SELECT count(*) FROM sentences"); n == 0 {
		t.Error("sentences: no rows")
	}
	if n := count("SELECT count(*) FROM quantities"); n == 0 {
		t.Error("quantities: no rows")
	}
	if n := count("SELECT count(*) FROM errors"); n != 0 {
		t.Errorf("errors: got %d rows; want 0", n)
	}
	// Offsets are code points into documents.text: DuckDB's substring
	// (1-based, in characters) must give back each row's text.
	for _, table := range []string{"sentences", "quantities", "times", "entities"} {
		q := fmt.Sprintf(`SELECT count(*) FROM %s x JOIN documents d USING (doc_id)
			WHERE substring(d.text, x.start + 1, x."end" - x.start) <> x.text`, table)
		if n := count(q); n != 0 {
			t.Errorf("%s: %d rows whose start/end do not give back their text", table, n)
		}
	}
	// A typed aggregate over the figures.
	var total float64
	if err := db.QueryRow("SELECT sum(value) FROM quantities WHERE unit = 'CNY'").Scan(&total); err != nil {
		t.Fatal(err)
	}
	if total <= 0 {
		t.Errorf("sum of CNY figures: got %v; want > 0", total)
	}
}
