package output

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/baogao/baogao/corpus"
	"github.com/baogao/baogao/extract"
	"github.com/baogao/baogao/segment"
)

func readTable[T any](t *testing.T, dir, table string) []T {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, table, "*.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	var all []T
	for _, f := range files {
		rows, err := parquet.ReadFile[T](f)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		all = append(all, rows...)
	}
	return all
}

// testRaw is a column-broken page whose figure 36.83亿元 is split across
// a line break.
const testRaw = "2019年，北碚区的工业经济呈现出高质量发\n展的好势头。全区工业企业实现的利润\n总额达到 36.83\n亿元，主营业务收入的利润率达到\n5.1%；单位增加值的能耗下降了3.5%。\n"

func testBatch() *Batch {
	// A figure split across a column break: raw offsets must span it.
	doc := corpus.NewDocument(testRaw)
	doc.ID, doc.Source, doc.Format, doc.SHA256 = "a.txt", "a.txt", "txt", "00"
	start := strings.Index(doc.Text, "36.83")
	end := start + len("36.83亿元")
	v := 3683000000.0
	sents := []segment.Sentence{{Start: 0, End: len(doc.Text)}}
	recs := &extract.Records{Quantities: []extract.Quantity{{
		Span: extract.Span{Start: start, End: end}, Text: doc.Text[start:end], Value: v,
		Unit: "CNY", Dimension: "currency", Qualifier: "exact", Indicator: "利润总额", Rule: "unit.currency",
	}}}
	return NewBatch(doc, sents, recs)
}

func TestWriteCommitReadBack(t *testing.T) {
	dir := t.TempDir()
	ds, err := Open(dir, "", "test", "h1")
	if err != nil {
		t.Fatal(err)
	}
	w, err := ds.NewWriter()
	if err != nil {
		t.Fatal(err)
	}
	b := testBatch()
	if err := w.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := w.Write(ErrorBatch("bad.txt", "", "read", "bad.txt: binary file")); err != nil {
		t.Fatal(err)
	}
	c, err := ds.Commit(w, map[string]InputEntry{"a.txt": {SHA256: "00", Documents: 1}})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Parts) != len(Tables) {
		t.Errorf("parts: got %d; want one per table (%d)", len(c.Parts), len(Tables))
	}

	docs := readTable[DocumentRow](t, dir, "documents")
	if !reflect.DeepEqual(docs, b.Documents) {
		t.Errorf("documents: got %+v; want %+v", docs, b.Documents)
	}
	qs := readTable[QuantityRow](t, dir, "quantities")
	if len(qs) != 1 {
		t.Fatalf("quantities: got %d rows; want 1", len(qs))
	}
	q := qs[0]
	text := []rune(docs[0].Text)
	if q.Text != "36.83亿元" || string(text[q.Start:q.End]) != q.Text {
		t.Errorf("quantity: got %q [%d,%d) = %q; want 36.83亿元", q.Text, q.Start, q.End, string(text[q.Start:q.End]))
	}
	raw := []rune(testRaw)
	if got := string(raw[q.RawStart:q.RawEnd]); got != "36.83\n亿元" {
		t.Errorf("raw span: got %q; want %q", got, "36.83\n亿元")
	}
	if q.Change != nil || q.ValueMax != nil || q.Indicator == nil || *q.Indicator != "利润总额" {
		t.Errorf("nullable columns: got change=%v value_max=%v indicator=%v", q.Change, q.ValueMax, q.Indicator)
	}
	errs := readTable[ErrorRow](t, dir, "errors")
	if len(errs) != 1 || errs[0].Source != "bad.txt" || errs[0].DocID != nil {
		t.Errorf("errors: got %+v", errs)
	}

	m, err := ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	if m.Inputs["a.txt"].SHA256 != "00" || m.RulesHash != "h1" || len(m.Parts) != len(Tables) {
		t.Errorf("manifest: got %+v", m)
	}
	// No hidden file is left behind.
	hidden, _ := filepath.Glob(filepath.Join(dir, "*", ".*"))
	if len(hidden) != 0 {
		t.Errorf("hidden files left: %v", hidden)
	}

	// Reopened, the input is done with the same rules and not with others.
	ds2, err := Open(dir, "", "test", "h1")
	if err != nil {
		t.Fatal(err)
	}
	if !ds2.Done("a.txt", "00") || ds2.Done("a.txt", "01") {
		t.Error("Done: want true for the same digest only")
	}
	ds3, _ := Open(dir, "", "test", "h2")
	if ds3.Done("a.txt", "00") {
		t.Error("Done: new rules must mean reprocessing")
	}
}

func TestEmptyTablesGetOnePart(t *testing.T) {
	dir := t.TempDir()
	for i := range 2 {
		ds, err := Open(dir, "", "test", "h")
		if err != nil {
			t.Fatal(err)
		}
		w, _ := ds.NewWriter()
		w.Write(testBatch())
		if _, err := ds.Commit(w, map[string]InputEntry{"a.txt": {SHA256: string(rune('0' + i))}}); err != nil {
			t.Fatal(err)
		}
	}
	// errors and times never got rows: one (empty) part carries the schema.
	for table, want := range map[string]int{"errors": 1, "times": 1, "documents": 2} {
		files, _ := filepath.Glob(filepath.Join(dir, table, "*.parquet"))
		if len(files) != want {
			t.Errorf("%s: got %d parts; want %d", table, len(files), want)
		}
	}
	m, _ := ReadManifest(dir)
	if len(m.Superseded) != 1 || m.Superseded[0].Source != "a.txt" {
		t.Errorf("superseded: got %+v; want the first commit of a.txt", m.Superseded)
	}
}

func TestRecover(t *testing.T) {
	dir := t.TempDir()
	ds, err := Open(dir, "", "test", "h")
	if err != nil {
		t.Fatal(err)
	}
	// A run killed after its parts were complete and its pending commit
	// was written, before the renames.
	w, _ := ds.NewWriter()
	w.Write(testBatch())
	parts, err := finishWriters([]*Writer{w})
	if err != nil {
		t.Fatal(err)
	}
	id := ds.commitID(w.commit)
	c := &Commit{ID: id, Pending: true, Parts: parts}
	inputs := mapInputs(map[string]InputEntry{"a.txt": {SHA256: "00", Version: "test", RulesHash: "h", Commit: id}})
	if err := writeRecord(filepath.Join(dir, commitDir, c.ID+".json"), c, inputs, nil); err != nil {
		t.Fatal(err)
	}
	// And another run killed while writing: its parts have no commit.
	w2, _ := ds.NewWriter()
	w2.Write(testBatch())
	orphan := w2.documents.tmp

	if got := readTable[DocumentRow](t, dir, "documents"); len(got) != 0 {
		t.Fatalf("before recovery a reader sees %d documents; want 0", len(got))
	}
	ds2, err := Open(dir, "", "test", "h")
	if err != nil {
		t.Fatal(err)
	}
	if got := readTable[DocumentRow](t, dir, "documents"); len(got) != 1 {
		t.Errorf("after recovery: got %d documents; want 1", len(got))
	}
	if _, err := os.Stat(orphan); !os.IsNotExist(err) {
		t.Errorf("orphan part %s still there", orphan)
	}
	if !ds2.Done("a.txt", "00") {
		t.Error("the recovered commit's input is not done")
	}
}

// TestRecoverHalfWrittenRecords checks that a commit record or manifest
// that a killed run was writing is removed, and that a sharded run leaves
// a fresh temporary manifest alone, since another shard may be writing
// it.
func TestRecoverHalfWrittenRecords(t *testing.T) {
	dir := t.TempDir()
	if _, err := Open(dir, "", "test", "h"); err != nil {
		t.Fatal(err)
	}
	record := filepath.Join(dir, commitDir, ".all-20261127T000000.000000000-00001.json.123.tmp")
	manifest := filepath.Join(dir, "."+ManifestName+".456.tmp")
	for _, f := range []string{record, manifest} {
		if err := os.WriteFile(f, []byte(`{"id":`), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := Open(dir, "1/2", "test", "h"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(manifest); err != nil {
		t.Errorf("a shard removed a fresh temporary manifest: %v", err)
	}
	if _, err := os.Stat(record); err != nil {
		t.Errorf("a shard removed another run's temporary record: %v", err)
	}
	if _, err := Open(dir, "", "test", "h"); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{record, manifest} {
		if _, err := os.Stat(f); !os.IsNotExist(err) {
			t.Errorf("%s left after recovery", filepath.Base(f))
		}
	}
}

// TestNoBounds checks that every column written without bounds exists,
// since parquet-go ignores a name it does not know, and that a part
// keeps the bounds of doc_id and value while it drops those of the
// columns listed.
func TestNoBounds(t *testing.T) {
	schemas := map[string]*parquet.Schema{
		"documents": parquet.SchemaOf(DocumentRow{}), "sentences": parquet.SchemaOf(SentenceRow{}),
		"quantities": parquet.SchemaOf(QuantityRow{}), "times": parquet.SchemaOf(TimeRow{}),
		"entities": parquet.SchemaOf(EntityRow{}), "errors": parquet.SchemaOf(ErrorRow{}),
	}
	for table, cols := range noBounds {
		for _, col := range cols {
			if _, ok := schemas[table].Lookup(col); !ok {
				t.Errorf("noBounds: %s has no column %s", table, col)
			}
		}
	}

	dir := t.TempDir()
	w, err := NewWriter(dir, "part-bounds.parquet")
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(testBatch()); err != nil {
		t.Fatal(err)
	}
	parts, err := finishWriters([]*Writer{w})
	if err != nil {
		t.Fatal(err)
	}
	for _, pi := range parts {
		if pi.Table != "quantities" {
			continue
		}
		f, err := os.Open(tmpPartName(filepath.Join(dir, filepath.FromSlash(pi.Path))))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		st, _ := f.Stat()
		pf, err := parquet.OpenFile(f, st.Size())
		if err != nil {
			t.Fatal(err)
		}
		bounds := map[string]bool{}
		for _, c := range pf.Metadata().RowGroups[0].Columns {
			bounds[c.MetaData.PathInSchema[0]] = c.MetaData.Statistics.MinValue != nil
		}
		tests := []struct {
			col  string
			want bool
		}{{"doc_id", true}, {"value", true}, {"start", false}, {"raw_end", false}, {"unit", false}, {"indicator", false}, {"rule", false}}
		for _, tt := range tests {
			if bounds[tt.col] != tt.want {
				t.Errorf("quantities.%s: bounds %v; want %v", tt.col, bounds[tt.col], tt.want)
			}
		}
	}
}
