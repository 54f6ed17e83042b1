package extract

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/baogao/baogao/corpus"
	"github.com/baogao/baogao/rules"
	"github.com/baogao/baogao/segment"
)

// BenchmarkPipelineLayout runs the whole pipeline, every extractor after
// folding, over the sample report and the layout test pages (the texts
// the benchmark corpus varies), segmented before the timer starts.
func BenchmarkPipelineLayout(b *testing.B) {
	_, p, seg := benchEngine(b)
	docs, size := reportDocs(b, p, seg)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			p.Extract(d)
		}
	}
}

// BenchmarkPipelineCorpus is BenchmarkPipelineLayout over the texts of
// the directory BG_CORPUS (*/*.txt, as the bench corpus lays them out),
// segmented with the full dictionary before the timer starts; it is
// skipped when BG_CORPUS is not set.
func BenchmarkPipelineCorpus(b *testing.B) {
	dir := os.Getenv("BG_CORPUS")
	if dir == "" {
		b.Skip("BG_CORPUS is not set")
	}
	_, p, seg := benchEngine(b)
	files, err := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	if err != nil {
		b.Fatal(err)
	}
	var texts []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(data))
	}
	docs, size := segmentDocs(b, p, seg, texts)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			p.Extract(d)
		}
	}
}

// benchEngine returns the built-in rule set, its pipeline, and the
// default segmenter with its full dictionary loaded: no work of the
// segmenter's is left running in the background, so that instruction
// counts of the whole binary (cachegrind's) measure what a benchmark
// times.
func benchEngine(b *testing.B) (*rules.Set, *Pipeline, *segment.Segmenter) {
	b.Helper()
	set, err := rules.Builtin()
	if err != nil {
		b.Fatal(err)
	}
	p, err := New(set)
	if err != nil {
		b.Fatal(err)
	}
	seg, err := segment.Default()
	if err != nil {
		b.Fatal(err)
	}
	if err := seg.Load(); err != nil {
		b.Fatal(err)
	}
	return set, p, seg
}

// reportDocs reads, folds and segments the texts of reportTexts as a run
// does, and returns them with their length in bytes.
func reportDocs(b *testing.B, p *Pipeline, seg *segment.Segmenter) ([]*Doc, int) {
	b.Helper()
	return segmentDocs(b, p, seg, reportTexts(b))
}

// segmentDocs reads, folds and segments texts as a run does, and returns
// them with their length in bytes.
func segmentDocs(b *testing.B, p *Pipeline, seg *segment.Segmenter, texts []string) ([]*Doc, int) {
	b.Helper()
	var docs []*Doc
	size := 0
	for _, text := range texts {
		for d, err := range corpus.ReadBytes("report.txt", "txt", []byte(text)) {
			if err != nil {
				b.Fatal(err)
			}
			view := p.Fold(d.Text)
			paras := make([]segment.Span, len(d.Paragraphs))
			for j, q := range d.Paragraphs {
				paras[j] = segment.Span{Start: q.Start, End: q.End}
			}
			docs = append(docs, &Doc{Text: view, Original: d.Text, Sentences: seg.Sentences(view, paras), Published: d.Published})
			size += len(d.Text)
		}
	}
	return docs, size
}

// reportTexts returns the sample report and the layout test pages of
// corpus/testdata: real reports to run extractors over.
func reportTexts(tb testing.TB) []string {
	tb.Helper()
	texts := []string{corpus.SampleText()}
	files, err := filepath.Glob(filepath.Join("..", "corpus", "testdata", "layout", "*.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		texts = append(texts, string(data))
	}
	return texts
}
