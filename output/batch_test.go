package output

import (
	"reflect"
	"testing"

	"github.com/baogao/baogao/corpus"
	"github.com/baogao/baogao/extract"
)

// TestBatchReuse checks that a batch built in the memory of a larger
// one that was released holds the rows a new one would, and that the
// rows past them, which the larger one used, are cleared.
func TestBatchReuse(t *testing.T) {
	seg, pipe, _ := testEngine(t)
	big := corpus.Sample()
	bigSents := seg.Sentences(big.Text, paragraphSpans(big))
	bigRecs := pipe.Extract(&extract.Doc{Text: big.Text, Sentences: bigSents})
	if len(bigRecs.Quantities) < 2 || len(bigRecs.Times) == 0 || len(bigRecs.Entities) == 0 {
		t.Fatalf("sample: %d quantities, %d times, %d entities; want some of each",
			len(bigRecs.Quantities), len(bigRecs.Times), len(bigRecs.Entities))
	}
	want := batchRows(testBatch())
	small := corpus.NewDocument("一句话。")
	// The pool need not hand the released batch back: try a few times.
	for range 4 {
		NewBatch(big, bigSents, &bigRecs).Release()
		b := testBatch()
		if got := batchRows(b); !reflect.DeepEqual(got, want) {
			t.Errorf("rows after reuse:\ngot  %+v\nwant %+v", got, want)
		}
		checkCleared(t, "sentences", b.Sentences)
		checkCleared(t, "quantities", b.Quantities)
		checkCleared(t, "times", b.Times)
		checkCleared(t, "entities", b.Entities)
		b.Release()

		NewBatch(big, bigSents, &bigRecs).Release()
		b = NewBatch(small, nil, nil) // a document that failed extraction: no records
		if n := len(b.Quantities) + len(b.Times) + len(b.Entities) + len(b.Errors); len(b.Documents) != 1 || n != 0 {
			t.Errorf("batch without records: %d documents, %d records; want 1, 0", len(b.Documents), n)
		}
		checkCleared(t, "quantities", b.Quantities)
		b.Release()

		ErrorBatch("bad.txt", "", "read", "bad.txt: binary file").Release()
		b = testBatch()
		if got := batchRows(b); !reflect.DeepEqual(got, want) {
			t.Errorf("rows after an error batch:\ngot  %+v\nwant %+v", got, want)
		}
		checkCleared(t, "errors", b.Errors)
		b.Release()
	}
}

// batchRows returns the rows of b, each table as a slice of any so that
// an empty table compares equal whether its slice is nil or not.
func batchRows(b *Batch) [][]any {
	return [][]any{rowsAny(b.Documents), rowsAny(b.Sentences), rowsAny(b.Quantities),
		rowsAny(b.Times), rowsAny(b.Entities), rowsAny(b.Errors)}
}

func rowsAny[T any](rows []T) []any {
	out := []any{}
	for _, r := range rows {
		out = append(out, r)
	}
	return out
}

// checkCleared fails unless the rows of rows' spare capacity are zero.
func checkCleared[T any](t *testing.T, table string, rows []T) {
	t.Helper()
	var zero T
	for i, r := range rows[len(rows):cap(rows)] {
		if !reflect.DeepEqual(r, zero) {
			t.Errorf("%s: row %d past the batch's %d is not cleared: %+v", table, len(rows)+i, len(rows), r)
			return
		}
	}
}
