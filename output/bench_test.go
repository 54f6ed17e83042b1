package output

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baogao/baogao/corpus"
	"github.com/baogao/baogao/extract"
	"github.com/baogao/baogao/rules"
	"github.com/baogao/baogao/segment"
)

// testEngine loads the segmenter (fully) and the pipeline of the
// built-in rules, and returns the rules' hash.
func testEngine(tb testing.TB) (*segment.Segmenter, *extract.Pipeline, string) {
	tb.Helper()
	seg, err := segment.Default()
	if err != nil {
		tb.Fatal(err)
	}
	if err := seg.Load(); err != nil {
		tb.Fatal(err)
	}
	set, err := rules.Builtin()
	if err != nil {
		tb.Fatal(err)
	}
	pipe, err := extract.New(set)
	if err != nil {
		tb.Fatal(err)
	}
	return seg, pipe, set.Hash()
}

// BenchmarkWrite measures building the sample's rows and writing them,
// again and again.
func BenchmarkWrite(b *testing.B) {
	benchWrite(b, false)
}

// BenchmarkWriteBatch measures the Parquet writer alone: the sample's
// rows, built once and written again and again.
func BenchmarkWriteBatch(b *testing.B) {
	benchWrite(b, true)
}

func benchWrite(b *testing.B, rowsOnce bool) {
	seg, pipe, _ := testEngine(b)
	d := corpus.Sample()
	sents := seg.Sentences(d.Text, paragraphSpans(d))
	recs := pipe.Extract(&extract.Doc{Text: d.Text, Sentences: sents})
	batch := NewBatch(d, sents, &recs)
	w, err := NewWriter(b.TempDir(), "part-bench.parquet")
	if err != nil {
		b.Fatal(err)
	}
	defer w.Abort()
	b.SetBytes(int64(len(d.Raw)))
	b.ReportAllocs()
	for b.Loop() {
		if !rowsOnce {
			batch = NewBatch(d, sents, &recs)
		}
		if err := w.Write(batch); err != nil {
			b.Fatal(err)
		}
		if !rowsOnce {
			batch.Release() // as a run releases a written batch
		}
	}
}

// BenchmarkPipeline measures the whole job on one worker: read and
// decode, layout repair, segmentation, every extractor, Parquet written
// and committed, over 64 reports of about 12 KB.
func BenchmarkPipeline(b *testing.B) {
	seg, pipe, hash := testEngine(b)
	in := b.TempDir()
	paras := strings.Split(corpus.SampleText(), "\n\n")
	var total int64
	for i := range 64 {
		var s strings.Builder
		for j := range paras {
			s.WriteString(paras[(i+j)%len(paras)])
			s.WriteString("\n\n")
		}
		total += int64(s.Len())
		if err := os.WriteFile(filepath.Join(in, "r"+string(rune('a'+i%26))+string(rune('a'+i/26))+".txt"), []byte(s.String()), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	inputs, _, errs := corpus.Find([]string{in})
	if len(errs) > 0 {
		b.Fatal(errs)
	}
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		out := b.TempDir()
		_, err := Run(context.Background(), Job{Inputs: inputs, Out: out, Workers: 1,
			Segmenter: seg, Pipeline: pipe, RulesHash: hash, Version: "bench"})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNewBatch measures building the rows of the sample report from
// its records: code-point offsets and the row structs, in the memory of
// the batch released before, as in a run.
func BenchmarkNewBatch(b *testing.B) {
	seg, pipe, _ := testEngine(b)
	d := corpus.Sample()
	sents := seg.Sentences(d.Text, paragraphSpans(d))
	recs := pipe.Extract(&extract.Doc{Text: d.Text, Sentences: sents})
	b.SetBytes(int64(len(d.Raw)))
	b.ReportAllocs()
	for b.Loop() {
		NewBatch(d, sents, &recs).Release()
	}
}

// corpusRows are the processed documents of about 4 MB of the reports
// under $BG_CORPUS (a corpus directory, such as benchcorpus makes), with
// what NewBatch takes to build their rows; the benchmarks that use them
// are skipped unless it is set. Unlike the sample written again and
// again, they give the writer's dictionaries the many distinct doc_id and
// text values of a run.
type corpusRows struct {
	docs  []*corpus.Document
	sents [][]segment.Sentence
	recs  []extract.Records
	size  int64
}

func loadCorpusRows(b *testing.B) *corpusRows {
	dir := os.Getenv("BG_CORPUS")
	if dir == "" {
		b.Skip("BG_CORPUS not set")
	}
	seg, pipe, _ := testEngine(b)
	inputs, _, errs := corpus.Find([]string{dir})
	if len(errs) > 0 {
		b.Fatal(errs)
	}
	c := &corpusRows{}
	for _, in := range inputs {
		for d, err := range corpus.Read(in) {
			if err != nil {
				b.Fatal(err)
			}
			doc := pipe.Segment(seg, d.Text, paragraphSpans(d))
			doc.Published = d.Published
			c.docs = append(c.docs, d)
			c.sents = append(c.sents, doc.Sentences)
			c.recs = append(c.recs, pipe.Extract(doc))
			c.size += int64(len(d.Raw))
		}
		if c.size > 4<<20 {
			break
		}
	}
	return c
}

// BenchmarkWriteCorpus measures the Parquet writer as a run uses it: the
// rows of the corpus's documents, built once, written to a new part of
// every table, document by document, and the parts finished.
func BenchmarkWriteCorpus(b *testing.B) {
	c := loadCorpusRows(b)
	batches := make([]*Batch, len(c.docs))
	for i, d := range c.docs {
		batches[i] = NewBatch(d, c.sents[i], &c.recs[i])
	}
	dir := b.TempDir()
	b.SetBytes(c.size)
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n++
		w, err := NewWriter(dir, fmt.Sprintf("part-%d.parquet", n))
		if err != nil {
			b.Fatal(err)
		}
		for _, batch := range batches {
			if err := w.Write(batch); err != nil {
				b.Fatal(err)
			}
		}
		infos, err := finishWriters([]*Writer{w})
		if err != nil {
			b.Fatal(err)
		}
		for _, pi := range infos {
			os.Remove(tmpPartName(filepath.Join(dir, filepath.FromSlash(pi.Path))))
		}
	}
}

// BenchmarkNewBatchCorpus measures building the rows of the corpus's
// documents, each batch released, as a run releases it once written.
func BenchmarkNewBatchCorpus(b *testing.B) {
	c := loadCorpusRows(b)
	b.SetBytes(c.size)
	b.ReportAllocs()
	for b.Loop() {
		for i, d := range c.docs {
			NewBatch(d, c.sents[i], &c.recs[i]).Release()
		}
	}
}
